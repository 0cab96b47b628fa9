"""The indicators as JSON for the coordinator and service managers: the same suppressed tables as the pages."""
from __future__ import annotations

from flask import current_app
from flask.views import MethodView
from flask_smorest import Blueprint
from marshmallow import Schema

from services.reporting.config import settings
from services.reporting.context import runtime
from services.reporting.domain.viewer import Viewer
from services.reporting.handlers import queries
from services.reporting.handlers.indicators import Report
from services.reporting.handlers.queries import FilterArgs, to_filters
from shared.auth import allow, current_principal
from shared.web import fields

blp = Blueprint("indicators", __name__, url_prefix="/api/v1/indicators",
                description="The network's indicators for a period and slices, suppressed.")


ISO_DATE = {"format": "date"}  # report_json writes the dates as text already


class PeriodOut(Schema):
    start = fields.String(required=True, metadata=ISO_DATE)
    end = fields.String(required=True, metadata=ISO_DATE)
    as_of = fields.String(required=True, metadata=ISO_DATE)


class FiltersOut(Schema):
    organisation = fields.String(allow_none=True)
    area = fields.String(allow_none=True)
    field = fields.String(allow_none=True)
    gender = fields.String(allow_none=True)


class CardOut(Schema):
    key = fields.String(required=True)
    value = fields.Raw(allow_none=True, metadata={"description": "a count, or a share from 0 to 1"})
    of = fields.Raw(allow_none=True)


class ProgressOut(Schema):
    target = fields.Integer()
    months = fields.List(fields.String(metadata=ISO_DATE))
    started = fields.List(fields.Integer())
    multidisciplinary = fields.List(fields.Integer())


class ReportOut(Schema):
    """A report: its period and slices, headline cards, progress, transition curves and suppressed tables."""

    period = fields.Nested(PeriodOut, required=True)
    filters = fields.Nested(FiltersOut, required=True)
    breakdown = fields.String(required=True)
    view = fields.String(required=True, metadata={"description": "exact: every figure (the coordinator's "
                                                                 "internal view); protected: counts of persons "
                                                                 "suppressed (\"<5\", \"x\", \"..\")"})
    cards = fields.List(fields.Nested(CardOut), required=True)
    progress = fields.Nested(ProgressOut, required=True)
    transition_curves = fields.Dict(keys=fields.String(), values=fields.List(fields.Dict()), required=True,
                                    metadata={"description": "per cohort: day, at_risk, survival"})
    tables = fields.List(fields.Dict(), required=True, metadata={"description": "keys, not labels; small cells "
                                                                                "are \"<5\""})


def shown_to(viewer: Viewer, args: dict) -> queries.Shown:
    """The report the validated arguments ask for, as the viewer may see it."""
    return queries.shown_to(runtime(), viewer, to_filters(args), args["breakdown"],
                            settings().environments_target, args.get("view"))


def report_body(report: Report) -> bytes:
    """The answer's JSON as the response schema dumps it."""
    return current_app.json.response(ReportOut().dump(report_json(report))).get_data()


def report_json(report: Report) -> dict:
    """A report as JSON: period, cards, progress, curves and every table (keys, not labels)."""
    return {
        "period": {"start": report.filters.start.isoformat(), "end": report.filters.end.isoformat(),
                   "as_of": report.as_of.isoformat()},
        "filters": {"organisation": report.filters.organisation, "area": report.filters.area,
                    "field": report.filters.field, "gender": report.filters.gender},
        "breakdown": report.breakdown,
        "view": "exact" if report.exact else "protected",
        "cards": [{"key": c.key, "value": c.value, "of": c.of} for c in report.cards],
        "progress": {"target": report.progress.target, "months": [m.isoformat() for m in report.progress.months],
                     "started": report.progress.started, "multidisciplinary": report.progress.multidisciplinary},
        "transition_curves": {cohort: [{"day": p.day, "at_risk": p.at_risk, "survival": round(p.survival, 4)}
                                       for p in points] for cohort, points in report.curves.items()},
        "tables": [t.to_dict() for t in report.tables.values()],
    }


@blp.route("")
class Indicators(MethodView):
    @allow("coordinator", "manager")
    @blp.arguments(FilterArgs, location="query")
    @blp.response(200, ReportOut)
    def get(self, args):
        """Every indicator table; a manager may ask for their own organisation or the whole network."""
        shown = shown_to(Viewer(current_principal()), args)
        body = queries.output(runtime(), shown, ("json",), lambda: report_body(shown.report))
        return current_app.response_class(body, mimetype=current_app.json.mimetype)
