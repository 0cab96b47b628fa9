"""Open data: the network's published releases, each a fixed period suppressed as a whole (CC BY 4.0).

Only releases a coordinator has reviewed and published are served, as they were published: no filters,
no periods but the releases' own (a query argument other than `format` is refused, naming it).
"""
from __future__ import annotations

from flask import Response
from flask.views import MethodView
from flask_smorest import Blueprint
from marshmallow import RAISE, Schema, validate

from services.reporting.context import runtime
from services.reporting.domain.open_data import open_data_csv
from services.reporting.domain.release import LICENCE, PUBLISHER
from services.reporting.handlers import releases
from shared.auth import public
from shared.web import fields

blp = Blueprint("open_data", __name__, url_prefix="/api/v1/open-data",
                description="The network's figures as open data (CC BY 4.0): published releases of suppressed "
                            "aggregates, each for a calendar half-year or year.")
ISO_DATE = {"format": "date"}


class NoArgs(Schema):
    class Meta:
        unknown = RAISE


class FormatArgs(Schema):
    class Meta:
        unknown = RAISE

    format = fields.String(load_default="json", validate=validate.OneOf(("json", "csv")))


class ReleaseOut(Schema):
    period = fields.String(required=True, metadata={"description": "\"2025\" or \"2025-H1\" / \"2025-H2\""})
    start = fields.String(required=True, metadata=ISO_DATE)
    end = fields.String(required=True, metadata=ISO_DATE)
    published_at = fields.DateTime(required=True)


class ReleasesOut(Schema):
    licence = fields.String(required=True)
    publisher = fields.String(required=True)
    releases = fields.List(fields.Nested(ReleaseOut), required=True)


class ReleaseDocumentOut(Schema):
    """A published release: its period, how it is protected, its tables and the links between them."""

    release = fields.String(required=True)
    period = fields.Dict(required=True, metadata={"description": "start and end (ISO dates)"})
    licence = fields.String(required=True)
    publisher = fields.String(required=True)
    dimensions = fields.List(fields.String(), required=True, metadata={"description": "the breakdowns it holds"})
    minimum_slice = fields.Integer(required=True, metadata={
        "description": "a slice of a breakdown with fewer persons is hidden whole"})
    marks = fields.Dict(keys=fields.String(), values=fields.String(), required=True, metadata={
        "description": "what each mark in a cell means: \"<5\" 1–4 persons, \"x\" hidden to protect another "
                       "cell, \"..\" hidden without telling its size"})
    tables = fields.List(fields.Dict(), required=True, metadata={
        "description": "keys, not labels; each with its rows, cells and `totals` (which cells sum to which)"})
    links = fields.List(fields.Dict(), required=True, metadata={
        "description": "pairs of cells of two tables that are the same figure"})


@blp.route("")
class OpenData(MethodView):
    @public
    @blp.arguments(NoArgs, location="query", unknown=RAISE)
    @blp.response(200, ReleasesOut)
    def get(self, _args):
        """The published releases, newest first."""
        with runtime().db.session() as session:
            rows = releases.published(session)
        return {"licence": LICENCE, "publisher": PUBLISHER, "releases": [
            {"period": r["period"], "start": r["period_start"].isoformat(), "end": r["period_end"].isoformat(),
             "published_at": r["published_at"]} for r in rows]}


@blp.route("/<string:period>")
class OpenDataRelease(MethodView):
    @public
    @blp.arguments(FormatArgs, location="query", unknown=RAISE)
    @blp.doc(responses={"200": {"description": "The release as JSON, or its cells as CSV with format=csv",
                                "content": {"application/json": {"schema": ReleaseDocumentOut},
                                            "text/csv": {"schema": {"type": "string"}}}}})
    @blp.alt_response(404, description="No release of this period has been published")
    def get(self, args, period):
        """One published release, exactly as it was published."""
        with runtime().db.session() as session:
            document = releases.published_document(session, period)
        if args["format"] == "csv":
            response = Response(open_data_csv(document["tables"]), content_type="text/csv; charset=utf-8")
            response.headers["Content-Disposition"] = \
                f'attachment; filename="sosiaalinen-kampus-open-data-{period}.csv"'
            return response
        return document
