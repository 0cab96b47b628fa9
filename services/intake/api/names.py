"""Names of a manager's own clients, for the network's pickers and lists (in the body: no name in a URL)."""
from __future__ import annotations

from flask.views import MethodView
from flask_smorest import Blueprint
from marshmallow import Schema, validate

from services.intake.context import runtime
from services.intake.handlers import names
from shared.auth import allow, current_principal
from shared.web import fields

blp = Blueprint("client_names", __name__, url_prefix="/api/v1/client-names",
                description="Names of your organisation's clients, for choosing and showing them by name.")


class NamesIn(Schema):
    purpose = fields.String(required=True, validate=validate.OneOf(names.PURPOSES),
                            metadata={"description": "why the names are read (audit log)"})
    ids = fields.List(fields.UUID(), validate=validate.Length(max=names.LIMIT), load_default=None,
                      metadata={"description": "these clients only (those of another organisation are left out)"})
    q = fields.String(validate=validate.Length(max=200), load_default=None,
                      metadata={"description": "words of the name"})
    active_only = fields.Boolean(load_default=True)


class NameOut(Schema):
    id = fields.UUID(required=True)
    name = fields.String(required=True)


@blp.route("")
class ClientNames(MethodView):
    @allow("manager")
    @blp.arguments(NamesIn)
    @blp.response(200, NameOut(many=True))
    def post(self, data):
        """{id, name} of your organisation's clients: those asked for by id, or by words of the name, or all active."""
        with runtime().work() as work:
            return names.names(work, current_principal(), purpose=data["purpose"], ids=data["ids"], q=data["q"],
                               active_only=data["active_only"])
