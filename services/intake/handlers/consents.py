"""Consents: the decisions in force per purpose, recording a decision and setting its effects in motion.

Other areas ask has_consent before anything personal travels or is used: profile sharing (b), contact
details to a partner (c), statistics (d).
"""
from __future__ import annotations

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from services.intake.db import consents
from services.intake.domain import consent as rules
from services.intake.handlers import access, clients
from shared.auth.principal import Principal
from shared.errors import require
from shared.events.contracts.intake import PURPOSES
from shared.events.envelope import utcnow
from shared.runtime import Work


def current_consents(session: Session, client_id: str) -> dict[str, bool]:
    """Every purpose mapped to whether its newest decision is a given consent (no decision: False)."""
    state = {purpose: False for purpose in PURPOSES}
    rows = session.execute(
        select(consents.c.purpose, consents.c.given)
        .where(consents.c.client_id == str(client_id))
        .order_by(consents.c.decided_at, consents.c.id)
    )
    for purpose, given in rows:
        if purpose in state:
            state[purpose] = bool(given)
    return state


def has_consent(session: Session, client_id: str, purpose: str) -> bool:
    """Whether the client's consent for `purpose` is in force now."""
    if purpose not in PURPOSES:
        raise ValueError(f"unknown consent purpose {purpose!r}")
    row = session.execute(
        select(consents.c.given)
        .where(consents.c.client_id == str(client_id), consents.c.purpose == purpose)
        .order_by(consents.c.decided_at.desc(), consents.c.id.desc())
        .limit(1)
    ).first()
    return bool(row and row.given)


def record_decision(work: Work, row, decision: rules.Decision, principal: Principal):
    """Store one decision, then do at once what it implies; returns the client row as it is now."""
    was_given = has_consent(work.session, row.id, decision.purpose)
    work.session.execute(insert(consents).values(
        client_id=row.id, purpose=decision.purpose, version=decision.version, given=decision.given,
        decided_at=utcnow(), recorded_by=principal.user_id, method=decision.method))
    payload = {"client_id": row.id, "purpose": decision.purpose, "version": decision.version}
    for effect in rules.effects(decision, case_active=row.status == "active", was_given=was_given):
        if effect == rules.EMIT_GIVEN:
            work.emit("intake.consent.given", payload, organisation=row.organisation)
        elif effect == rules.EMIT_WITHDRAWN:
            work.emit("intake.consent.withdrawn", payload, organisation=row.organisation)
        elif effect == rules.SHARE_PROFILE:
            from services.intake.handlers.profile import share_profile

            share_profile(work, row)
        elif effect == rules.WITHDRAW_PROFILE:
            work.emit("intake.profile.withdrawn", {"client_id": row.id}, organisation=row.organisation)
        elif effect == rules.RECORD_STATISTICS:
            clients.emit_statistics(work, row)
        elif effect == rules.CLOSE_CASE:
            row = clients.close_case(work, row, utcnow().date())
    return row


def _decision_view(row) -> dict:
    return {"purpose": row.purpose, "given": row.given, "version": row.version, "decided_at": row.decided_at,
            "method": row.method, "recorded_by": row.recorded_by}


def consent_view(session: Session, client_id: str) -> dict:
    """The decision in force per purpose (None when never asked) and the whole history, newest first."""
    history = session.execute(select(consents).where(consents.c.client_id == str(client_id))
                              .order_by(consents.c.decided_at.desc(), consents.c.id.desc())).all()
    current: dict = {purpose: None for purpose in rules.PURPOSES}
    for row in history:
        if row.purpose in current and current[row.purpose] is None:
            current[row.purpose] = _decision_view(row)
    return {"current": current, "history": [_decision_view(row) for row in history]}


def consents_of(work: Work, principal: Principal, client_id) -> dict:
    """The consents of a client the principal may see (the read is audited)."""
    row = access.load_client(work, principal, client_id, what="consents", why="guidance")
    return consent_view(work.session, row.id)


def decide(work: Work, principal: Principal, client_id: str, purpose: str, given: bool, *, why: str,
           version: str | None = None, method: str | None = None) -> dict:
    """Record one decision; returns the consents in force afterwards.

    A manager records the client's decision (in person or in writing); a client decides alone.
    """
    self_service = not principal.has("manager")
    decision = rules.Decision(purpose, given, version or rules.CURRENT_VERSION,
                              method or ("self_service" if self_service else "in_person"))
    errors = rules.problems(decision, self_service=self_service)
    require(errors)
    row = access.load_client(work, principal, client_id, what="consents", why=why, action="update")
    record_decision(work, row, decision, principal)
    return consent_view(work.session, row.id)
