"""Possible shared clients: notices to the managers of both organisations, and how they resolve them."""
from __future__ import annotations

from flask_smorest import Blueprint
from marshmallow import Schema, validate

from services.intake.context import runtime
from services.intake.domain.overlap import RESOLUTIONS
from services.intake.handlers import overlap
from shared.auth import allow, current_principal
from shared.web import fields

blp = Blueprint("overlap", __name__, url_prefix="/api/v1/overlap",
                description="Possible shared clients between member organisations (removing overlaps).")
STATUSES = ("open", "lead_agreed", "dismissed")


class SharedClientNoticeOut(Schema):
    """A possible shared client notice: the own client and the other organisation only."""
    id = fields.UUID()
    client_id = fields.UUID()
    other_organisation = fields.String(metadata={"description": "all that is told about the other side"})
    status = fields.String()
    lead_organisation = fields.String(allow_none=True)
    created_at = fields.DateTime()
    resolved_at = fields.DateTime(allow_none=True)


class SharedClientNoticeQuery(Schema):
    """Filters of the notice list."""
    status = fields.String(validate=validate.OneOf(STATUSES))


class OverlapResolutionIn(Schema):
    """How a notice is resolved."""
    resolution = fields.String(required=True, validate=validate.OneOf(RESOLUTIONS))
    lead_organisation = fields.String(allow_none=True, load_default=None, validate=validate.Length(1, 63))


@blp.get("/notices")
@allow("manager")
@blp.arguments(SharedClientNoticeQuery, location="query")
@blp.response(200, SharedClientNoticeOut(many=True))
def list_notices(query):
    """List possible shared clients of your organisation."""
    with runtime().db.session() as session:
        return overlap.notices_of(session, current_principal().organisation, query.get("status"))


@blp.get("/notices/<uuid:notice_id>")
@allow("manager")
@blp.response(200, SharedClientNoticeOut)
def show_notice(notice_id):
    """Show one possible shared client notice."""
    with runtime().db.session() as session:
        return overlap.own_notice(session, current_principal(), notice_id)


@blp.post("/notices/<uuid:notice_id>/resolve")
@allow("manager")
@blp.arguments(OverlapResolutionIn)
@blp.response(200, SharedClientNoticeOut)
def resolve(data, notice_id):
    """Agree which organisation leads the client's service, or dismiss the notice."""
    with runtime().work() as work:
        return overlap.resolve_notice(work, current_principal(), notice_id, data["resolution"],
                                      data["lead_organisation"])
