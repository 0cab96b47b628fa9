"""Latency of free-text skill suggestions on the development set (tools/bridge_devset.py), this tree against a
base version of `_esco_lemma`, in one process: bench/free_text_latency.py's method on our own texts.

    git show BASE:shared/reference/_esco_lemma.py > /tmp/base_esco_lemma.py
    PYTHONPATH=. python tools/bridge_latency.py /tmp/base_esco_lemma.py [passes]
"""
from __future__ import annotations

import statistics
import sys
import time

sys.path.insert(0, "tools")
sys.path.insert(0, ".")

from bridge_devset import SCENARIOS  # noqa: E402

from bench.free_text_latency import _load  # noqa: E402


def main() -> None:
    from shared.reference import _esco_lemma as this

    base = _load(sys.argv[1])
    passes = int(sys.argv[2]) if len(sys.argv) > 2 else 5
    texts = [(lang, case[1 + n]) for case in SCENARIOS for n, lang in enumerate(("fi", "sv", "en"))]
    versions = {"base": base, "this": this}
    for module in versions.values():  # warm: indexes, thesaurus, lexicon, dictionary, lemma cache
        for lang, text in texts:
            module.rank(module.lemma_index(lang), text, 10)
    times: dict[tuple[str, str], list[float]] = {}
    for n in range(passes):
        for lang, text in texts:
            for name in ("base", "this") if n % 2 == 0 else ("this", "base"):
                module = versions[name]
                ix = module.lemma_index(lang)
                start = time.perf_counter()
                module.rank(ix, text, 10)
                times.setdefault((name, lang), []).append((time.perf_counter() - start) * 1000)
    for lang in ("fi", "sv", "en", "all"):
        row = []
        for name in ("base", "this"):
            ms = sorted(t for (nm, lg), ts in times.items() if nm == name and lang in (lg, "all") for t in ts)
            row.append((statistics.median(ms), ms[int(0.95 * (len(ms) - 1))], statistics.fmean(ms)))
        (bm, bp, ba), (tm, tp, ta) = row
        print(f"{lang:4s} base p50 {bm:6.2f} p95 {bp:6.2f} mean {ba:6.2f} ms | this p50 {tm:6.2f} p95 {tp:6.2f} "
              f"mean {ta:6.2f} ms | ratio p50 {tm / bm:.2f} mean {ta / ba:.2f}")


if __name__ == "__main__":
    main()
