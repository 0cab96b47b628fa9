"""A report as its asker may see it: the filters read from query arguments, checked, and the tables built.

The pages and the API both come here. `parse` raises Invalid naming the wrong fields; a viewer who asks
for more than they may see gets Forbidden (domain/viewer.py).
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import TypeVar, cast

from marshmallow import Schema, ValidationError, validate, validates_schema
from sqlalchemy import select, union
from sqlalchemy.orm import Session

from services.reporting.db import clients, environments
from services.reporting.domain import filters as rules
from services.reporting.domain.filters import Filters
from services.reporting.domain.tables import only_rows
from services.reporting.domain.viewer import VIEWS, Viewer
from services.reporting.handlers import indicators, report_cache
from services.reporting.handlers.indicators.scope import BREAKDOWNS
from shared import clock
from shared.errors import Invalid
from shared.reference import education, municipalities
from shared.runtime import ServiceRuntime
from shared.web import fields

T = TypeVar("T")


class FilterArgs(Schema):
    """The period (both ends included) and the slices of a report."""

    start = fields.Date(load_default=None, metadata={"description": "first day of the period (default: all)"})
    end = fields.Date(load_default=None, metadata={"description": "last day of the period (default: today)"})
    organisation = fields.String(load_default=None, validate=validate.Length(max=63))
    area = fields.String(load_default=None, metadata={"description": "service area slug"})
    field = fields.String(load_default=None, metadata={"description": "broad field of education (2 digits)"})
    gender = fields.String(load_default=None)
    breakdown = fields.String(load_default="organisation", validate=validate.OneOf(BREAKDOWNS))
    view = fields.String(load_default=None, validate=validate.OneOf(VIEWS), metadata={
        "description": "exact (the coordinator's default: the internal dashboard and the funder's report) or "
                       "protected (suppressed, as partners and the public see the figures)"})

    @validates_schema
    def _check(self, data, **_kwargs):
        errors = rules.problems(to_filters(data), areas=set(municipalities.service_areas()),
                                fields={f.code for f in education.all(level=1)})
        if errors:
            raise ValidationError(errors)


def to_filters(data: dict) -> Filters:
    blank = {k: (v or None) if isinstance(v, str) else v for k, v in data.items()}
    return Filters(start=blank.get("start") or rules.EARLIEST, end=blank.get("end") or clock.today(),
                   organisation=blank.get("organisation"), area=blank.get("area"), field=blank.get("field"),
                   gender=blank.get("gender"))


def parse(args) -> tuple[Filters, str, str | None]:
    """Filters, breakdown and view from query arguments; Invalid naming the fields that are wrong."""
    raw = {k: v for k, v in args.items() if k in FilterArgs._declared_fields and v not in ("", None)}
    try:
        data = FilterArgs().load(raw)
    except ValidationError as exc:
        raise Invalid(exc.messages) from exc
    return to_filters(data), data["breakdown"], data["view"]


def organisations(session) -> list[str]:
    """Organisations that have something in the projections."""
    query = union(select(clients.c.organisation), select(environments.c.organisation))
    return sorted(o for (o,) in session.execute(query) if o)


def _cache(runtime: ServiceRuntime) -> report_cache.ReportCache:
    """The process's reports of the newest projection version (one per database of a runtime)."""
    return report_cache.of(runtime.db)


def _build(runtime: ServiceRuntime, filters: Filters, breakdown: str, target: int) -> indicators.Report:
    """The report (see `_built`) without its version."""
    return _built(runtime, filters, breakdown, target)[1]


def _built(runtime: ServiceRuntime, filters: Filters, breakdown: str, target: int) -> tuple[int, indicators.Report]:
    """Every query of one report reads the same snapshot (on PostgreSQL), so its tables agree; a report of
    the same projection version, filters and day is served again instead of built anew, and a report built
    anew runs again only the queries whose projections changed (report_cache.MemoSession). With the version
    the snapshot saw."""
    today = clock.today()
    key = (filters.cache_key(), breakdown, target, today)
    with runtime.db.session() as session:
        if not runtime.db.is_sqlite:
            session.connection(execution_options={"isolation_level": "REPEATABLE READ"})
        at = report_cache.version(session)

        def build() -> indicators.Report:
            answers = report_cache.MemoSession(session, report_cache.memo_of(runtime.db),
                                               report_cache.versions(session))
            return indicators.build(cast(Session, answers), filters, breakdown=breakdown, target=target, today=today)

        return at, _cache(runtime).once(at, key, build)


def default_reports(runtime: ServiceRuntime, period: tuple[date, date], target: int) -> None:
    """Build the reports shown when nothing is asked: the dashboard's default period and the indicators' whole
    history, by organisation. A worker does it before it takes requests (ServiceDefinition.warm_worker): built
    in its first requests, they kept those and every request that came with them waiting (0.1-0.5 s of CPU each,
    a new worker every GUNICORN_MAX_REQUESTS requests)."""
    for filters in (Filters(start=period[0], end=period[1]), to_filters({})):
        _built(runtime, filters, "organisation", target)


@dataclass(frozen=True)
class Shown:
    """A report as one viewer may see it, and the key of that answer: the projections' version, the report's
    filters, breakdown, target and day, and the viewer's scope (the coordinator, or a manager of one
    organisation; exact or protected). Outputs made of it (a JSON body, a rendered page part) are kept
    under this key (`output`)."""

    report: indicators.Report
    at: int
    key: tuple


def scope(viewer: Viewer, exact: bool) -> tuple:
    """Who the answer is for: viewers of one scope see the same figures, of two scopes never each other's."""
    return ("coordinator",) if viewer.everything else ("manager", viewer.own), exact


def shown_to(runtime: ServiceRuntime, viewer: Viewer, filters: Filters, breakdown: str, target: int,
             view: str | None = None) -> Shown:
    """The report as this viewer may see it: exact for the coordinator (unless `view` asks for the protected
    one), protected for everyone else (the public sees published open-data releases only). Kept per version
    and scope, so a repeated request between two events cuts nothing again."""
    viewer.check(filters)
    exact = viewer.exact(view)
    at, report = _built(runtime, filters, breakdown, target)
    key = (filters.cache_key(), breakdown, target, report.as_of, clock.today(), scope(viewer, exact))
    kept = _cache(runtime).once(at, ("shown", key), lambda: _cut(report, viewer.rows_kept(breakdown), exact))
    return Shown(kept, at, key)


def _cut(report: indicators.Report, keep: set[str] | None, exact: bool) -> indicators.Report:
    """The report with only the rows a viewer may see, exact or protected."""
    if keep is None and not exact:
        return report
    tables = {k: only_rows(t, keep) if keep is not None and t.row_dimension == "organisation" else t
              for k, t in report.tables.items()}
    if exact:
        tables = {k: t.exact() for k, t in tables.items()}
    return indicators.Report(report.filters, report.breakdown, report.as_of, tables,
                             indicators.cards_of(tables, report.progress), report.progress, report.curves,
                             report.environment_names, exact=exact)


def report_for(runtime: ServiceRuntime, viewer: Viewer, filters: Filters, breakdown: str,
               target: int, view: str | None = None) -> indicators.Report:
    """The report as this viewer may see it (see `shown_to`)."""
    return shown_to(runtime, viewer, filters, breakdown, target, view).report


def output(runtime: ServiceRuntime, shown: Shown, what: tuple, make: Callable[[], T]) -> T:
    """An output of a shown report (`what` names it: a JSON body, a page part in a language…), made once per
    projection version and kept until the next event raises the version."""
    return _cache(runtime).once(shown.at, ("output", shown.key, what), make)
