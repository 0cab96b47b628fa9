"""Jobs (part-time, short, fixed-term, full-time; hidden jobs) and cooperation opportunities by kind."""
from __future__ import annotations

from sqlalchemy import func, select

from services.reporting.db import outcomes
from services.reporting.domain.tables import N_, Header, Table, count_table
from services.reporting.handlers.indicators.context import Context
from services.reporting.handlers.indicators.scope import UNKNOWN, count_if, mixed_facts, tally, within

WORK_FORMS = ("part_time", "short", "fixed_term", "full_time")


def _started(ctx: Context, *more):
    return (within(outcomes.c.started_on, ctx.filters), *more)


def jobs(ctx: Context) -> tuple[Table, Table]:
    """Jobs that started in the period by form of work (from intake and environments), and the hidden ones."""
    scope = mixed_facts(outcomes, ctx.filters)
    form = func.coalesce(outcomes.c.work_form, "unspecified")
    found = tally(ctx.session, scope, ctx.breakdown, {
        **{name: count_if(form == name) for name in (*WORK_FORMS, "unspecified")},
        "hidden_jobs": count_if(outcomes.c.hidden_job.is_(True))}, *_started(ctx, outcomes.c.category == "job"))
    hidden = found.pop("hidden_jobs")
    rows = ctx.rows(*found.values())
    cells = {(r.key, c): v.get(r.key, 0) for c, v in found.items() for r in rows}
    by_form = count_table("jobs", N_("Jobs that started in the period, by form of work"), rows=rows,
                          columns=[Header(c, "work_form") for c in found], counts=cells, row_dimension=ctx.breakdown)
    hidden_rows = ctx.rows(hidden)
    return by_form, count_table("hidden_jobs", N_("Hidden jobs that started in the period"), rows=hidden_rows,
                                columns=[Header("hidden_jobs")], total_column=False, row_dimension=ctx.breakdown,
                                counts={(r.key, "hidden_jobs"): hidden[r.key] for r in hidden_rows})


def cooperation(ctx: Context) -> Table:
    """Cooperation opportunities (theses, traineeships, new projects, orders…) by kind: counts of events,
    not of persons, so not suppressed."""
    scope = mixed_facts(outcomes, ctx.filters)
    key = scope.key(ctx.breakdown)
    query = select(key, outcomes.c.kind, func.count()).select_from(scope.source).where(
        scope.where(*_started(ctx, outcomes.c.category == "cooperation"))).group_by(key, outcomes.c.kind)
    cells: dict[tuple[str, str], int] = {}
    by_row: dict[str, int] = {}
    kinds: set[str] = set()
    for row, kind, n in ctx.session.execute(query):
        row = row if row is not None else UNKNOWN
        cells[(row, kind)] = int(n)
        by_row[row] = by_row.get(row, 0) + int(n)
        kinds.add(kind)
    return count_table("cooperation", N_("Cooperation opportunities by kind"), rows=ctx.rows(by_row),
                       columns=[Header(k, "cooperation_kind") for k in sorted(kinds)], counts=cells,
                       row_dimension=ctx.breakdown, persons=False,
                       note=N_("Cooperation opportunities are counted as events, not persons: shown as they are."))
