"""A partner's wish to contact a client: the young person accepts or declines it themselves; the client's manager
follows the answers. Contact details go to the partner only after the young person's acceptance (or under the
member's configured legal basis)."""
from __future__ import annotations

from flask.views import MethodView
from flask_smorest import Blueprint
from marshmallow import Schema

from services.intake.context import runtime
from services.intake.handlers import access, disclosures
from shared.auth import allow, current_principal
from shared.web import fields

blp = Blueprint("disclosures", __name__, url_prefix="/api/v1/clients",
                description="Partners' wishes to contact a client, decided by the young person themself.")


class DisclosureSchema(Schema):
    id = fields.UUID()
    partner_id = fields.UUID()
    partner_name = fields.String(allow_none=True, metadata={"description": "the partner who would get the contact"})
    need_id = fields.UUID()
    status = fields.String(metadata={"description": "awaiting | accepted | declined | by_basis | withdrawn"})
    basis = fields.String(allow_none=True, metadata={"description": "the member's legal basis (status by_basis)"})
    asked_at = fields.DateTime()
    decided_at = fields.DateTime(allow_none=True)
    disclosed_at = fields.DateTime(allow_none=True)


class AnswerSchema(Schema):
    accept = fields.Boolean(required=True, metadata={"description": "true: the partner gets name, email, phone"})


@blp.route("/<uuid:client_id>/disclosures")
class Disclosures(MethodView):
    @allow("manager", "student")
    @blp.response(200, DisclosureSchema(many=True))
    def get(self, client_id):
        """List the partners' wishes to contact the client and what became of them, newest first."""
        with runtime().work() as work:
            row = access.load_client(work, current_principal(), client_id, what="contact_disclosure", why="own_use")
            return [dict(r._mapping) for r in disclosures.disclosures_of(work.session, row.id)]


@blp.route("/<uuid:client_id>/disclosures/<uuid:request_id>")
class Answer(MethodView):
    @allow("student")
    @blp.arguments(AnswerSchema)
    @blp.response(200, DisclosureSchema)
    def post(self, data, client_id, request_id):
        """The young person accepts or declines; only an acceptance sends their contact details to the partner."""
        principal = current_principal()
        with runtime().work() as work:
            if str(client_id) != str(principal.client_id):
                # 404 for another client
                access.load_client(work, principal, client_id, what="contact_disclosure", why="own_use")
            disclosures.decide(work, principal, str(request_id), data["accept"])
            found = [r for r in disclosures.disclosures_of(work.session, principal.client_id)
                     if r.id == str(request_id)]
            return dict(found[0]._mapping)
