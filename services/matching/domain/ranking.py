"""Per-need ranked lists kept exact under single-profile changes."""
from __future__ import annotations

import bisect
import math

import numpy as np


def top_rows(rows: np.ndarray, scores: np.ndarray, ids: list[str], depth: int) -> list[tuple[tuple[float, str], int]]:
    """The best `depth` rows by (score desc, id asc), ties at the cut resolved by id."""
    if len(rows) > depth:
        cut = np.partition(scores, len(scores) - depth)[len(scores) - depth]
        keep = scores >= cut
        rows, scores = rows[keep], scores[keep]
    entries = sorted(((-float(s), ids[r]), int(r)) for r, s in zip(rows, scores))
    return entries[:depth]


class RankedList:
    """A need's best profiles, exactly the top len(keys) of all eligible ones.

    When `complete` it holds every eligible profile. Keys are (-score, profile id).
    """

    __slots__ = ("keys", "rows", "complete")

    def __init__(self, entries: list[tuple[tuple[float, str], int]], complete: bool) -> None:
        self.keys = [key for key, _ in entries]
        self.rows = [row for _, row in entries]
        self.complete = complete

    def visible(self, k: int) -> list[int]:
        """Rows of the first k entries."""
        return self.rows[:k]

    @property
    def threshold(self) -> float:
        """Scores under this cannot enter; +inf when nothing is known to be beatable."""
        if self.complete:
            return -math.inf
        return -self.keys[-1][0] if self.keys else math.inf

    def discard(self, row: int) -> bool:
        """Remove a row if present; the rest stays an exact top."""
        try:
            i = self.rows.index(row)
        except ValueError:
            return False
        del self.keys[i], self.rows[i]
        return True

    def offer(self, key: tuple[float, str], row: int, depth: int) -> int | None:
        """Insert a row whose current key is given if it belongs; returns a row pushed out."""
        if not self.complete and (not self.keys or key > self.keys[-1]):
            return None
        i = bisect.bisect_left(self.keys, key)
        self.keys.insert(i, key)
        self.rows.insert(i, row)
        if len(self.keys) > depth:
            self.keys.pop()
            self.complete = False
            return self.rows.pop()
        return None


class Shortlists:
    """Every need's RankedList, which lists hold each profile, and each list's entry threshold."""

    def __init__(self) -> None:
        self.lists: dict[int, RankedList] = {}
        self._holding: dict[int, set[int]] = {}  # profile row -> need rows whose list holds it
        self._threshold = np.full(0, math.inf)

    def reset(self, lists: dict[int, RankedList]) -> None:
        """Replace every list (after a full recompute)."""
        self.lists, self._holding = {}, {}
        for need_row, ranked in lists.items():
            self.put(need_row, ranked)

    def put(self, need_row: int, ranked: RankedList, old_rows: set[int] | None = None) -> None:
        """Store a need's list; old_rows are the rows it held before (default: as stored)."""
        if old_rows is None:
            old = self.lists.get(need_row)
            old_rows = set(old.rows) if old else set()
        self.lists[need_row] = ranked
        new_rows = set(ranked.rows)
        for row in old_rows - new_rows:
            self._holding[row].discard(need_row)
        for row in new_rows - old_rows:
            self._holding.setdefault(row, set()).add(need_row)
        self.thresholds(need_row + 1)[need_row] = ranked.threshold

    def drop(self, need_row: int) -> RankedList | None:
        """Forget a need's list, returning it."""
        ranked = self.lists.pop(need_row, None)
        if ranked is not None:
            for row in ranked.rows:
                self._holding[row].discard(need_row)
            self._threshold[need_row] = math.inf
        return ranked

    def holding(self, profile_row: int) -> set[int]:
        """Need rows whose list holds a profile row."""
        return set(self._holding.get(profile_row, ()))

    def thresholds(self, n: int) -> np.ndarray:
        """Entry thresholds of need rows 0..n-1 (+inf where a need has no list)."""
        if len(self._threshold) < n:
            grown = np.full(max(n, 2 * len(self._threshold)), math.inf)
            grown[:len(self._threshold)] = self._threshold
            self._threshold = grown
        return self._threshold[:n]
