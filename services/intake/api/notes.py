"""Case notes (asiakaskirjaukset): dated notes on a client by their organisation's service managers."""
from __future__ import annotations

from flask.views import MethodView
from flask_smorest import Blueprint
from marshmallow import Schema, validate

from services.intake.context import runtime
from services.intake.domain.notes import NOTE_KINDS, NOTE_MAX
from services.intake.handlers import notes
from shared.auth import allow, current_principal
from shared.web import fields

blp = Blueprint("notes", __name__, url_prefix="/api/v1/clients/<uuid:client_id>/notes",
                description="Case notes: what the service manager recorded of each contact with a client.")


class NoteIn(Schema):
    """A note as the manager writes it."""
    noted_on = fields.Date(required=True, metadata={"description": "the day of the contact (not in the future)"})
    kind = fields.String(required=True, validate=validate.OneOf(NOTE_KINDS))
    text = fields.String(required=True, validate=validate.Length(min=1, max=NOTE_MAX))


class NoteOut(NoteIn):
    """A recorded note."""
    id = fields.UUID()
    client_id = fields.UUID()
    author_name = fields.String(allow_none=True)
    created_at = fields.DateTime()


@blp.route("")
class Notes(MethodView):
    """A client's case notes."""
    @allow("manager")
    @blp.response(200, NoteOut(many=True))
    def get(self, client_id):
        """List a client's case notes, newest contact first."""
        with runtime().work() as work:
            return notes.list_notes(work, current_principal(), str(client_id))

    @allow("manager")
    @blp.arguments(NoteIn)
    @blp.response(201, NoteOut)
    def post(self, data, client_id):
        """Record a case note on a client of your organisation."""
        with runtime().work() as work:
            return notes.add_note(work, current_principal(), str(client_id), data)
