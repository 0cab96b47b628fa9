"""Outcomes: a client's transitions to education, work, apprenticeship or other, recorded by the manager."""
from __future__ import annotations

from flask.views import MethodView
from flask_smorest import Blueprint
from marshmallow import Schema, validate

from services.intake.api.partners import Text
from services.intake.context import lang, runtime
from services.intake.domain.outcomes import KINDS, WORK_FORMS
from services.intake.handlers import outcomes
from shared.auth import allow, current_principal
from shared.web import fields

blp = Blueprint("outcomes", __name__, url_prefix="/api/v1/clients/<uuid:client_id>/outcomes",
                description="Clients' transitions to education, work, apprenticeship or other.")


class OutcomeIn(Schema):
    """A transition as the manager records it."""
    kind = fields.String(required=True, validate=validate.OneOf(KINDS))
    work_form = fields.String(allow_none=True, load_default=None, validate=validate.OneOf(WORK_FORMS))
    hidden_job = fields.Boolean(load_default=False, metadata={"description": "a job never publicly advertised"})
    description = Text(200, metadata={"description": "which education or work"})
    field_of_education = fields.String(allow_none=True, load_default=None, validate=validate.Length(max=4))
    qualification = fields.Boolean(load_default=False, metadata={"description": "a qualification was gained"})
    started_on = fields.Date(required=True)
    ended_on = fields.Date(allow_none=True, load_default=None)
    via_environment_id = fields.UUID(allow_none=True, load_default=None)
    via_suggestion_id = fields.UUID(allow_none=True, load_default=None)


class OutcomeOut(OutcomeIn):
    """A recorded transition, and whether it was told to the network."""
    id = fields.UUID()
    client_id = fields.UUID()
    field_of_education_name = fields.String(allow_none=True)
    source = fields.String()
    created_at = fields.DateTime()
    published = fields.Boolean(metadata={"description": "told to the network (statistics consent (d) in force)"})


@blp.route("")
class Outcomes(MethodView):
    """A client's outcomes."""
    @allow("manager", "student")
    @blp.response(200, OutcomeOut(many=True))
    def get(self, client_id):
        """List a client's outcomes (a student: their own)."""
        with runtime().work() as work:
            return outcomes.list_outcomes(work, current_principal(), client_id, lang())

    @allow("manager")
    @blp.arguments(OutcomeIn)
    @blp.response(201, OutcomeOut)
    def post(self, data, client_id):
        """Record a client's transition to education, work, apprenticeship or other."""
        with runtime().work() as work:
            return outcomes.record_outcome(work, current_principal(), client_id, data, lang())
