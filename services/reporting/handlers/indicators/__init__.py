"""The network's indicators for a period and slices: every table, the headline cards and the charts' data.

`build` runs the queries (each reads one projection, never the raw log) and publishes each table
suppressed; everything that shows a figure — pages, API, exports, the PDF, open data — starts here.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from services.reporting.db import environments as environments_table
from services.reporting.db import need_titles
from services.reporting.domain.filters import Filters
from services.reporting.domain.survival import Point
from services.reporting.domain.tables import TOTAL, Table
from services.reporting.handlers.indicators import (
    environments,
    esf,
    evaluations,
    matching,
    metrics,
    outcomes,
    reach,
    transition,
)
from services.reporting.handlers.indicators.context import Context
from services.reporting.handlers.indicators.scope import BREAKDOWNS
from shared import clock


@dataclass(frozen=True)
class Card:
    """A headline figure: a value as published ("<5", None for nothing to show) and what it is out of."""

    key: str
    value: int | float | str | None
    of: int | float | str | None = None


@dataclass(frozen=True)
class Report:
    filters: Filters
    breakdown: str
    as_of: date
    tables: dict[str, Table]
    cards: list[Card]
    progress: environments.Progress
    curves: dict[str, list[Point]]
    environment_names: dict[str, str]
    exact: bool = False  # every figure shown (the coordinator's view); else counts of persons protected

    def table(self, key: str) -> Table | None:
        return self.tables.get(key)


def _total(table: Table, column: str):
    return table.cell(TOTAL, column) if any(r.key == TOTAL for r in table.rows) else None


def cards_of(tables: dict[str, Table], progress: environments.Progress) -> list[Card]:
    """The headline figures, read from the tables as they are published."""
    jobs, hidden, coop = tables["jobs"], tables["hidden_jobs"], tables["cooperation"]
    experience, fit = tables["experience_by"], tables["fit_by"]
    return [
        Card("target", progress.realised, progress.target),
        Card("jobs", _total(jobs, TOTAL) or 0, _total(hidden, "hidden_jobs") or 0),
        Card("cooperation", _total(coop, TOTAL) or 0),
        Card("experience", experience.cell(TOTAL, "mean"), experience.cell(TOTAL, "respondents")),
        Card("fit", fit.cell(TOTAL, "mean"), fit.cell(TOTAL, "respondents")),
    ]


def environment_names(session: Session) -> dict[str, str]:
    rows = session.execute(select(environments_table.c.environment_id, environments_table.c.name))
    return {environment_id: name or environment_id for environment_id, name in rows}


def need_names(session: Session) -> dict[str, str]:
    """Titles of the needs the recruitment table names (a hidden job's need is never a row of its own)."""
    rows = session.execute(select(need_titles.c.need_id, need_titles.c.title)
                           .where(need_titles.c.hidden_job.is_(False)))
    return {need_id: title for need_id, title in rows}


def build(session: Session, filters: Filters, *, breakdown: str = "organisation", target: int = 20,
          today: date | None = None) -> Report:
    """Every indicator for the filters, broken down by `breakdown` where that applies."""
    if breakdown not in BREAKDOWNS:
        raise ValueError(f"unknown breakdown {breakdown!r}")
    ctx = Context(session, filters, breakdown, today or clock.today())
    found = {
        "environments": environments.table(ctx),
        "reach": reach.table(ctx),
        "funnel": reach.funnel(ctx),
        "referrals": reach.referrals_table(ctx),
        "experience": evaluations.distributions(ctx, evaluations.SURVEY),
        "experience_by": evaluations.by_breakdown(ctx, evaluations.SURVEY),
        "fit": evaluations.distributions(ctx, evaluations.FIT),
        "fit_by": evaluations.by_breakdown(ctx, evaluations.FIT),
        "cooperation": outcomes.cooperation(ctx),
        "metrics": metrics.table(ctx),
    }
    found["jobs"], found["hidden_jobs"] = outcomes.jobs(ctx)
    curves = transition.curves(ctx)
    found["transition"] = curves.table
    found["esf_entry"] = esf.entry(ctx)
    found["esf_exit"] = esf.leaving(ctx)
    found["matching"] = matching.table(ctx)
    found["fairness"] = matching.reported_fairness(ctx)
    found["recruitment"] = matching.recruitment(ctx)
    tables = {k: v for k, v in found.items() if v is not None}
    progress = environments.progress(ctx, target)
    names = environment_names(session) if breakdown == "environment" or "recruitment" in tables else {}
    if "recruitment" in tables:
        names.update(need_names(session))
    return Report(filters, breakdown, ctx.as_of, tables, cards_of(tables, progress), progress, curves.curves, names)
