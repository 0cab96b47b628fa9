"""The indicators as JSON for the coordinator and service managers: the same suppressed tables as the pages."""
from __future__ import annotations

from flask.views import MethodView
from flask_smorest import Blueprint

from services.reporting.indicators import Report
from services.reporting.requests import FilterArgs, Viewer, report_for, to_filters
from shared.auth import allow, current_principal

blp = Blueprint("indicators", __name__, url_prefix="/api/v1/indicators",
                description="The network's indicators for a period and slices, suppressed.")


def report_json(report: Report) -> dict:
    """A report as JSON: period, cards, progress, curves and every table (keys, not labels)."""
    return {
        "period": {"start": report.filters.start.isoformat(), "end": report.filters.end.isoformat(),
                   "as_of": report.as_of.isoformat()},
        "filters": {"organisation": report.filters.organisation, "area": report.filters.area,
                    "field": report.filters.field, "gender": report.filters.gender},
        "breakdown": report.breakdown,
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
    def get(self, args):
        """Every indicator table; a manager may ask for their own organisation or the whole network."""
        report = report_for(Viewer(current_principal()), to_filters(args), args["breakdown"])
        return report_json(report)
