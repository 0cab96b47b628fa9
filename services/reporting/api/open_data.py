"""Open data: the network's suppressed aggregates for anyone, as JSON or CSV."""
from __future__ import annotations

from flask import Response
from flask.views import MethodView
from flask_smorest import Blueprint
from marshmallow import validate

from services.reporting.api.indicators import ReportOut, report_json, report_of
from services.reporting.domain.open_data import open_data_csv
from services.reporting.handlers.queries import FilterArgs
from shared.auth import public
from shared.web import fields

blp = Blueprint("open_data", __name__, url_prefix="/api/v1/open-data",
                description="The network's figures as open data (CC BY 4.0): only suppressed aggregates.")
LICENCE = "CC BY 4.0"


class OpenDataOut(ReportOut):
    licence = fields.String(required=True)
    publisher = fields.String(required=True)


class OpenDataArgs(FilterArgs):
    format = fields.String(load_default="json", validate=validate.OneOf(("json", "csv")))


@blp.route("")
class OpenData(MethodView):
    @public
    @blp.arguments(OpenDataArgs, location="query")
    @blp.doc(responses={"200": {"description": "The figures as JSON, or as CSV with format=csv", "content": {
        "application/json": {"schema": OpenDataOut}, "text/csv": {"schema": {"type": "string"}}}}})
    def get(self, args):
        """The same suppressed figures the coordinator sees; cells of 1–4 persons are "<5"."""
        report = report_of(None, args)
        if args["format"] == "csv":
            response = Response(open_data_csv(report.tables.values()), content_type="text/csv; charset=utf-8")
            response.headers["Content-Disposition"] = 'attachment; filename="sosiaalinen-kampus-open-data.csv"'
            return response
        return {"licence": LICENCE, "publisher": "Sosiaalinen kampus", **report_json(report)}
