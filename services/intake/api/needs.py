"""The needs assessment API: a client's individual needs in moving to education or work."""
from __future__ import annotations

from flask.views import MethodView
from flask_smorest import Blueprint
from marshmallow import Schema, validate

from services.intake.context import runtime
from services.intake.domain.needs import CATEGORIES, DESCRIPTION_MAX, PRIORITIES, STATUSES
from services.intake.handlers import needs as assessment
from shared.auth import allow, current_principal
from shared.web import fields
from shared.web.schemas import Timestamps

blp = Blueprint("needs_api", __name__, url_prefix="/api/v1", description="Needs assessment of clients.")


class AssessedNeedIn(Schema):
    category = fields.String(required=True, validate=validate.OneOf(CATEGORIES))
    priority = fields.Integer(required=True, validate=validate.OneOf(PRIORITIES),
                              metadata={"description": "1 high, 2 medium, 3 low"})
    description = fields.String(allow_none=True, load_default=None, validate=validate.Length(max=DESCRIPTION_MAX))
    status = fields.String(load_default="open", validate=validate.OneOf(STATUSES))


class AssessedNeedChange(Schema):
    category = fields.String(validate=validate.OneOf(CATEGORIES))
    priority = fields.Integer(validate=validate.OneOf(PRIORITIES))
    description = fields.String(allow_none=True, validate=validate.Length(max=DESCRIPTION_MAX))
    status = fields.String(validate=validate.OneOf(STATUSES))


class AssessedNeedOut(AssessedNeedIn, Timestamps):
    id = fields.String()
    client_id = fields.String()


@blp.route("/clients/<uuid:client_id>/needs")
class ClientNeeds(MethodView):
    @allow("manager")
    @blp.response(200, AssessedNeedOut(many=True))
    def get(self, client_id):
        """List a client's needs, open ones first by priority."""
        with runtime().work() as work:
            return assessment.list_needs(work, current_principal(), str(client_id), "guidance")

    @allow("manager")
    @blp.arguments(AssessedNeedIn)
    @blp.response(201, AssessedNeedOut)
    def post(self, data, client_id):
        """Record an individual need of a client."""
        with runtime().work() as work:
            need_id = assessment.add_need(work, current_principal(), str(client_id), **data)
            return assessment.need(work, str(client_id), need_id)


@blp.route("/clients/<uuid:client_id>/needs/<uuid:need_id>")
class ClientNeed(MethodView):
    @allow("manager")
    @blp.arguments(AssessedNeedChange)
    @blp.response(200, AssessedNeedOut)
    def patch(self, data, client_id, need_id):
        """Change a need's category, priority, description or status."""
        with runtime().work() as work:
            return assessment.change_need(work, current_principal(), str(client_id), str(need_id), data)

    @allow("manager")
    @blp.response(204)
    def delete(self, client_id, need_id):
        """Remove a need recorded by mistake."""
        with runtime().work() as work:
            assessment.remove_need(work, current_principal(), str(client_id), str(need_id))
