"""Open data as releases: fixed, coarse periods, a fixed list of breakdowns, one suppression for the whole.

A release is built once for a calendar half-year or year that has ended, from the report of each
breakdown in `DIMENSIONS`; no other slice or period is ever published. Its tables are suppressed
together: every count cell of every table is one unknown of one system, with each table's totals, the
equal totals of a table under two breakdowns (`links`), the means beside their n, and every slice of a
breakdown with fewer than `MIN_SLICE` persons hidden whole. Secondary suppression and the bounds proof
(bounds.py) then run on that system, so no cell can be worked out by setting one table against another.
Published releases never overlap in time, so no cell can be had by differencing periods either.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date

from services.reporting.domain.bounds import Mean, secure
from services.reporting.domain.suppression import Line, suppress
from services.reporting.domain.tables import MARKS, N_, TOTAL, Table

DIMENSIONS = ("organisation", "gender")  # the breakdowns every release holds, and no other
MIN_SLICE = 10  # a slice (a row of a breakdown) of fewer persons is hidden whole
POPULATION = ("reach", "clients_served")  # the table and column that give a slice's population
PERIOD = re.compile(r"^(\d{4})(?:-H([12]))?$")
LICENCE = "CC BY 4.0"
PUBLISHER = "Sosiaalinen kampus"


@dataclass(frozen=True)
class Period:
    """A calendar half-year ("2025-H1") or year ("2025")."""

    key: str
    start: date
    end: date

    def overlaps(self, other: Period) -> bool:
        return self.start <= other.end and other.start <= self.end


def period(key: str) -> Period | None:
    """The period a key names, None when it names none."""
    found = PERIOD.match(key or "")
    if not found:
        return None
    year, half = int(found.group(1)), found.group(2)
    if not 2000 <= year <= 2999:
        return None
    if half is None:
        return Period(key, date(year, 1, 1), date(year, 12, 31))
    return Period(key, date(year, 1, 1), date(year, 6, 30)) if half == "1" else \
        Period(key, date(year, 7, 1), date(year, 12, 31))


def ended_periods(today: date, first_year: int) -> list[Period]:
    """The periods that have ended by `today`, newest first: each year, then its halves."""
    found = []
    for year in range(today.year, first_year - 1, -1):
        for key in (f"{year}", f"{year}-H2", f"{year}-H1"):
            candidate = period(key)
            if candidate is not None and candidate.end < today:
                found.append(candidate)
    return found


def problems(key: str, today: date) -> dict[str, list[str]]:
    """Field errors of a period asked for ({} when it may be released)."""
    asked = period(key)
    if asked is None:
        return {"period": [N_("Choose a calendar half-year or year.")]}
    if asked.end >= today:
        return {"period": [N_("Only a period that has ended can be released.")]}
    return {}


Cell = tuple[str, str, str]  # (table, row, column)


def _by(table: Table, breakdown: str) -> Table:
    """A table of one breakdown, keyed apart from the same table under another."""
    return replace(table, key=f"{table.key}.{breakdown}")


def gather(reports: dict[str, dict[str, Table]]) -> list[Table]:
    """The release's tables: those that do not depend on the breakdown once, the others once per breakdown."""
    tables: list[Table] = []
    first = DIMENSIONS[0]
    for table in reports[first].values():
        if table.row_dimension not in DIMENSIONS:
            tables.append(table)
    for breakdown in DIMENSIONS:
        tables += [_by(t, breakdown) for t in reports[breakdown].values() if t.row_dimension == breakdown]
    return tables


def _counts(tables: Sequence[Table]) -> dict[Cell, int]:
    return {(t.key, r, c): int(v) for t in tables for (r, c), v in t.values.items()
            if t.kind(c) == "count" and isinstance(v, (int, float)) and any(h.key == c for h in t.columns)}


def links(tables: Sequence[Table]) -> list[tuple[Cell, Cell]]:
    """Cells that are the same figure in two tables: a table's total row under each breakdown, and
    SAME_FIGURES."""
    by_base: dict[str, list[Table]] = {}
    for t in tables:
        base, _dot, breakdown = t.key.rpartition(".")
        if base and breakdown in DIMENSIONS:
            by_base.setdefault(base, []).append(t)
    found = []
    for group in by_base.values():
        first, *others = group
        for other in others:
            for column in first.columns:
                a, b = (TOTAL, column.key), (TOTAL, column.key)
                if first.kind(column.key) == "count" and a in first.values and b in other.values \
                        and first.values[a] == other.values[b]:
                    found.append(((first.key, *a), (other.key, *b)))
    values = _counts(tables)
    found += [(a, b) for a, b in SAME_FIGURES if a in values and b in values and values[a] == values[b]]
    return found


# Figures two tables of a release both publish, by definition the same: linked (when their values agree) so
# that hiding one hides the other. The totals of a table under both breakdowns are linked by `links` itself.
SAME_FIGURES = (
    (("funnel", "clients_served", "persons"), ("reach.organisation", TOTAL, "clients_served")),
    (("funnel", "participants", "persons"), ("reach.organisation", TOTAL, "participants")),
)


def small_slices(tables: Sequence[Table]) -> set[tuple[str, str]]:
    """(table, row) of every slice of a breakdown with fewer than MIN_SLICE persons."""
    small = set()
    for breakdown in DIMENSIONS:
        population = next((t for t in tables if t.key == f"{POPULATION[0]}.{breakdown}"), None)
        if population is None:
            continue
        rows = {r.key for r in population.rows if r.key != TOTAL
                and int(population.values.get((r.key, POPULATION[1])) or 0) < MIN_SLICE}
        small |= {(t.key, r) for t in tables if t.key.endswith(f".{breakdown}") for r in rows}
    return small


def _means(tables: Sequence[Table], hidden: set) -> list[Mean]:
    """The means still shown, as the constraints they put on the counts of their rows."""
    found = []
    for t in tables:
        scale = [c.key for c in t.columns if c.dimension == "scale_value"]
        if not scale or "mean" not in t.kinds:
            continue
        for r in t.rows:
            cell = (t.key, r.key, "mean")
            if cell in hidden or (t.key, r.key, "n") in hidden or not isinstance(t.values.get((r.key, "mean")), float):
                continue
            parts = tuple(((t.key, r.key, v), float(v)) for v in scale)
            decimals = 1 if any((r.key, v) in t.hidden for v in scale) else 2  # as the table rounded it
            found.append(Mean(cell, parts, int(t.values[(r.key, "n")]), t.values[(r.key, "mean")], decimals))
    return found


def suppress_together(every: Sequence[Table]) -> tuple[list[Table], list[tuple[Cell, Cell]]]:
    """The tables suppressed as one: what each hid alone, small slices, and whatever more the whole needs.

    A row that hides a count it showed alone hides its means and shares too (they are of the same persons).
    Tables of events, not persons (cooperation opportunities), are published as they are, outside the system."""
    tables = [t for t in every if t.persons]
    values = _counts(tables)
    lines = [Line(tuple((t.key, *p) for p in line.parts), (t.key, *line.total)) for t in tables for line in t.lines]
    same = links(tables)
    lines += [Line((a,), b) for a, b in same]
    small = small_slices(tables)
    start = {(t.key, r, c) for t in tables for (r, c) in t.hidden}
    start |= {cell for cell in values if (cell[0], cell[1]) in small}
    start |= {(t.key, r, c) for t in tables for r, c in t.values if (t.key, r) in small}
    hidden = suppress(values, lines, start & set(values)) | start
    secured = secure(values, lines, hidden, _means(tables, hidden))
    out = []
    for t in every:
        if not t.persons:
            out.append(t)
            continue
        mine = {(r, c) for (k, r, c) in secured.hidden if k == t.key}
        grown = {r for (r, c) in mine - t.hidden if t.kind(c) == "count"}
        mine |= {(r, c) for (r, c) in t.values if r in grown and t.kind(c) != "count"}
        untold = {(r, c) for (k, r, c) in secured.untold if k == t.key} | t.untold
        out.append(replace(t, hidden=mine | t.hidden, untold=untold))
    return out, same


def document(key: str, start: date, end: date, tables: Sequence[Table], same: Sequence[tuple[Cell, Cell]]) -> dict:
    """A release as the public reads it: what it covers, how it is protected, its tables and links."""
    return {
        "release": key, "period": {"start": start.isoformat(), "end": end.isoformat()},
        "licence": LICENCE, "publisher": PUBLISHER, "dimensions": list(DIMENSIONS), "minimum_slice": MIN_SLICE,
        "marks": {mark: meaning for mark, meaning in MARKS},
        "tables": [t.to_dict() for t in tables],
        "links": [{"cells": [list(a), list(b)]} for a, b in same],
    }
