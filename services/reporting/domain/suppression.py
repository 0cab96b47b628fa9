"""Small-cell suppression: counts of 1–4 persons are hidden, and so is whatever would give them away.

A table is a set of cells with known values and a list of *lines*: each line says that its last
cell (a total) is the sum of the others. Publishing a table publishes every cell that is not hidden.

1. Primary suppression hides every cell whose value is 1–4 (`THRESHOLD` = 5).
2. Secondary suppression, repeated until nothing changes: a line with exactly one hidden cell gives
   it away (its total minus the rest), so hide the next smallest non-zero cell on that line, interior
   cells before totals. Then a hidden cell is still *exposed* when the lines together pin its value
   down, i.e. its unit vector lies in the row space of the lines restricted to the hidden cells (no
   null-space direction of that system moves it): hide the next smallest cell on a line through it.
   Each step hides one more cell, so it ends, at worst with whole lines hidden.
"""
from __future__ import annotations

from collections.abc import Hashable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, cast

import numpy as np

THRESHOLD = 5
SUPPRESSED = "<5"  # the mark of a count of 1–4 (primary suppression)
PROTECTING = "x"  # the mark of a cell hidden only so that another hidden cell cannot be worked out
UNTOLD = ".."  # the mark of a hidden cell whose size is not told, where "<5" or "x" would give a cell away

# Any hashable key; Any rather than Hashable so that callers keep their own key type (tables use
# (row, column) pairs) without casts.
Cell = Any


@dataclass(frozen=True)
class Line:
    """`total` is the sum of `parts`."""

    parts: tuple[Cell, ...]
    total: Cell

    @property
    def cells(self) -> tuple[Cell, ...]:
        return (*self.parts, self.total)


def is_small(value: int | None) -> bool:
    """A count of 1–4 persons: shown as "<5"."""
    return value is not None and 0 < value < THRESHOLD


def primary(values: dict[Cell, int]) -> set[Cell]:
    """The cells that are too small to show."""
    return {cell for cell, value in values.items() if is_small(value)}


def _balanced(ends: dict[Cell, list], sign: dict | None = None) -> bool:
    """Whether lines can be signed so that every cell on two lines cancels out along any cycle:
    sign(p)·sign(q) = −coef(p)·coef(q) for each cell on lines p and q (true of every two-way table
    with totals; false of, say, three lines a+b, b+c, a+c, which pin down a, b and c). `sign`, when
    given, receives such a sign (±1) of every line on which a cell is with another line."""
    neighbours: dict = {}
    for nodes in ends.values():
        if len(nodes) == 2:
            (p, a), (q, b) = nodes
            neighbours.setdefault(p, []).append((q, -a * b))
            neighbours.setdefault(q, []).append((p, -a * b))
    if sign is None:
        sign = {}
    for start in neighbours:
        if start in sign:
            continue
        sign[start] = 1
        stack = [start]
        while stack:
            node = stack.pop()
            for other, product in neighbours[node]:
                wanted = sign[node] * product
                if other not in sign:
                    sign[other] = wanted
                    stack.append(other)
                elif sign[other] != wanted:
                    return False
    return True


def _bridges(hidden: set[Cell], lines: Sequence[Line]) -> list[Cell] | None:
    """Exposed cells by graph: lines are nodes, hidden cells edges (a cell on one line joins it to a common
    "free" node). In a balanced system a cell is pinned down exactly when its edge is a bridge, i.e. on no
    cycle along which values could move. None when that does not apply (then the rank test decides)."""
    ends: dict[Cell, list] = {}
    for i, line in enumerate(lines):
        for cell in line.parts:
            if cell in hidden:
                ends.setdefault(cell, []).append((i, 1))
        if line.total in hidden:
            ends.setdefault(line.total, []).append((i, -1))
    if any(len(nodes) > 2 for nodes in ends.values()) or not _balanced(ends):
        return None
    edges = [(cell, nodes[0][0], nodes[1][0] if len(nodes) == 2 else "free") for cell, nodes in ends.items()]
    adjacent: dict = {}
    for index, (_cell, a, b) in enumerate(edges):
        adjacent.setdefault(a, []).append((b, index))
        adjacent.setdefault(b, []).append((a, index))
    order: dict = {}
    low: dict = {}
    found = []
    for root in adjacent:
        if root in order:
            continue
        order[root] = low[root] = len(order)
        stack: list[tuple[Any, int | None, Iterator]] = [(root, None, iter(adjacent[root]))]
        while stack:  # Tarjan's bridges, without recursion
            node, via, neighbours = stack[-1]
            for other, index in neighbours:
                if index == via:
                    continue
                if other in order:
                    low[node] = min(low[node], order[other])
                else:
                    order[other] = low[other] = len(order)
                    stack.append((other, index, iter(adjacent[other])))
                    break
            else:
                stack.pop()
                if stack:
                    parent = stack[-1][0]
                    low[parent] = min(low[parent], low[node])
                    if low[node] > order[parent]:
                        found.append(edges[cast(int, via)][0])  # not the root: reached via an edge
    return sorted(found, key=repr)


def _rank_exposed(hidden: set[Cell], lines: Sequence[Line]) -> list[Cell]:
    order = sorted(hidden, key=repr)
    index = {cell: i for i, cell in enumerate(order)}
    rows = []
    for line in lines:
        row = np.zeros(len(order))
        for cell in line.parts:
            if cell in index:
                row[index[cell]] += 1.0
        if line.total in index:
            row[index[line.total]] -= 1.0
        if row.any():
            rows.append(row)
    if not rows:
        return []
    # Null space of the system: directions the hidden values may move in without breaking a line.
    _u, singular, vt = np.linalg.svd(np.array(rows))
    rank = int((singular > 1e-9).sum())
    null = vt[rank:]
    free = np.abs(null).max(axis=0) > 1e-9 if null.size else np.zeros(len(order), dtype=bool)
    return [cell for cell, movable in zip(order, free) if not movable]


def exposed(hidden: set[Cell], lines: Sequence[Line]) -> list[Cell]:
    """Hidden cells whose value the published cells and the lines determine, in a stable order.

    Algebraically: a cell's unit vector lies in the row space of the lines restricted to the hidden
    cells. When every cell is on at most two lines and the signs balance (every table here) that is the
    same as its edge being a bridge of the lines' graph, found in linear time; otherwise by the rank of
    the system.
    """
    found = _bridges(hidden, lines)
    return found if found is not None else _rank_exposed(hidden, lines)


def _smallest(cells, hidden: set[Cell], values: dict[Cell, int], totals: set[Cell]) -> Cell | None:
    """The cell to hide next among `cells`: the smallest non-zero interior cell, then totals, zeros last."""
    options = [(values[c] == 0, c in totals, values[c], repr(c), c) for c in cells if c not in hidden]
    return min(options, key=lambda option: option[:4])[-1] if options else None


def protect_next(target: Cell, hidden: set[Cell], values: dict[Cell, int], lines: Sequence[Line]) -> Cell | None:
    """The cell to hide next so that `target` is better protected: the smallest on a line through it."""
    totals = {line.total for line in lines}
    return _smallest([c for line in lines if target in line.cells for c in line.cells], hidden, values, totals)


def suppress(values: dict[Cell, int], lines: Iterable[Line] = (), hidden: Iterable[Cell] = ()) -> set[Cell]:
    """The cells to hide: primary (1–4), `hidden` (already hidden for another reason) and secondary (so
    that no hidden value can be worked out).

    Each round first applies the simple rule to every line (a line with exactly one hidden cell gives
    it away: hide the next smallest on it), and only when no line needs that, the exposure test (hide
    the next smallest on a line through an exposed cell).
    """
    lines = [line for line in lines if all(cell in values for cell in line.cells)]
    totals = {line.total for line in lines}
    hidden = primary(values) | set(hidden)
    while True:
        added = False
        for line in lines:
            if sum(1 for c in line.cells if c in hidden) == 1:
                extra = _smallest(line.cells, hidden, values, totals)
                if extra is not None:
                    hidden.add(extra)
                    added = True
        if added:
            continue
        for target in exposed(hidden, lines):
            extra = protect_next(target, hidden, values, lines)
            if extra is not None:
                hidden.add(extra)
                break
        else:
            return hidden


def grid_lines(rows: Sequence[Hashable], columns: Sequence[Hashable], row_total: Hashable | None,
               column_total: Hashable | None) -> list[Line]:
    """The lines of a two-way table whose cells are (row, column) pairs, with a total row and/or column."""
    lines = []
    if column_total is not None:
        for row in (*rows, *([row_total] if row_total is not None else [])):
            lines.append(Line(tuple((row, c) for c in columns), (row, column_total)))
    if row_total is not None:
        for column in (*columns, *([column_total] if column_total is not None else [])):
            lines.append(Line(tuple((r, column) for r in rows), (row_total, column)))
    return lines
