"""The signed-in young person's own rights requests: filed into their organisation's register, with the state
and the decision (GDPR Art. 12(3), 15-22)."""
from __future__ import annotations

from flask.views import MethodView
from flask_smorest import Blueprint
from marshmallow import Schema

from services.intake.api.rights import DecisionItemOut, RequestedIn, RequestOut
from services.intake.context import runtime
from services.intake.handlers import rights
from shared.auth import allow, current_principal
from shared.web import fields

blp = Blueprint("own_rights_api", __name__, url_prefix="/api/v1/me/rights-requests",
                description="The signed-in client's own rights requests: access, rectification, erasure, "
                            "restriction, objection per purpose, portability.")


class OwnRequestIn(RequestedIn):
    """A request the signed-in client makes themself."""


class OwnErasureDecisionOut(Schema):
    state = fields.String(metadata={"description": "proposed | executed"})
    items = fields.List(fields.Nested(DecisionItemOut))


class OwnRequestOut(RequestOut):
    erasure_decision = fields.Nested(OwnErasureDecisionOut, allow_none=True)


@blp.route("")
class OwnRequests(MethodView):
    @allow("student")
    @blp.response(200, OwnRequestOut(many=True))
    def get(self):
        """List one's own requests, newest first, with their state and decision."""
        with runtime().work() as work:
            return rights.own_requests(work, current_principal())

    @allow("student")
    @blp.arguments(OwnRequestIn)
    @blp.response(201, OwnRequestOut)
    def post(self, data):
        """File a request (received today); an open one of the same kind and purpose is answered as it is."""
        with runtime().work() as work:
            return rights.file_own(work, current_principal(), data["kind"], data["purpose"])
