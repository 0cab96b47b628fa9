"""Ranking many needs at once, split over forked worker processes.

Forking is safe only in a process without other threads (a CLI command or a dedicated
worker), so the engine's default is one worker.
"""
from __future__ import annotations

import multiprocessing
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from services.matching.domain.ranking import RankedList

Ranker = Callable[[int], "RankedList"]
_RANKER: Ranker | None = None  # set in the parent before forking; the children inherit it


def _rank_chunk(rows: Sequence[int]) -> list[tuple[int, list, list, bool]]:
    assert _RANKER is not None
    out = []
    for row in rows:
        ranked = _RANKER(row)
        out.append((row, ranked.keys, ranked.rows, ranked.complete))
    return out


def rank_many(rank: Ranker, rows: Sequence[int], workers: int = 1) -> dict[int, RankedList]:
    """Rank every given need row, in `workers` forked processes when more than one."""
    from services.matching.domain.ranking import RankedList

    if workers <= 1 or len(rows) < 2 * workers:
        return {row: rank(row) for row in rows}
    global _RANKER
    _RANKER = rank
    chunk = max(1, len(rows) // (workers * 8))
    chunks = [rows[i:i + chunk] for i in range(0, len(rows), chunk)]
    try:
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            results = pool.map(_rank_chunk, chunks)
    finally:
        _RANKER = None
    ranked = {}
    for part in results:
        for row, keys, listed, complete in part:
            ranked[row] = RankedList(list(zip(keys, listed)), complete)
    return ranked
