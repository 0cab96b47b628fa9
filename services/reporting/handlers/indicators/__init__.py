"""The network's indicators for a period and slices: every table, the headline cards and the charts' data.

`build` runs the queries (each reads one projection, never the raw log) and publishes each table
suppressed; everything that shows a figure — pages, API, exports, the PDF, open data — starts here.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from services.reporting.db import environments as environments_table
from services.reporting.db import need_titles
from services.reporting.domain.filters import Filters
from services.reporting.domain.survival import Point
from services.reporting.domain.tables import TOTAL, Table
from services.reporting.handlers import report_cache
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

T = TypeVar("T")


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


def _names(session: Session, environment_rows: bool, recruitment: bool) -> dict[str, str]:
    """The names a report's rows show: environments' where they are rows, and the needs' of recruitment."""
    names = environment_names(session) if environment_rows or recruitment else {}
    if recruitment:
        names.update(need_names(session))
    return names


def build(session: Session, filters: Filters, *, breakdown: str = "organisation", target: int = 20,
          today: date | None = None) -> Report:
    """Every indicator for the filters, broken down by `breakdown` where that applies."""
    if breakdown not in BREAKDOWNS:
        raise ValueError(f"unknown breakdown {breakdown!r}")
    ctx = Context(session, filters, breakdown, today or clock.today())

    def kept(name: str, make: Callable[[], T]) -> T:
        """An indicator's result, made again only when a projection it read has changed."""
        return report_cache.derived(session, (name, filters.cache_key(), breakdown, ctx.today), make)

    found = {
        "environments": kept("environments", lambda: environments.table(ctx)),
        "reach": kept("reach", lambda: reach.table(ctx)),
        "funnel": kept("funnel", lambda: reach.funnel(ctx)),
        "referrals": kept("referrals", lambda: reach.referrals_table(ctx)),
        "experience": kept("experience", lambda: evaluations.distributions(ctx, evaluations.SURVEY)),
        "experience_by": kept("experience_by", lambda: evaluations.by_breakdown(ctx, evaluations.SURVEY)),
        "fit": kept("fit", lambda: evaluations.distributions(ctx, evaluations.FIT)),
        "fit_by": kept("fit_by", lambda: evaluations.by_breakdown(ctx, evaluations.FIT)),
        "cooperation": kept("cooperation", lambda: outcomes.cooperation(ctx)),
        "metrics": kept("metrics", lambda: metrics.table(ctx)),
    }
    found["jobs"], found["hidden_jobs"] = kept("jobs", lambda: outcomes.jobs(ctx))
    curves = kept("transition", lambda: transition.curves(ctx))
    found["transition"] = curves.table
    found["esf_entry"] = kept("esf_entry", lambda: esf.entry(ctx))
    found["esf_exit"] = kept("esf_exit", lambda: esf.leaving(ctx))
    found["matching"] = kept("matching", lambda: matching.table(ctx))
    found["fairness"] = kept("fairness", lambda: matching.reported_fairness(ctx))
    found["recruitment"] = kept("recruitment", lambda: matching.recruitment(ctx))
    tables = {k: v for k, v in found.items() if v is not None}
    progress = kept(f"progress {target}", lambda: environments.progress(ctx, target))
    names = kept("names", lambda: _names(session, breakdown == "environment", "recruitment" in tables))
    return Report(filters, breakdown, ctx.as_of, tables, cards_of(tables, progress), progress, curves.curves, names)
