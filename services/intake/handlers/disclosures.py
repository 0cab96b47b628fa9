"""The young person decides on the disclosure of their contact details to a partner.

When a manager accepts a need match of a client who gave consent (c), the partner's wish to make contact
waits here for the young person, who accepts or declines it on their own page; the question names the
partner. A member that configures a legal basis (`contact_disclosure_basis`) discloses at once instead.
Either way the disclosure is written in the client's audit trail, and the row is the line on the young
person's page that tells them who received what.
"""
from __future__ import annotations

import uuid

from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session

from services.intake.config import settings
from services.intake.db import disclosure_requests, partner_names, partners
from services.intake.handlers import access
from services.intake.handlers.consents import has_consent
from services.intake.handlers.contacts import holder_or_none, send_contact
from shared.audit import record
from shared.auth.principal import Principal
from shared.errors import N_, Conflict, NotFound
from shared.events.envelope import utcnow
from shared.runtime import Work

AWAITING, ACCEPTED, DECLINED, BY_BASIS, WITHDRAWN = "awaiting", "accepted", "declined", "by_basis", "withdrawn"
DISCLOSED_FIELDS = "name, email, phone"


def log_disclosure(session: Session, principal: Principal, client_id: str, recipient: str, why: str) -> None:
    """The one place a disclosure of a client's data enters the client's audit trail."""
    record(session, principal, "disclose", "contact_details", "contact_sharing", subjects=[client_id],
           detail={"fields": DISCLOSED_FIELDS, "recipient": recipient, "basis": why})


def partner_name(session: Session, partner_id: str) -> str | None:
    """A partner's name: recorded here, else as the network announced it."""
    return (session.execute(select(partners.c.name).where(partners.c.id == partner_id)).scalar()
            or session.execute(select(partner_names.c.name).where(partner_names.c.partner_id == partner_id)).scalar())


def on_match_accepted(work: Work, client, suggestion_id: str, need_id: str) -> None:
    """A manager accepted a need match of this client: ask the young person, or disclose under the basis."""
    session = work.session
    basis = settings(work.runtime.config).contact_disclosure_basis
    if basis is None and not has_consent(session, client.id, "contact_to_partner"):
        return
    t = disclosure_requests
    if session.execute(select(t.c.id).where((t.c.suggestion_id == suggestion_id) | (
            (t.c.client_id == client.id) & (t.c.need_id == need_id) & (t.c.status != DECLINED)))).first():
        return  # this decision, or another match for the same need, is already asked or done
    holder = holder_or_none(session, need_id, suggestion_id, work.runtime.config.organisation)
    if holder is None:
        return
    partner_id, holder_organisation = holder
    name = partner_name(session, partner_id)
    now = utcnow()
    values = {"id": str(uuid.uuid4()), "client_id": client.id, "suggestion_id": suggestion_id, "need_id": need_id,
              "partner_id": partner_id, "partner_name": name, "asked_at": now}
    if basis is None:
        session.execute(insert(t).values(**values, status=AWAITING))
        return
    session.execute(insert(t).values(**values, status=BY_BASIS, basis=basis[:200], decided_at=now,
                                     disclosed_at=now))
    if send_contact(work, client, suggestion_id, need_id, partner_id, holder_organisation):
        log_disclosure(session, Principal(organisation=client.organisation), client.id, name or partner_id,
                       f"accepted match; legal basis: {basis}")


def disclosures_of(session: Session, client_id: str) -> list:
    """The client's disclosure questions and disclosures, newest first."""
    return session.execute(select(disclosure_requests).where(disclosure_requests.c.client_id == client_id)
                           .order_by(disclosure_requests.c.asked_at.desc(), disclosure_requests.c.id)).all()


def decide(work: Work, principal: Principal, request_id: str, accept: bool) -> str:
    """The young person accepts or declines a partner's wish to contact them; returns the new status.

    Only the client themself decides: a manager's or anyone else's attempt finds nothing.
    """
    if not principal.has("student") or not principal.client_id:
        raise NotFound("No such question")
    client = access.load_client(work, principal, principal.client_id, what="contact_disclosure", why="own_use",
                                action="update")
    t = disclosure_requests
    row = work.session.execute(select(t).where(t.c.id == str(request_id), t.c.client_id == client.id)).first()
    if row is None:
        raise NotFound("No such question")
    if row.status != AWAITING:
        raise Conflict(N_("You have already answered this question."))
    now = utcnow()
    if not accept:
        work.session.execute(update(t).where(t.c.id == row.id).values(status=DECLINED, decided_at=now))
        return DECLINED
    holder = holder_or_none(work.session, row.need_id, row.suggestion_id, work.runtime.config.organisation)
    if holder is None:
        raise Conflict(N_("The partner's need is no longer known: nothing was sent."))
    work.session.execute(update(t).where(t.c.id == row.id).values(status=ACCEPTED, decided_at=now, disclosed_at=now))
    if send_contact(work, client, row.suggestion_id, row.need_id, holder[0], holder[1]):
        log_disclosure(work.session, principal, client.id, row.partner_name or row.partner_id,
                       "the client accepted the partner's contact request")
    return ACCEPTED


def withdraw_questions(session: Session, client_id: str) -> None:
    """The client withdrew consent (c): the questions still waiting for them are cancelled at once."""
    t = disclosure_requests
    session.execute(update(t).where(t.c.client_id == client_id, t.c.status == AWAITING)
                    .values(status=WITHDRAWN, decided_at=utcnow()))


def awaiting_count(session: Session, client_id: str) -> int:
    return len([r for r in disclosures_of(session, client_id) if r.status == AWAITING])
