"""Reading a report's filters from a request, checking them, and what the asker may see."""
from __future__ import annotations

import os
import time
from dataclasses import dataclass
from datetime import date

from flask import current_app
from marshmallow import Schema, ValidationError, validate, validates_schema

from services.reporting import indicators
from services.reporting.domain import filters as rules
from services.reporting.domain.filters import Filters
from services.reporting.indicators.scope import BREAKDOWNS
from shared.auth.principal import Principal
from shared.reference import education, municipalities
from shared.runtime import ServiceRuntime
from shared.web import fields
from shared.web.errors import ApiError

DEFAULT_TARGET = 20


class FilterArgs(Schema):
    """The period (both ends included) and the slices of a report."""

    start = fields.Date(load_default=None, metadata={"description": "first day of the period (default: all)"})
    end = fields.Date(load_default=None, metadata={"description": "last day of the period (default: today)"})
    organisation = fields.String(load_default=None, validate=validate.Length(max=63))
    area = fields.String(load_default=None, metadata={"description": "service area slug"})
    field = fields.String(load_default=None, metadata={"description": "broad field of education (2 digits)"})
    gender = fields.String(load_default=None)
    breakdown = fields.String(load_default="organisation", validate=validate.OneOf(BREAKDOWNS))

    @validates_schema
    def _check(self, data, **_kwargs):
        errors = rules.problems(to_filters(data), areas=set(municipalities.service_areas()),
                                fields={f.code for f in education.all(level=1)})
        if errors:
            raise ValidationError(errors)


def to_filters(data: dict) -> Filters:
    blank = {k: (v or None) if isinstance(v, str) else v for k, v in data.items()}
    return Filters(start=blank.get("start") or rules.EARLIEST, end=blank.get("end") or date.today(),
                   organisation=blank.get("organisation"), area=blank.get("area"), field=blank.get("field"),
                   gender=blank.get("gender"))


def parse(args) -> tuple[Filters, str]:
    """Filters and breakdown from query arguments; ApiError 422 naming the fields that are wrong."""
    raw = {k: v for k, v in args.items() if k in FilterArgs._declared_fields and v not in ("", None)}
    try:
        data = FilterArgs().load(raw)
    except ValidationError as exc:
        raise ApiError(422, "Invalid input", exc.messages) from exc
    return to_filters(data), data["breakdown"]


@dataclass(frozen=True)
class Viewer:
    """What a principal may see: the coordinator everything, a manager their organisation and the network."""

    principal: Principal

    @property
    def everything(self) -> bool:
        return self.principal.has("coordinator")

    @property
    def own(self) -> str | None:
        return None if self.everything else self.principal.organisation

    def check(self, filters: Filters) -> None:
        if not self.everything and filters.organisation not in (None, self.own):
            raise ApiError(403, "A service manager sees their own organisation and the network's totals",
                           {"organisation": ["Your own organisation, or none for the whole network."]})

    def rows_kept(self, breakdown: str) -> set[str] | None:
        """Rows of an organisation breakdown a manager may see (None: all)."""
        if self.everything or breakdown != "organisation":
            return None
        return {self.own or "", "total"}


def target() -> int:
    """The network's target number of multidisciplinary environments (REPORTING_ENVIRONMENTS_TARGET)."""
    runtime: ServiceRuntime = current_app.extensions["kampus"]
    value = runtime.config.extra.get("environments_target") or os.environ.get("REPORTING_ENVIRONMENTS_TARGET")
    try:
        return int(value) if value else DEFAULT_TARGET
    except ValueError:
        return DEFAULT_TARGET


PUBLIC_TTL = 60.0  # seconds open data may be old: the public endpoint needs no login, so it is cached
_public: dict[tuple, tuple[float, indicators.Report]] = {}


def _build(runtime: ServiceRuntime, filters: Filters, breakdown: str) -> indicators.Report:
    """Every query of one report reads the same snapshot (on PostgreSQL), so its tables agree."""
    with runtime.db.session() as session:
        if not runtime.db.is_sqlite:
            session.connection(execution_options={"isolation_level": "REPEATABLE READ"})
        return indicators.build(session, filters, breakdown=breakdown, target=target())


def _cached(runtime: ServiceRuntime, filters: Filters, breakdown: str) -> indicators.Report:
    key = (runtime.db.url, filters.cache_key(), breakdown)
    hit = _public.get(key)
    if hit is not None and time.monotonic() - hit[0] < PUBLIC_TTL:
        return hit[1]
    report = _build(runtime, filters, breakdown)
    if len(_public) >= 64:
        _public.clear()
    _public[key] = (time.monotonic(), report)
    return report


def report_for(viewer: Viewer | None, filters: Filters, breakdown: str) -> indicators.Report:
    """The report as this viewer may see it (None: the public, who see what open data serves)."""
    from services.reporting.domain.tables import only_rows

    runtime: ServiceRuntime = current_app.extensions["kampus"]
    if viewer is None:
        return _cached(runtime, filters, breakdown)
    viewer.check(filters)
    report = _build(runtime, filters, breakdown)
    keep = viewer.rows_kept(breakdown)
    if keep is None:
        return report
    tables = {k: only_rows(t, keep) if t.row_dimension == "organisation" else t for k, t in report.tables.items()}
    return indicators.Report(report.filters, report.breakdown, report.as_of, tables, report.cards, report.progress,
                             report.curves, report.environment_names)
