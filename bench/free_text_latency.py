"""Latency of free-text skill suggestions (`_esco_lemma.rank`), this tree against a base version, in one process.

    git show main:shared/reference/_esco_lemma.py > /tmp/base_esco_lemma.py
    python bench/free_text_latency.py /tmp/base_esco_lemma.py [passes]

The base module is loaded beside this tree's (its imports resolve to this tree's other modules and data), both are
warmed, and every hand-written phrase of every set (fi, sv, en) is ranked (limit 10) by each in alternation, text by
text, for a number of passes. Prints per-language and overall median, p95 and mean per text, and the ratio
this / base of the medians and means.
"""
from __future__ import annotations

import importlib.util
import statistics
import sys
import time


def _load(path: str):
    spec = importlib.util.spec_from_file_location("base_esco_lemma", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules["base_esco_lemma"] = module
    spec.loader.exec_module(module)
    return module


def main() -> None:
    from services.matching.domain import free_text_evaluation as ev

    sets = (ev.PHRASES, ev.DEVELOPMENT_PHRASES, ev.UNSEEN_PHRASES, ev.HELDOUT_DEC7)
    compare(sys.argv[1], [(lang, text) for phrases in sets for lang, text, _ in phrases],
            int(sys.argv[2]) if len(sys.argv) > 2 else 5)


def compare(base_path: str, texts: list[tuple[str, str]], passes: int) -> None:
    """Rank every (lang, text) with the base module at base_path and with this tree's, warmed, in alternation,
    and print the per-language figures and ratios."""
    from shared.reference import _esco_lemma as this

    base = _load(base_path)
    versions = {"base": base, "this": this}
    for module in versions.values():  # warm: indexes, thesaurus, lexicon, lemma cache
        for lang, text in texts:
            module.rank(module.lemma_index(lang), text, 10)
    times: dict[tuple[str, str], list[float]] = {}
    for n in range(passes):
        for lang, text in texts:
            order = ("base", "this") if n % 2 == 0 else ("this", "base")
            for name in order:
                module = versions[name]
                ix = module.lemma_index(lang)
                start = time.perf_counter()
                module.rank(ix, text, 10)
                times.setdefault((name, lang), []).append((time.perf_counter() - start) * 1000)
    for lang in ("fi", "sv", "en", "all"):
        row = []
        for name in ("base", "this"):
            ms = [t for (nm, lg), ts in times.items() if nm == name and lang in (lg, "all") for t in ts]
            ms.sort()
            row.append((statistics.median(ms), ms[int(0.95 * (len(ms) - 1))], statistics.fmean(ms)))
        (bm, bp, ba), (tm, tp, ta) = row
        print(f"{lang:4s} base p50 {bm:6.2f} p95 {bp:6.2f} mean {ba:6.2f} ms | this p50 {tm:6.2f} p95 {tp:6.2f} "
              f"mean {ta:6.2f} ms | ratio p50 {tm / bm:.2f} mean {ta / ba:.2f}")


if __name__ == "__main__":
    main()
