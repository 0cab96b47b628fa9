"""Recall@5 of free-text skill suggestions on the hand-written development set (tools/bridge_devset.py).

    PYTHONPATH=. python tools/bridge_recall.py [-v]

A case counts as found when any of its wanted skills is among the first five suggestions (language given); the
mean reciprocal rank of the first wanted skill among the first ten is printed beside it, to see smaller moves.
"""
from __future__ import annotations

import sys
import time

sys.path.insert(0, "tools")

from bridge_devset import SCENARIOS  # noqa: E402

from shared.reference._esco_lemma import suggest  # noqa: E402


def main() -> None:
    verbose = "-v" in sys.argv
    start = time.perf_counter()
    for n, lang in enumerate(("fi", "sv", "en")):
        found, reciprocal = 0, 0.0
        for case in SCENARIOS:
            wanted, text = set(case[0]), case[1 + n]
            hits = suggest(text, lang, 10)
            first = next((k for k, h in enumerate(hits) if h.uri in wanted), None)
            ok = first is not None and first < 5
            found += ok
            reciprocal += 1 / (first + 1) if first is not None else 0.0
            hits = hits[:5]
            if verbose:
                print(f"{'+' if ok else '-'} {lang} {text!r}")
                for h in hits:
                    print(f"      {'*' if h.uri in wanted else ' '} {h.label} {h.read_as}")
        print(f"{lang}: {found}/{len(SCENARIOS)} MRR@10 {reciprocal / len(SCENARIOS):.3f}")
    print(f"{time.perf_counter() - start:.1f} s")


if __name__ == "__main__":
    main()
