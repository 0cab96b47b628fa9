"""Consents: the decisions in force per purpose, recording a decision and setting its effects in motion.

Other areas ask handlers/bases.py `lawful` before anything personal travels or is used: it asks
has_consent only for the purposes the organisation's register bases on consent.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from services.intake.db import consents
from services.intake.domain import consent as rules
from services.intake.handlers import access, clients
from shared import clock
from shared.auth.principal import Principal
from shared.errors import require
from shared.events.contracts.intake import PURPOSES
from shared.events.envelope import utcnow
from shared.runtime import Work


@dataclass
class NewClient:
    """What is known without asking the database of a client registered in this very transaction: the consents
    decided so far in it, and nothing else (no restriction, profile, skill or disclosure question can name a row
    that is not committed yet). Its decisions wait in `decided` and are stored at once by `store`: nothing reads
    them before (their effects ask this object), nor after, so they go with the COMMIT."""

    consents: dict[str, bool] = field(default_factory=dict)
    decided: list[dict] = field(default_factory=list)

    def given(self, purpose: str) -> bool:
        return self.consents.get(purpose, False)

    def store(self, work: Work) -> None:
        """Insert the decisions recorded so far (one statement, sent with the COMMIT: `Work.write_at_commit`), in
        the order they were made. Nothing the database could refuse: the client's row is this transaction's and
        the purposes were checked."""
        if self.decided:
            work.write_at_commit(_INSERT, self.decided)
            self.decided = []


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


def may_process(session: Session, client_id: str, purpose: str) -> bool:
    """Whether the consent for `purpose` is in force and its processing not restricted (Art. 18, 21)."""
    from services.intake.handlers.restrictions import is_restricted

    return has_consent(session, client_id, purpose) and not is_restricted(session, client_id, purpose)


_INSERT = insert(consents).inline()  # no id asked back (the COMMIT's pipeline: Work.write_at_commit)


def record_decision(work: Work, row, decision: rules.Decision, principal: Principal, *, publish_key: bool = True,
                    new: NewClient | None = None):
    """Store one decision, then do at once what it implies; returns the client row as it is now.

    `publish_key=False`: the caller publishes the person key itself (registration, before the consents).
    `new`: the client was registered in this transaction (what is known of it is kept there; nothing is read,
    and the decision waits there until the caller stores it).
    """
    values = {"client_id": row.id, "purpose": decision.purpose, "version": decision.version,
              "given": decision.given, "decided_at": utcnow(), "recorded_by": principal.user_id,
              "method": decision.method}
    if new is not None:  # stored with the registration's other decisions (NewClient.store)
        was_given = new.given(decision.purpose)
        new.consents[decision.purpose] = decision.given
        new.decided.append(values)
    else:
        was_given = has_consent(work.session, row.id, decision.purpose)
        work.session.execute(_INSERT, values)
    if new is None and decision.purpose == rules.CONTACT_TO_PARTNER and not decision.given:
        from services.intake.handlers.disclosures import withdraw_questions  # disclosures asks has_consent here

        withdraw_questions(work.session, row.id)
    payload = {"client_id": row.id, "purpose": decision.purpose, "version": decision.version}
    for effect in rules.effects(decision, case_active=row.status == "active", was_given=was_given):
        if effect == rules.EMIT_GIVEN:
            work.emit("intake.consent.given", payload, organisation=row.organisation)
        elif effect == rules.EMIT_WITHDRAWN:
            work.emit("intake.consent.withdrawn", payload, organisation=row.organisation)
        elif effect == rules.SHARE_PROFILE:
            from services.intake.handlers.profile import share_profile

            share_profile(work, row, new)
        elif effect == rules.WITHDRAW_PROFILE:
            work.emit("intake.profile.withdrawn", {"client_id": row.id}, organisation=row.organisation)
        elif effect == rules.RECORD_STATISTICS:
            from services.intake.handlers.bases import statistics_bases  # bases reads consents, as this does

            clients.emit_statistics(work, row, statistics_bases(work, row, new))
        elif effect == rules.PUBLISH_PERSON_KEY and publish_key:
            from services.intake.handlers import person_keys  # person_keys imports this module

            person_keys.publish(work, row)
        elif effect == rules.CLOSE_CASE:
            row = clients.close_case(work, row, clock.today())
    return row


def _decision_view(row) -> dict:
    return {"purpose": row.purpose, "given": row.given, "version": row.version, "decided_at": row.decided_at,
            "method": row.method, "recorded_by": row.recorded_by}


def consent_view(session: Session, client_id: str, asked: tuple[str, ...] = rules.PURPOSES) -> dict:
    """The decision in force per purpose asked (None when never decided), the whole history, newest first,
    and the purposes not asked because they rest on another basis.

    Each decision in force also tells its `state`: given, withdrawn (given once, not now) or never given (a
    registration records a refusal of what was not ticked), and `since`, the moment that state began."""
    history = session.execute(select(consents).where(consents.c.client_id == str(client_id))
                              .order_by(consents.c.decided_at.desc(), consents.c.id.desc())).all()
    current: dict = {purpose: None for purpose in asked}
    for purpose in asked:
        own = [row for row in history if row.purpose == purpose]  # newest first
        if own:
            current[purpose] = {**_decision_view(own[0]), **rules.standing([(r.given, r.decided_at) for r in own])}
    return {"current": current, "history": [_decision_view(row) for row in history],
            "not_asked": [purpose for purpose in rules.PURPOSES if purpose not in asked]}


def view_for(work: Work, row) -> dict:
    """The consents of a client as their organisation's register asks them."""
    from services.intake.handlers.bases import asked

    return consent_view(work.session, row.id, asked(work, row.organisation))


def consents_of(work: Work, principal: Principal, client_id) -> dict:
    """The consents of a client the principal may see (the read is audited)."""
    row = access.load_client(work, principal, client_id, what="consents", why="guidance")
    return view_for(work, row)


def decide(work: Work, principal: Principal, client_id: str, purpose: str, given: bool, *, why: str,
           version: str | None = None, method: str | None = None) -> dict:
    """Record one decision; returns the consents in force afterwards.

    A manager records the client's decision (in person, in writing, or the guardian's for a minor); a client
    decides alone, within the member's age rules (handlers/minors.py). Only a purpose the organisation asks
    consent for can be decided: withdrawing an optional consent leaves the case open (only where service
    itself rests on consent does withdrawing it close the case).
    """
    from services.intake.handlers.bases import asked

    self_service = not principal.has("manager")
    decision = rules.Decision(purpose, given, version or rules.CURRENT_VERSION,
                              method or ("self_service" if self_service else "in_person"))
    row = access.load_client(work, principal, client_id, what="consents", why=why, action="update")
    from services.intake.handlers.minors import check_consent  # minors reads settings, as registration does

    require(rules.problems(decision, self_service=self_service, asked=asked(work, row.organisation)))
    require(check_consent(work, row, decision.purpose, decision.given, decision.method, clock.today()))
    record_decision(work, row, decision, principal)
    return view_for(work, row)
