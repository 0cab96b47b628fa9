"""Restriction of processing (GDPR Art. 18) and objection (Art. 21), per purpose.

A restricted purpose is not processed: intake sends nothing for it (no profile to matching, no statistics
events, no contact details), and tells the network the client's whole current list of restricted purposes
(`intake.processing.restricted`), so matching drops the profile and reporting leaves the client out of its
figures. An objection is decided: upheld, it restricts the purpose as a restriction does; rejected, the
compelling grounds are recorded with it (Art. 21(1)) and nothing stops.
"""
from __future__ import annotations

from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session

from services.intake.db import processing_restrictions
from services.intake.domain import N_
from services.intake.handlers import access
from shared.auth.principal import Principal
from shared.errors import NotFound, require
from shared.events.contracts.intake import PROCESSING_PURPOSES
from shared.events.envelope import utcnow
from shared.runtime import Work

KINDS = ("restriction", "objection")
IN_FORCE = ("restricted", "upheld")
# The consent purposes of intake and the processing purpose each serves.
CONSENT_PURPOSE = {"service": "guidance", "profile_sharing": "matching", "contact_to_partner": "contact_sharing",
                   "statistics": "statistics"}


def restricted_purposes(session: Session, client_id: str) -> list[str]:
    """The purposes the client's data may not be processed for now."""
    t = processing_restrictions
    rows = session.execute(select(t.c.purpose).distinct().where(
        t.c.client_id == str(client_id), t.c.decision.in_(IN_FORCE), t.c.lifted_at.is_(None))).scalars()
    return sorted(rows)


def is_restricted(session: Session, client_id: str, consent_purpose: str) -> bool:
    """Whether the processing a consent purpose stands for is restricted for the client."""
    return CONSENT_PURPOSE.get(consent_purpose, consent_purpose) in restricted_purposes(session, client_id)


def _problems(kind: str, purpose: str, reason: str) -> dict:
    errors = {}
    if kind not in KINDS:
        errors["kind"] = [N_("Choose one of the options.")]
    if purpose not in PROCESSING_PURPOSES:
        errors["purpose"] = [N_("Choose one of the options.")]
    if not reason.strip():
        errors["reason"] = [N_("This field is required.")]
    elif len(reason) > 2000:
        errors["reason"] = [N_("This text is too long.")]
    return errors


def announce(work: Work, row) -> None:
    """Tell the network the client's current restricted purposes."""
    work.emit("intake.processing.restricted",
              {"client_id": row.id, "purposes": restricted_purposes(work.session, row.id)},
              organisation=row.organisation)


def record(work: Work, principal: Principal, client_id: str, *, kind: str, purpose: str, upheld: bool,
           reason: str, request_id: str | None = None) -> dict:
    """Record a restriction (always in force) or an objection and its decision; tell the network."""
    require(_problems(kind, purpose, reason))
    row = access.load_client(work, principal, client_id, what="restriction", why="restriction", action="update",
                             detail={"kind": kind, "purpose": purpose})
    decision = "restricted" if kind == "restriction" else ("upheld" if upheld else "rejected")
    work.session.execute(insert(processing_restrictions).values(
        client_id=row.id, request_id=request_id, kind=kind, purpose=purpose, decision=decision,
        reason=reason.strip(), decided_by=principal.user_id, started_at=utcnow()))
    if decision in IN_FORCE:
        announce(work, row)
    return {"kind": kind, "purpose": purpose, "decision": decision}


def lift(work: Work, principal: Principal, client_id: str, restriction_id: int) -> None:
    """Lift a restriction (the client is told beforehand, Art. 18(3)); processing for the purpose resumes."""
    from services.intake.handlers.profile import share_profile

    row = access.load_client(work, principal, client_id, what="restriction", why="restriction", action="update",
                             detail={"lifted": True})
    t = processing_restrictions
    found = work.session.execute(select(t.c.purpose).where(
        t.c.id == restriction_id, t.c.client_id == row.id, t.c.lifted_at.is_(None),
        t.c.decision.in_(IN_FORCE))).first()
    if found is None:
        raise NotFound("No such restriction")
    work.session.execute(update(t).where(t.c.id == restriction_id).values(lifted_at=utcnow()))
    announce(work, row)
    if found.purpose == "matching" and "matching" not in restricted_purposes(work.session, row.id):
        share_profile(work, row)


def restrictions_of(session: Session, client_id: str) -> list[dict]:
    """Every restriction and objection of a client, newest first."""
    t = processing_restrictions
    rows = session.execute(select(t).where(t.c.client_id == str(client_id))
                           .order_by(t.c.started_at.desc(), t.c.id.desc())).mappings()
    return [dict(r) for r in rows]

