"""Possible shared clients: the notices about an organisation's own clients, and how its managers resolve them."""
from __future__ import annotations

import uuid

from sqlalchemy import select, update

from services.intake.db import clients, shared_client_notices
from services.intake.domain.overlap import AlreadyResolved, check_open, resolution_problems
from services.intake.handlers.access import HIDDEN_STATUSES
from shared.auth.principal import Principal
from shared.errors import Conflict, NotFound, require
from shared.events.envelope import utcnow
from shared.runtime import Work


def _columns():
    n = shared_client_notices.c
    return (n.id, n.client_id, n.other_organisation, n.other_client_id, n.status, n.lead_organisation, n.created_at,
            n.resolved_at, n.resolved_by)


def notices_of(session, organisation: str, status: str | None = None, client_id: str | None = None) -> list:
    """The notices about an organisation's own clients, newest first."""
    stmt = (select(*_columns()).join(clients, clients.c.id == shared_client_notices.c.client_id)
            .where(clients.c.organisation == organisation, clients.c.status.not_in(HIDDEN_STATUSES))
            .order_by(shared_client_notices.c.created_at.desc()))
    if status:
        stmt = stmt.where(shared_client_notices.c.status == status)
    if client_id:
        stmt = stmt.where(shared_client_notices.c.client_id == str(client_id))
    return session.execute(stmt).all()


def own_notice(session, principal: Principal, notice_id):
    """A notice about a client of the principal's organisation, else NotFound."""
    try:
        key = str(uuid.UUID(str(notice_id)))
    except ValueError:
        raise NotFound("No such notice") from None
    row = session.execute(select(*_columns(), clients.c.organisation)
                          .join(clients, clients.c.id == shared_client_notices.c.client_id)
                          .where(shared_client_notices.c.id == key, clients.c.status.not_in(HIDDEN_STATUSES))).first()
    if row is None or row.organisation != principal.organisation:
        raise NotFound("No such notice")
    return row


def resolve_notice(work: Work, principal: Principal, notice_id, resolution: str, lead_organisation: str | None):
    """Agree who leads, or dismiss; tell the network in the same transaction."""
    notice = own_notice(work.session, principal, notice_id)
    require(resolution_problems(resolution, lead_organisation, notice.organisation, notice.other_organisation))
    try:
        check_open(notice.status)
    except AlreadyResolved as exc:
        raise Conflict(str(exc), on=None) from exc
    now = utcnow()
    lead = lead_organisation if resolution == "lead_agreed" else None
    work.session.execute(update(shared_client_notices).where(shared_client_notices.c.id == notice.id).values(
        status=resolution, lead_organisation=lead, resolved_by=principal.user_id, resolved_at=now,
        updated_at=now))
    work.emit("intake.overlap.resolved", {
        "client_id": notice.client_id, "notice_id": notice.id, "other_organisation": notice.other_organisation,
        "resolution": resolution, "lead_organisation": lead}, organisation=notice.organisation)
    if lead is not None:  # an agreement is the pair's; a dismissal is this organisation's own judgement
        work.emit("intake.overlap.agreed", {"client_id": notice.other_client_id, "other_client_id": notice.client_id,
                                            "lead_organisation": lead},
                  organisation=notice.organisation, to=notice.other_organisation)
    return own_notice(work.session, principal, notice.id)
