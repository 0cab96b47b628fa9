"""Consents per purpose: the manager records the client's decisions, the client decides on their own."""
from __future__ import annotations

from flask.views import MethodView
from flask_smorest import Blueprint

from services.intake.api.client_schemas import ConsentDecisionSchema, ConsentsSchema
from services.intake.context import runtime
from services.intake.handlers import consents
from shared.auth import allow, current_principal

blp = Blueprint("consents", __name__, url_prefix="/api/v1/clients",
                description="Consents per purpose: service, profile sharing, contact to a partner, statistics.")


@blp.route("/<uuid:client_id>/consents")
class Consents(MethodView):
    @allow("manager", "student")
    @blp.response(200, ConsentsSchema)
    def get(self, client_id):
        """Show the consents in force and every decision made."""
        with runtime().work() as work:
            return consents.consents_of(work, current_principal(), client_id)

    @allow("manager", "student")
    @blp.arguments(ConsentDecisionSchema)
    @blp.response(201, ConsentsSchema)
    def post(self, data, client_id):
        """Give or withdraw a consent for one purpose; a withdrawal takes effect at once."""
        with runtime().work() as work:
            return consents.decide(work, current_principal(), client_id, data["purpose"], data["given"],
                                   version=data.get("version"), method=data.get("method"),
                                   why="consent_decision")
