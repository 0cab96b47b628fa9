"""Indicator tables as every output shows them: rows, columns, counts of persons, totals, suppression.

A table is built from raw counts and then *published*: totals are added, small cells and what would
give them away are hidden (see suppression.py), and means are shown only beside a visible n of at
least five and, in a distribution, only when they give no hidden count away. Pages, exports, the PDF and
open data all render the same published table.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from services.reporting.domain.bounds import Mean, secure
from services.reporting.domain.suppression import (
    PROTECTING,
    SUPPRESSED,
    THRESHOLD,
    UNTOLD,
    Line,
    grid_lines,
    is_small,
    suppress,
)
from shared import formats

TOTAL = "total"


def N_(message: str) -> str:  # noqa: N802 - babel's keyword for "translate later"
    """Mark a message id for translation: pages and exports translate it, open data keeps English."""
    return message


# The marks a published table may hold instead of a number, and what each means (the legend of every
# table, file and document; English message ids, translated where people read them).
MARKS = (
    (SUPPRESSED, N_("fewer than five persons (1–4)")),
    (PROTECTING, N_("hidden so that another hidden figure cannot be worked out")),
    (UNTOLD, N_("hidden, without telling its size, which would give another figure away")),
    ("–", N_("nothing to show")),
)


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
    lines: list[Line] = field(default_factory=list)  # the count cells' totals: what suppression protected
    untold: set[tuple[str, str]] = field(default_factory=set)  # hidden counts shown as ".." (no size mark)
    persons: bool = True  # counts of persons (protected); False: counts of events, shown as they are

    def kind(self, column: str) -> str:
        return self.kinds.get(column, "count")

    def cell(self, row: str, column: str) -> int | float | str | None:
        """The value as published: a number; "<5" for a count of 1–4; "x" for a figure hidden to protect
        another cell; ".." for a hidden count whose size is not told; None where there is nothing to show."""
        value = self.values.get((row, column))
        if (row, column) not in self.hidden:
            return value
        if self.kind(column) == "count":
            if (row, column) in self.untold:
                return UNTOLD
            return SUPPRESSED if is_small(value) else PROTECTING
        return None if value is None else PROTECTING

    def exact(self) -> Table:
        """The same table with every figure shown (the coordinator's internal view): nothing hidden."""
        return replace(self, hidden=set(), untold=set())

    def value(self, row: str, column: str) -> Any:
        """The unpublished value (for charts of the same table: never show it where `cell` hides it)."""
        return self.values.get((row, column))

    def to_dict(self) -> dict:
        """The published table as JSON-friendly data (keys, not labels)."""
        return {
            "key": self.key, "title": self.title, "row_dimension": self.row_dimension, "persons": self.persons,
            "columns": [{"key": c.key, "dimension": c.dimension, "kind": self.kind(c.key)} for c in self.columns],
            "rows": [{"key": r.key, "dimension": r.dimension,
                      "cells": {c.key: self.cell(r.key, c.key) for c in self.columns}} for r in self.rows],
            "note": self.note % self.note_values if self.note and self.note_values else self.note,
            "totals": [{"parts": [list(cell) for cell in line.parts], "total": list(line.total)}
                       for line in self.lines],
        }


def count_table(key: str, title: str, *, rows: Sequence[Header], columns: Sequence[Header],
                counts: dict[tuple[str, str], int], total_row: bool = True, total_column: bool = True,
                totals: dict[tuple[str, str], int] | None = None, note: str | None = None,
                row_dimension: str = "row", persons: bool = True) -> Table:
    """A table of person counts with totals, suppressed.

    `totals` gives totals that are not sums (distinct persons over overlapping rows); they are published
    and protected the same way, as if they were sums (which hides at least as much). A table of events not
    tied to one person (`persons=False`: cooperation opportunities) is shown as it is.
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
    secured = secure(values, lines, suppress(values, lines)) if persons else None
    out_rows = rows + ([Header(TOTAL, "total")] if total_row else [])
    out_columns = columns + ([Header(TOTAL, "total")] if total_column else [])
    if secured is None:
        return Table(key, title, out_rows, out_columns, values, note=note, row_dimension=row_dimension, lines=lines,
                     persons=False)
    return Table(key, title, out_rows, out_columns, values, secured.hidden, note=note, row_dimension=row_dimension,
                 lines=lines, untold=secured.untold)


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
    means = []
    for r in rows:
        mean = distributions.get(r.key, Distribution({})).mean
        n = base.values[(r.key, TOTAL)]
        if mean is None or n < THRESHOLD or (r.key, TOTAL) in base.hidden:
            continue
        parts = tuple(((r.key, c.key), float(c.key)) for c in value_columns)
        decimals = 1 if any(cell in base.hidden for cell, _v in parts) else 2  # coarser beside a hidden count
        means.append(Mean((r.key, "mean"), parts, n, round(mean, decimals), decimals))
    shown_means = {m.cell for m in means}
    secured = secure(base.values, base.lines, base.hidden | {(r.key, "mean") for r in rows} - shown_means, means)
    hidden = secured.hidden | base.untold
    hidden |= {(r.key, "mean") for r in rows if (r.key, TOTAL) in hidden}  # no mean beside a hidden n
    columns = [Header("n", "column"), Header("mean", "column"), *value_columns]
    values: dict[tuple[str, str], Any] = {(r.key, c.key): base.values[(r.key, c.key)]
                                          for r in rows for c in value_columns}
    rounded = {m.cell: m.value for m in means}
    for r in rows:
        values[(r.key, "n")] = base.values[(r.key, TOTAL)]
        mean = distributions.get(r.key, Distribution({})).mean
        values[(r.key, "mean")] = rounded.get((r.key, "mean"), round(mean, 2) if mean is not None else None)
    def published(cells: set) -> set:
        return {(r, "n" if c == TOTAL else c) for r, c in cells}

    n_lines = [Line(line.parts, (line.total[0], "n")) for line in base.lines]
    return Table(key, title, list(rows), columns, values, published(hidden), kinds={"mean": "mean"}, note=note,
                 row_dimension=row_dimension, lines=n_lines, untold=published(base.untold | secured.untold))


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
    secured = secure(ns, lines, suppress(ns, lines))
    hidden_n = secured.hidden
    hidden: set[tuple[str, str]] = set()
    for r in rows:
        if (r.key, n_column) in hidden_n:
            hidden.update((r.key, h.key) for h in headers)
        elif ns[(r.key, n_column)] == 0:
            hidden.update((r.key, k) for k, _ in columns if values.get((r.key, k)) is None)
    kinds = {k: kind for k, kind in columns}
    return Table(key, title, list(rows), headers, dict(values), hidden, kinds=kinds, note=note,
                 row_dimension=row_dimension, lines=lines, untold=secured.untold)


def shown(table: Table, row: str, column: str, lang: str | None = None) -> str:
    """A cell as text: "<5" or "x" for a hidden one, "–" for nothing, a mean with one decimal, a count as is.

    With a language, as its readers write numbers ("4,1", "25 %"); without one, as a machine reads them
    ("4.1", the RFC 4180 CSV)."""
    return cell_text(table.cell(row, column), table.kind(column), lang)


def cell_text(value, kind: str, lang: str | None = None) -> str:
    """A published cell of a column of this kind as text (see `shown`)."""
    if value is None:
        return "–"
    if isinstance(value, str):  # a mark
        return value
    digits = 1 if kind in ("mean", "number") else 2
    if lang is not None:
        if kind == "share":
            return formats.percent(value, lang=lang)
        return formats.decimal(value, digits, lang) if isinstance(value, float) else formats.number(value, lang)
    if kind == "share":
        return f"{value * 100:.0f} %"
    if isinstance(value, float):
        return f"{value:.{digits}f}"
    return str(value)


def only_rows(table: Table, keep: set[str]) -> Table:
    """The same published table with some rows left out (a manager sees their own and the totals)."""
    rows = [r for r in table.rows if r.key in keep]
    return Table(table.key, table.title, rows, table.columns, table.values, table.hidden, table.kinds,
                 table.note, table.row_dimension, table.note_values, table.lines, table.untold)
