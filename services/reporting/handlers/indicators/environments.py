"""Environments: how many, how many multidisciplinary, by status, and progress towards the target."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import and_, func, select

from services.reporting.db import environments
from services.reporting.domain.tables import N_, TOTAL, Header, Table
from services.reporting.handlers.indicators.context import Context
from services.reporting.handlers.indicators.scope import count_if, environments_scope, overlaps, tally
from shared import figures

STATUSES = ("draft", "open", "running", "completed", "evaluated", "cancelled")
BREAKDOWNS = ("organisation", "area", "field")


def _active(filters):
    """Environments whose time touches the period: created by its end, not finished before its start."""
    finished = func.coalesce(environments.c.completed_on, environments.c.cancelled_on)
    return overlaps(environments.c.created_on, finished, filters)


def table(ctx: Context) -> Table | None:
    """Environments active in the period by status, and how many of them are multidisciplinary.

    Environments are not persons: nothing here is suppressed.
    """
    if ctx.breakdown not in BREAKDOWNS:
        return None
    scope = environments_scope(ctx.filters, by_field=ctx.breakdown == "field")
    measures = {s: count_if(environments.c.status == s) for s in STATUSES}
    measures["multidisciplinary"] = count_if(environments.c.multidisciplinary.is_(True))
    found = tally(ctx.session, scope, ctx.breakdown, measures, _active(ctx.filters))
    by_status, multi = {s: found[s] for s in STATUSES}, found["multidisciplinary"]
    rows = ctx.rows(*by_status.values())
    columns = [Header(s, "status") for s in STATUSES] + [Header(TOTAL, "total"), Header("multidisciplinary")]
    values = {}
    for row in [r.key for r in rows] + [TOTAL]:
        for status in STATUSES:
            values[(row, status)] = by_status[status].get(row, 0) if row != TOTAL else \
                sum(by_status[status].values())
        values[(row, TOTAL)] = sum(values[(row, s)] for s in STATUSES)
        values[(row, "multidisciplinary")] = multi.get(row, 0) if row != TOTAL else sum(multi.values())
    note = N_("By field, an environment of several fields is counted in each of them.") \
        if ctx.breakdown == "field" else None
    return Table("environments", N_("Project learning environments active in the period, by status"),
                 rows + [Header(TOTAL, "total")], columns, values, kinds={c.key: "number" for c in columns}, note=note,
                 row_dimension=ctx.breakdown, persons=False)


@dataclass(frozen=True)
class Progress:
    """Environments started by the end of each month, against the target (shared/figures.py: the rule, once)."""

    target: int
    months: list[date]
    started: list[int]
    multidisciplinary: list[int]

    @property
    def realised(self) -> int:
        return self.multidisciplinary[-1] if self.multidisciplinary else 0


def _month(day: date) -> date:
    return day.replace(day=1)


def _next_month(day: date) -> date:
    return date(day.year + (day.month == 12), day.month % 12 + 1, 1)


def progress(ctx: Context, target: int) -> Progress:
    """Cumulative environments started by each month's end, up to the period's end (from the first start)."""
    scope = environments_scope(ctx.filters)
    query = select(environments.c.started_on, environments.c.multidisciplinary).select_from(scope.source).where(
        scope.where(and_(environments.c.started_on.is_not(None), environments.c.started_on <= ctx.as_of,
                         environments.c.status.in_(figures.TARGET_STATUSES))))
    started = sorted((day, bool(multi)) for day, multi in ctx.session.execute(query))
    if not started:
        return Progress(target, [], [], [])
    first = max(_month(started[0][0]), _month(ctx.filters.start))
    months, all_counts, multi_counts = [], [], []
    month = _month(started[0][0])
    index = total = multi = 0
    while month <= ctx.as_of:
        end = _next_month(month)
        while index < len(started) and started[index][0] < end:
            total += 1
            multi += started[index][1]
            index += 1
        if month >= first:
            months.append(month)
            all_counts.append(total)
            multi_counts.append(multi)
        month = end
    return Progress(target, months, all_counts, multi_counts)
