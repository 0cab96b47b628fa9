"""The funder's participant figures (ESF common indicators) by gender, at entry and at exit.

Each person counts once per project: at entry in the period of their first intake, at exit in the
period of their last exit. Which figures a person counts in was decided when the person's row was
written (domain/persons.py); here they are only added up.
"""
from __future__ import annotations

from sqlalchemy import case, func, select

from services.reporting.db import persons
from services.reporting.domain.filters import GENDERS
from services.reporting.domain.persons import ENTRY_INDICATORS, EXIT_INDICATORS
from services.reporting.domain.tables import N_, Header, Table, count_table
from services.reporting.handlers.indicators.context import Context
from services.reporting.handlers.indicators.scope import UNKNOWN, persons_scope, within


def _table(ctx: Context, moment: str, indicators: tuple[str, ...], title: str, day, first: str, note: str) -> Table:
    """The `moment` (entry or exit) figures' table: `first` counts everyone, then one row per indicator flag."""
    flags = {name: persons.c[f"{moment}_{name}"] for name in indicators}
    scope = persons_scope(ctx.filters, funder=True)
    gender = func.coalesce(persons.c.gender, UNKNOWN).label("gender")
    sums = [func.count()] + [func.sum(case((column.is_(True), 1), else_=0)) for column in flags.values()]
    query = select(gender, *sums).select_from(scope.source).where(scope.where(within(day, ctx.filters))) \
        .group_by(gender)
    counts = {}
    for g, total, *figures in ctx.session.execute(query):
        counts[(first, g)] = int(total)
        counts.update({(name, g): int(v or 0) for name, v in zip(flags, figures)})
    rows = [Header(first, "esf"), *[Header(name, "esf") for name in flags]]
    genders = [g for g in GENDERS if any(counts.get((r.key, g)) for r in rows)] or ["woman", "man"]
    return count_table(f"esf_{moment}", title, rows=rows, columns=[Header(g, "gender") for g in genders], counts=counts,
                       total_row=False, row_dimension="esf", note=note)


def entry(ctx: Context) -> Table:
    return _table(ctx, "entry", ENTRY_INDICATORS, N_("Participants at entry (ESF common indicators), by gender"),
                  persons.c.entered_on, "participants",
                  N_("Each person once, at their first intake in the period. Disadvantaged: only where the "
                     "person consented to record it."))


def leaving(ctx: Context) -> Table:
    return _table(ctx, "exit", EXIT_INDICATORS, N_("Participants at exit (ESF common indicators), by gender"),
                  persons.c.exited_on, "leavers",
                  N_("Each person once, at their last exit in the period; the situation within four weeks of "
                     "leaving. In employment includes self-employment and apprenticeships."))
