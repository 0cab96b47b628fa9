"""Indicator tables as every output shows them: rows, columns, counts of persons, totals, suppression.

A table is built from raw counts and then *published*: totals are added, small cells and what would
give them away are hidden (see suppression.py), and means are shown only beside a visible n of at
least five and, in a distribution, only when they give no hidden count away. Pages, exports, the PDF and
open data all render the same published table.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from scipy.optimize import linprog

from services.reporting.domain.suppression import SUPPRESSED, THRESHOLD, Line, grid_lines, suppress

TOTAL = "total"


def N_(message: str) -> str:  # noqa: N802 - babel's keyword for "translate later"
    """Mark a message id for translation: pages and exports translate it, open data keeps English."""
    return message


@dataclass(frozen=True)
class Header:
    """A row or column: a key, and the dimension that names it (e.g. "gender", "organisation", "column")."""

    key: str
    dimension: str = "column"


@dataclass
class Table:
    """A published table; `cell(row, column)` is what anyone may see."""

    key: str
    title: str
    rows: list[Header]
    columns: list[Header]
    values: dict[tuple[str, str], Any]
    hidden: set[tuple[str, str]] = field(default_factory=set)
    kinds: dict[str, str] = field(default_factory=dict)  # column -> "count" (default), "mean", "ratio", "number"
    note: str | None = None
    row_dimension: str = "row"
    note_values: dict = field(default_factory=dict)  # placeholders of the note

    def kind(self, column: str) -> str:
        return self.kinds.get(column, "count")

    def cell(self, row: str, column: str) -> int | float | str | None:
        """The value as published: a number, "<5" for a hidden count, None where nothing is shown."""
        if (row, column) in self.hidden:
            return SUPPRESSED if self.kind(column) == "count" else None
        return self.values.get((row, column))

    def value(self, row: str, column: str) -> Any:
        """The unpublished value (for charts of the same table: never show it where `cell` hides it)."""
        return self.values.get((row, column))

    def to_dict(self) -> dict:
        """The published table as JSON-friendly data (keys, not labels)."""
        return {
            "key": self.key, "title": self.title, "row_dimension": self.row_dimension,
            "columns": [{"key": c.key, "dimension": c.dimension, "kind": self.kind(c.key)} for c in self.columns],
            "rows": [{"key": r.key, "dimension": r.dimension,
                      "cells": {c.key: self.cell(r.key, c.key) for c in self.columns}} for r in self.rows],
            "note": self.note % self.note_values if self.note and self.note_values else self.note,
        }


def count_table(key: str, title: str, *, rows: Sequence[Header], columns: Sequence[Header],
                counts: dict[tuple[str, str], int], total_row: bool = True, total_column: bool = True,
                totals: dict[tuple[str, str], int] | None = None, note: str | None = None,
                row_dimension: str = "row") -> Table:
    """A table of person counts with totals, suppressed.

    `totals` gives totals that are not sums (distinct persons over overlapping rows); they are published
    and protected the same way, as if they were sums (which hides at least as much).
    """
    rows, columns = list(rows), list(columns)
    values: dict[tuple[str, str], int] = {(r.key, c.key): int(counts.get((r.key, c.key), 0))
                                          for r in rows for c in columns}
    row_keys, column_keys = [r.key for r in rows], [c.key for c in columns]
    if total_column:
        for r in row_keys:
            values[(r, TOTAL)] = sum(values[(r, c)] for c in column_keys)
    if total_row:
        for c in column_keys + ([TOTAL] if total_column else []):
            values[(TOTAL, c)] = sum(values[(r, c)] for r in row_keys)
    values.update({k: int(v) for k, v in (totals or {}).items() if k in values})
    lines = grid_lines(row_keys, column_keys, TOTAL if total_row else None, TOTAL if total_column else None)
    hidden = suppress(values, lines)
    out_rows = rows + ([Header(TOTAL, "total")] if total_row else [])
    out_columns = columns + ([Header(TOTAL, "total")] if total_column else [])
    return Table(key, title, out_rows, out_columns, values, hidden, note=note, row_dimension=row_dimension)


@dataclass(frozen=True)
class Distribution:
    """Answers on a scale for one row (a survey item, a criterion): counts per value."""

    counts: dict[int, int]

    @property
    def n(self) -> int:
        return sum(self.counts.values())

    @property
    def mean(self) -> float | None:
        return sum(v * c for v, c in self.counts.items()) / self.n if self.n else None


def mean_gives_away(values: dict, cells: Sequence[tuple[str, str]], hidden: set, mean: float | None) -> bool:
    """Whether a row's mean, published to two decimals beside its n and visible counts, pins a hidden count
    down: n and the mean are two equations over the hidden counts (of answer values `cells[i][1]`), and with
    counts ≥ 0 a hidden count is exposed when the least and the most it can be lie less than 1 apart."""
    unknown = [c for c in cells if c in hidden]
    if mean is None or not unknown:
        return False
    scale = [float(c[1]) for c in unknown]
    rest = sum(values[c] for c in unknown)
    n = rest + sum(values[c] for c in cells if c not in hidden)
    visible = sum(float(c[1]) * values[c] for c in cells if c not in hidden)
    # What the mean, rounded to two decimals, says of the hidden counts' weighted sum.
    a_ub, b_ub = [scale, [-v for v in scale]], [(mean + 0.005) * n - visible, visible - (mean - 0.005) * n]
    for i in range(len(unknown)):
        objective = [1.0 if j == i else 0.0 for j in range(len(unknown))]
        low = linprog(objective, A_ub=a_ub, b_ub=b_ub, A_eq=[[1.0] * len(unknown)], b_eq=[rest], method="highs")
        high = linprog([-x for x in objective], A_ub=a_ub, b_ub=b_ub, A_eq=[[1.0] * len(unknown)], b_eq=[rest],
                       method="highs")
        if low.status != 0 or high.status != 0 or -high.fun - low.fun < 1 - 1e-6:
            return True
    return False


def distribution_table(key: str, title: str, *, rows: Sequence[Header], scale: Sequence[int],
                       distributions: dict[str, Distribution], note: str | None = None,
                       row_dimension: str = "row") -> Table:
    """Per row: n, mean and the count of each answer value; counts suppressed, a mean only beside n ≥ 5
    and where it gives no hidden count away."""
    value_columns = [Header(str(v), "scale_value") for v in scale]
    counts = {(r.key, str(v)): distributions.get(r.key, Distribution({})).counts.get(v, 0)
              for r in rows for v in scale}
    base = count_table(key, title, rows=rows, columns=value_columns, counts=counts, total_row=False,
                       total_column=True, note=note, row_dimension=row_dimension)
    columns = [Header("n", "column"), Header("mean", "column"), *value_columns]
    values = {(r.key, c.key): base.values[(r.key, c.key)] for r in rows for c in value_columns}
    hidden = {cell for cell in base.hidden if cell[1] != TOTAL}
    for r in rows:
        n = base.values[(r.key, TOTAL)]
        values[(r.key, "n")] = n
        if (r.key, TOTAL) in base.hidden:
            hidden.add((r.key, "n"))
        mean = distributions.get(r.key, Distribution({})).mean
        values[(r.key, "mean")] = round(mean, 2) if mean is not None else None
        if (n < THRESHOLD or (r.key, TOTAL) in base.hidden
                or mean_gives_away(values, [(r.key, c.key) for c in value_columns], hidden, values[(r.key, "mean")])):
            hidden.add((r.key, "mean"))
    return Table(key, title, list(rows), columns, values, hidden, kinds={"mean": "mean"}, note=note,
                 row_dimension=row_dimension)


def measure_table(key: str, title: str, *, rows: Sequence[Header], n_column: str,
                  columns: Sequence[tuple[str, str]], values: dict[tuple[str, str], Any],
                  note: str | None = None, row_dimension: str = "row") -> Table:
    """Rows of measures (means, shares) beside their n: a row whose n is hidden shows none of them.

    `columns` are (key, kind) pairs. The n column is a count of persons, suppressed with the total row
    (the row keyed TOTAL, if any) as its line, so a hidden n cannot be worked out from the others.
    """
    headers = [Header(n_column, "column"), *[Header(k, "column") for k, _ in columns]]
    ns = {(r.key, n_column): int(values.get((r.key, n_column)) or 0) for r in rows}
    parts = tuple((r.key, n_column) for r in rows if r.key != TOTAL)
    lines = [Line(parts, (TOTAL, n_column))] if (TOTAL, n_column) in ns else []
    hidden_n = suppress(ns, lines)
    hidden: set[tuple[str, str]] = set()
    for r in rows:
        if (r.key, n_column) in hidden_n:
            hidden.update((r.key, h.key) for h in headers)
        elif ns[(r.key, n_column)] == 0:
            hidden.update((r.key, k) for k, _ in columns if values.get((r.key, k)) is None)
    kinds = {k: kind for k, kind in columns}
    return Table(key, title, list(rows), headers, dict(values), hidden, kinds=kinds, note=note,
                 row_dimension=row_dimension)


def shown(table: Table, row: str, column: str) -> str:
    """A cell as text: "<5", "–" for nothing, a mean with one decimal, a count as is."""
    value = table.cell(row, column)
    if value is None:
        return "–"
    if table.kind(column) == "share":
        return f"{value * 100:.0f} %"
    if isinstance(value, float):
        return f"{value:.1f}" if table.kind(column) in ("mean", "number") else f"{value:.2f}"
    return str(value)


def only_rows(table: Table, keep: set[str]) -> Table:
    """The same published table with some rows left out (a manager sees their own and the totals)."""
    rows = [r for r in table.rows if r.key in keep]
    return Table(table.key, table.title, rows, table.columns, table.values, table.hidden, table.kinds,
                 table.note, table.row_dimension, table.note_values)
