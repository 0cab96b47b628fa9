"""Possible shared clients: notices to the managers of both organisations, and how they resolve them."""
from __future__ import annotations

import uuid

from flask import abort
from flask_smorest import Blueprint
from marshmallow import Schema, validate
from sqlalchemy import select, update

from services.intake.context import runtime
from services.intake.db import clients, shared_client_notices
from services.intake.domain.overlap import RESOLUTIONS, AlreadyResolved, check_open, resolution_problems
from shared.auth import allow, current_principal
from shared.events.envelope import utcnow
from shared.web import fields
from shared.web.errors import ApiError

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


def _columns():
    n = shared_client_notices.c
    return (n.id, n.client_id, n.other_organisation, n.status, n.lead_organisation, n.created_at, n.resolved_at)


def notices_of(session, organisation: str, status: str | None = None, client_id: str | None = None) -> list:
    """The notices about an organisation's own clients, newest first."""
    stmt = (select(*_columns()).join(clients, clients.c.id == shared_client_notices.c.client_id)
            .where(clients.c.organisation == organisation, clients.c.status != "erased")
            .order_by(shared_client_notices.c.created_at.desc()))
    if status:
        stmt = stmt.where(shared_client_notices.c.status == status)
    if client_id:
        stmt = stmt.where(shared_client_notices.c.client_id == str(client_id))
    return session.execute(stmt).all()


def own_notice(session, principal, notice_id):
    """A notice about a client of the principal's organisation, else 404."""
    try:
        key = str(uuid.UUID(str(notice_id)))
    except ValueError:
        abort(404)
    row = session.execute(select(*_columns(), clients.c.organisation)
                          .join(clients, clients.c.id == shared_client_notices.c.client_id)
                          .where(shared_client_notices.c.id == key, clients.c.status != "erased")).first()
    if row is None or row.organisation != principal.organisation:
        raise ApiError(404, "No such notice")
    return row


def resolve_notice(principal, notice_id, resolution: str, lead_organisation: str | None):
    """Agree who leads, or dismiss; tell the network in the same transaction."""
    with runtime().work() as work:
        notice = own_notice(work.session, principal, notice_id)
        problems = resolution_problems(resolution, lead_organisation, notice.organisation,
                                       notice.other_organisation)
        if problems:
            raise ApiError(422, "Invalid input", problems)
        try:
            check_open(notice.status)
        except AlreadyResolved as exc:
            raise ApiError(409, str(exc)) from exc
        now = utcnow()
        lead = lead_organisation if resolution == "lead_agreed" else None
        work.session.execute(update(shared_client_notices).where(shared_client_notices.c.id == notice.id).values(
            status=resolution, lead_organisation=lead, resolved_by=principal.user_id, resolved_at=now,
            updated_at=now))
        work.emit("intake.overlap.resolved", {
            "client_id": notice.client_id, "notice_id": notice.id, "other_organisation": notice.other_organisation,
            "resolution": resolution, "lead_organisation": lead}, organisation=notice.organisation)
        return own_notice(work.session, principal, notice.id)


@blp.get("/notices")
@allow("manager")
@blp.arguments(SharedClientNoticeQuery, location="query")
@blp.response(200, SharedClientNoticeOut(many=True))
def list_notices(query):
    """List possible shared clients of your organisation."""
    with runtime().db.session() as session:
        return notices_of(session, current_principal().organisation, query.get("status"))


@blp.get("/notices/<uuid:notice_id>")
@allow("manager")
@blp.response(200, SharedClientNoticeOut)
def show_notice(notice_id):
    """Show one possible shared client notice."""
    with runtime().db.session() as session:
        return own_notice(session, current_principal(), notice_id)


@blp.post("/notices/<uuid:notice_id>/resolve")
@allow("manager")
@blp.arguments(OverlapResolutionIn)
@blp.response(200, SharedClientNoticeOut)
def resolve(data, notice_id):
    """Agree which organisation leads the client's service, or dismiss the notice."""
    return resolve_notice(current_principal(), notice_id, data["resolution"], data["lead_organisation"])
