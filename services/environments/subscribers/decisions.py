"""Enrol the student when a manager accepts matching's suggestion of an environment's role.

The enrolment runs the same command and seat rules as a manager's own (`enrol_client`). A refusal
(full, not open, already elsewhere) does not fail the event: it is kept in `refused_enrolments` for the
environment's page, so the host's managers see that matching's acceptance could not be honoured.
Only the network's matching may enrol this way; the same suggestion never acts twice.
"""
from __future__ import annotations

import structlog
from sqlalchemy import insert, select

from services.environments.db import environments, participants, refused_enrolments
from services.environments.domain import Conflict, Invalid
from services.environments.handlers.participants import enrol_client
from shared.events.catalogue import NETWORK_ORGANISATION
from shared.events.envelope import Envelope, utcnow
from shared.runtime import Work

log = structlog.get_logger(__name__)
ROLE = "environment_role"


def _handled(session, suggestion_id: str) -> bool:
    """The suggestion already enrolled someone, or its refusal is already recorded."""
    enrolled = select(participants.c.id).where(participants.c.via_suggestion_id == suggestion_id)
    refused = select(refused_enrolments.c.suggestion_id).where(refused_enrolments.c.suggestion_id == suggestion_id)
    return session.execute(enrolled).first() is not None or session.execute(refused).first() is not None


def _environment(session, environment_id: str):
    stmt = select(environments).where(environments.c.id == environment_id)
    if session.get_bind().dialect.name == "postgresql":
        stmt = stmt.with_for_update()  # seats are counted under the same lock as the API's enrolment
    return session.execute(stmt).first()


def _reason(exc: Exception) -> str:
    if isinstance(exc, Conflict):
        return exc.reason
    return next(iter(m for ms in exc.fields.values() for m in ms), "Invalid input")  # Invalid


def on_suggestion_accepted(work: Work, envelope: Envelope) -> None:
    """Enrol the suggested client into the role; keep a refusal for the host's managers instead of failing."""
    data, session = envelope.payload, work.session
    if data["target_kind"] != ROLE:
        return
    suggestion_id, environment_id = str(data["suggestion_id"]), str(data.get("environment_id") or "")
    if envelope.organisation != NETWORK_ORGANISATION:
        log.warning("acceptance_ignored", reason="not from the network", suggestion_id=suggestion_id,
                    source=envelope.organisation)
        return
    if _handled(session, suggestion_id):
        return
    row = _environment(session, environment_id) if environment_id else None
    if row is None:
        log.warning("acceptance_not_enrolled", reason="no such environment", suggestion_id=suggestion_id)
        return
    request = {"client_id": data["client_id"], "role_id": data["target_id"], "via_suggestion_id": suggestion_id}
    try:
        enrol_client(work, row, request, organisation=data["organisation"], enrolled_by=None)
    except (Conflict, Invalid) as exc:
        reason = _reason(exc)
        log.warning("acceptance_not_enrolled", reason=reason, suggestion_id=suggestion_id)
        session.execute(insert(refused_enrolments).values(
            suggestion_id=suggestion_id, environment_id=row.id, role_id=str(data["target_id"]),
            client_id=str(data["client_id"]), client_organisation=data["organisation"], reason=reason[:200],
            refused_at=utcnow()))


HANDLERS = {"matching.suggestion.accepted": on_suggestion_accepted}
