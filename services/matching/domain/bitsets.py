"""Sets of short strings (languages, areas, work types, fields) as bit words per row."""
from __future__ import annotations

from collections.abc import Iterable
from typing import cast

import numpy as np


class Vocabulary:
    """Assigns each string a bit position, growing as new strings appear."""

    def __init__(self) -> None:
        self.bits: dict[str, int] = {}
        self._cache: dict[frozenset[str], np.ndarray] = {}

    def bit(self, value: str) -> int:
        """The bit of a value, assigning the next free one to a new value."""
        return self.bits.setdefault(value, len(self.bits))

    @property
    def width(self) -> int:
        """Number of 64-bit words a set needs."""
        return max(1, (len(self.bits) + 63) // 64)

    def words(self, values: Iterable[str]) -> np.ndarray:
        """A set as uint64 words (read-only; cached, as few distinct sets recur)."""
        key = values if isinstance(values, frozenset) else frozenset(values)
        words = self._cache.get(key)
        if words is None:
            mask = 0
            for value in key:
                mask |= 1 << self.bit(value)
            words = np.frombuffer(mask.to_bytes(8 * self.width, "little"), "<u8").astype(np.uint64)
            words.flags.writeable = False
            if len(self._cache) < 100_000:
                self._cache[key] = words
        return words


class BitColumn:
    """One set-valued attribute for many rows, with vectorised set tests."""

    def __init__(self, vocabulary: Vocabulary, capacity: int) -> None:
        self.vocabulary = vocabulary
        self.data = np.zeros((capacity, 1), np.uint64)

    def grow(self, capacity: int) -> None:
        """Make room for more rows."""
        if capacity <= len(self.data):
            return
        extra = np.zeros((capacity - len(self.data), self.data.shape[1]), np.uint64)
        self.data = np.vstack([self.data, extra])

    def set(self, row: int, values: Iterable[str]) -> None:
        """Store a row's set."""
        words = self.vocabulary.words(values)
        if len(words) > self.data.shape[1]:
            self._widen(len(words))
        self.data[row, :len(words)] = words
        self.data[row, len(words):] = 0

    def query(self, values: Iterable[str]) -> np.ndarray:
        """A query set as words of this column's width."""
        words = self.vocabulary.words(values)
        self._widen(len(words))
        return np.pad(words, (0, self.data.shape[1] - len(words)))

    def _widen(self, width: int) -> None:
        if width > self.data.shape[1]:
            self.data = np.pad(self.data, ((0, 0), (0, width - self.data.shape[1])))

    def _rows(self, rows: np.ndarray | int) -> np.ndarray:
        """Selected rows, or the first `rows` rows when an int (a view, no copy)."""
        return self.data[:rows] if isinstance(rows, int) else self.data[rows]

    def empty(self, rows: np.ndarray | int) -> np.ndarray:
        """Rows whose set is empty."""
        data = self._rows(rows)
        empty = data[:, 0] == 0 if data.shape[1] == 1 else ~data.any(axis=1)
        return cast(np.ndarray, empty)

    def intersects(self, rows: np.ndarray | int, query: np.ndarray) -> np.ndarray:
        """Rows whose set shares a value with the query."""
        data = self._rows(rows)
        return (data[:, 0] & query[0]) != 0 if data.shape[1] == 1 else (data & query).any(axis=1)

    def meets(self, rows: np.ndarray | int, query: np.ndarray) -> np.ndarray:
        """Rows with no restriction (empty set) or sharing a value with the query."""
        data = self._rows(rows)
        if data.shape[1] == 1:
            column = data[:, 0]
            return ((column & query[0]) != 0) | (column == 0)
        return self.empty(rows) | self.intersects(rows, query)

    def contains_all(self, rows: np.ndarray | int, query: np.ndarray) -> np.ndarray:
        """Rows whose set includes every value of the query."""
        data = self._rows(rows)
        return (data[:, 0] & query[0]) == query[0] if data.shape[1] == 1 else ~(query & ~data).any(axis=1)

    def within(self, rows: np.ndarray | int, query: np.ndarray) -> np.ndarray:
        """Rows whose set is a subset of the query."""
        data = self._rows(rows)
        return (data[:, 0] & ~query[0]) == 0 if data.shape[1] == 1 else ~(data & ~query).any(axis=1)

    def common(self, rows: np.ndarray | int, query: np.ndarray) -> np.ndarray:
        """Number of values each row shares with the query."""
        return popcount(self._rows(rows) & query)

    def size(self, rows: np.ndarray | int) -> np.ndarray:
        """Number of values in each row's set."""
        return popcount(self._rows(rows))


def popcount(words: np.ndarray) -> np.ndarray:
    """Set bits per row of a 2-D uint64 array."""
    if hasattr(np, "bitwise_count"):  # numpy >= 2
        return np.bitwise_count(words).sum(axis=1, dtype=np.int64)
    bits = np.unpackbits(np.ascontiguousarray(words).view(np.uint8), axis=1)
    return bits.sum(axis=1, dtype=np.int64)


class Vocabularies:
    """The vocabularies profiles and needs share, so their bit words line up."""

    def __init__(self) -> None:
        self.work_types, self.areas = Vocabulary(), Vocabulary()
        self.languages, self.fields = Vocabulary(), Vocabulary()
