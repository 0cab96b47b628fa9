"""The young person's request for erasure, made on their own page; the service manager decides on it and carries
out the erasure (handlers/gdpr.py). Kept minimal: the register of rights requests is built elsewhere."""
from __future__ import annotations

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from services.intake.db import erasure_requests
from services.intake.handlers import access
from shared.auth.principal import Principal
from shared.errors import NotFound
from shared.events.envelope import utcnow
from shared.runtime import Work


def request_of(session: Session, client_id: str):
    """The client's erasure request, or None (an erased client's requests go with the rest)."""
    return session.execute(select(erasure_requests).where(erasure_requests.c.client_id == client_id)
                           .order_by(erasure_requests.c.requested_at.desc()).limit(1)).first()


def request_erasure(work: Work, principal: Principal):
    """Record the signed-in client's request to erase their data (once); returns the request."""
    if not principal.has("student") or not principal.client_id:
        raise NotFound("No such client")
    row = access.load_client(work, principal, principal.client_id, what="erasure_request", why="own_use",
                             action="update")
    existing = request_of(work.session, row.id)
    if existing is not None:
        return existing
    work.session.execute(insert(erasure_requests).values(client_id=row.id, requested_at=utcnow(),
                                                         requested_by=principal.user_id))
    return request_of(work.session, row.id)
