"""Conversations: messages between exactly the parties of a subject, audit-logged as the client's personal data.

A kind of subject joins with one resolver: `register("introduction", resolver)` where `resolver(session,
subject_id)` answers the Subject (its parties, the client it concerns) or None when there is no such subject.
Referrals, environments and introductions are registered below; docs/architecture.md ("Conversations") tells
how another part adds its own.

A referral between organisations whose intakes are separate instances has a thread on each side: a message
written on one side is stored there and sent to the other side's intake alone (`intake.referral_message.posted`,
addressed), which keeps a copy under the same id (subscribers/conversations.py). Both copies go when either side
erases the client (handlers/referrals.forget_notes).

An environment's thread is one thread too, whatever intakes keep it: each member whose clients take part keeps a
copy (environment_parties.organisations, from environments' events); a message written on one is sent to the
others (`intake.environment_message.posted`, addressed), and when a client is erased, the messages that were their
data go on every side (`intake.environment_message.erased`).
"""
from __future__ import annotations

import uuid
from collections.abc import Callable

from sqlalchemy import and_, insert, select
from sqlalchemy.orm import Session

from services.intake.db import (
    clients,
    competence_needs,
    contact_disclosures,
    conversation_messages,
    environment_participations,
    environment_parties,
    partner_names,
    partners,
    suggestions,
)
from services.intake.domain.conversations import SUBJECT_KINDS, Parties, Subject, message_body
from services.intake.handlers.referrals import referral_row
from services.intake.subscribers.referrals import serves
from shared.auth.principal import Principal
from shared.errors import NotFound
from shared.events.envelope import utcnow
from shared.runtime import Work

Resolver = Callable[[Session, str], Subject | None]
RESOLVERS: dict[str, Resolver] = {}


def register(kind: str, resolver: Resolver) -> None:
    """Let threads be kept about subjects of `kind`, whose parties `resolver` names."""
    if kind not in SUBJECT_KINDS:
        raise ValueError(f"unknown subject kind {kind!r}; add it to SUBJECT_KINDS and the event's contract")
    RESOLVERS[kind] = resolver


def referral_subject(session: Session, subject_id: str) -> Subject | None:
    """A referral's parties: both organisations' managers and the client, at either side."""
    row = referral_row(session, subject_id)
    if row is None:
        return None
    students = tuple(str(c) for c in (row.client_id, row.receiver_client_id) if c is not None)
    return Subject("referral", str(row.id), Parties((row.from_organisation, row.to_organisation), students),
                   students[0] if students else None)


def environment_subject(session: Session, subject_id: str) -> Subject | None:
    """An environment's parties as this intake knows them: its participants here, their organisations' managers
    and the users of the environment's partners. A message is the one participant's personal data when there is
    one participant here, else nobody's, unless a student wrote it (see `_whose`)."""
    t = environment_participations
    rows = session.execute(select(t.c.client_id, clients.c.organisation, t.c.environment_name)
                           .join(clients, clients.c.id == t.c.client_id).where(t.c.environment_id == subject_id)).all()
    if not rows:
        return None
    organisations = tuple(sorted({r.organisation for r in rows}))
    students = tuple(sorted(str(r.client_id) for r in rows))
    partner_ids = session.execute(select(environment_parties.c.partner_ids)
                                  .where(environment_parties.c.environment_id == subject_id)).scalar() or ()
    partners = tuple(sorted({o for o in (partner_organisation(session, p) for p in partner_ids) if o}))
    return Subject("environment", subject_id, Parties(organisations, students, partners),
                   students[0] if len(students) == 1 else None,
                   next((r.environment_name for r in rows if r.environment_name), None))


def taking_part(session: Session, environment_id: str) -> list[str]:
    """The member organisations whose clients took part in an environment, as environments announced them."""
    return list(session.execute(select(environment_parties.c.organisations)
                                .where(environment_parties.c.environment_id == str(environment_id))).scalar() or ())


def partner_organisation(session: Session, partner_id) -> str | None:
    """The login organisation of a partner: recorded here, or as the network announced it."""
    own = session.execute(select(partners.c.organisation).where(partners.c.id == str(partner_id))).scalar()
    return own or session.execute(select(partner_names.c.organisation)
                                  .where(partner_names.c.partner_id == str(partner_id))).scalar()


def introduction_subject(session: Session, subject_id: str) -> Subject | None:
    """An introduction (a need's suggestion its manager accepted) between the student, their organisation's
    managers and, once the student's contact details went to the partner (under consent (c) or the member's
    legal basis), the partner's users. Its messages are the student's personal data."""
    row = session.execute(select(suggestions.c.id, suggestions.c.client_id, clients.c.organisation,
                                 competence_needs.c.title)
                          .join(clients, clients.c.id == suggestions.c.client_id)
                          .outerjoin(competence_needs, competence_needs.c.id == suggestions.c.target_id)
                          .where(suggestions.c.id == subject_id, suggestions.c.target_kind == "need",
                                 suggestions.c.status == "accepted")).first()
    if row is None:
        return None
    disclosed = session.execute(select(contact_disclosures.c.partner_id).where(
        contact_disclosures.c.suggestion_id == subject_id, contact_disclosures.c.client_id == row.client_id)).scalar()
    partner = partner_organisation(session, disclosed) if disclosed is not None else None
    return Subject("introduction", str(row.id), Parties((row.organisation,), (str(row.client_id),),
                                                        (partner,) if partner else ()), str(row.client_id),
                   row.title)  # the need's title when this instance holds the need


register("referral", referral_subject)
register("environment", environment_subject)
register("introduction", introduction_subject)


def subject_for(session: Session, principal: Principal, kind: str, subject_id: str) -> Subject:
    """The subject if the principal is one of its parties, else NotFound (its existence does not leak)."""
    resolver = RESOLVERS.get(kind)
    try:
        key = str(uuid.UUID(str(subject_id)))
    except ValueError:
        raise NotFound("No such conversation") from None
    subject = resolver(session, key) if resolver is not None else None
    if subject is None or not subject.parties.includes(principal.roles, principal.organisation, principal.client_id):
        raise NotFound("No such conversation")
    return subject


PURPOSES = {"referral": "referral", "environment": "environment", "introduction": "matching"}


def _audit(work: Work, principal: Principal, subject: Subject, action: str, client_id: str | None = None) -> None:
    whose = client_id or subject.client_id
    work.audit(principal, action, "messages", PURPOSES.get(subject.kind, "guidance"),
               subjects=[whose] if whose else (), objects=[subject.id])


def _whose(subject: Subject, principal: Principal) -> str | None:
    """The client whose personal data a new message is: in an environment a student's own words are theirs
    (exported and erased with them); otherwise the subject's client, if any."""
    if subject.kind == "environment" and principal.has("student") and principal.client_id in subject.parties.client_ids:
        return principal.client_id
    return subject.client_id


def thread(work: Work, principal: Principal, kind: str, subject_id: str) -> tuple[Subject, list[dict]]:
    """The subject's messages, oldest first, for one of its parties (the read is audited)."""
    subject = subject_for(work.session, principal, kind, subject_id)
    t = conversation_messages
    rows = work.session.execute(select(t).where(and_(t.c.subject_kind == kind, t.c.subject_id == subject.id))
                                .order_by(t.c.created_at, t.c.id)).mappings()
    messages = [{"id": r["id"], "author_name": r["author_name"], "author_role": r["author_role"],
                 "own": r["author_id"] == principal.user_id, "body": r["body"], "created_at": r["created_at"]}
                for r in rows]
    _audit(work, principal, subject, "read")
    return subject, messages


def post(work: Work, principal: Principal, kind: str, subject_id: str, body: object) -> dict:
    """Write a message to the subject's other parties; they are notified (intake.message.posted, no text)."""
    subject = subject_for(work.session, principal, kind, subject_id)
    text = message_body(body)
    message = {"id": str(uuid.uuid4()), "subject_kind": kind, "subject_id": subject.id,
               "client_id": _whose(subject, principal), "organisation": principal.organisation or "",
               "author_id": principal.user_id or "", "author_name": principal.name or principal.username or "",
               "author_role": _role_of(principal), "body": text, "created_at": utcnow()}
    work.session.execute(insert(conversation_messages).values(**message))
    _audit(work, principal, subject, "create", message["client_id"])
    if kind == "referral":
        _share_with_other_side(work, principal, subject, message)
    elif kind == "environment":
        _share_with_other_members(work, principal, subject, message)
    parties = subject.parties
    source = principal.organisation if principal.organisation in parties.manager_organisations \
        else parties.manager_organisations[0]  # a partner's message: the organisation whose thread it is
    work.emit("intake.message.posted", {
        "message_id": message["id"], "subject_kind": kind, "subject_id": subject.id, "author": message["author_id"],
        "organisations": list(parties.manager_organisations), "client_ids": list(parties.client_ids),
        "partner_organisations": list(parties.partner_organisations), "subject_name": subject.name},
        organisation=source)
    return {k: message[k] for k in ("id", "subject_kind", "subject_id", "author_name", "author_role", "body",
                                    "created_at")}


def _share_with_other_side(work: Work, principal: Principal, subject: Subject, message: dict) -> None:
    """Send a referral's message to the other side's intake when another instance serves it (logged as a
    disclosure of the client's data to that organisation); nothing travels when this instance serves both."""
    row = referral_row(work.session, subject.id)
    sides = (row.from_organisation, row.to_organisation)
    here = next((o for o in sides if serves(work, o)), None)
    for other in sides:
        if here is None or serves(work, other):
            continue
        work.emit("intake.referral_message.posted", {
            "referral_id": row.id, "message_id": message["id"], "author_name": message["author_name"][:200],
            "author_role": message["author_role"], "body": message["body"],
            "posted_at": message["created_at"].isoformat()}, organisation=here, to=other)
        work.audit(principal, "disclose", "messages", "referral",
                   subjects=[subject.client_id] if subject.client_id else (), objects=[subject.id],
                   detail={"recipient": other})


def _role_of(principal: Principal) -> str:
    for role in ("manager", "student", "partner"):
        if principal.has(role):
            return role
    return sorted(principal.roles)[0] if principal.roles else ""


def _share_with_other_members(work: Work, principal: Principal, subject: Subject, message: dict) -> None:
    """Send an environment's message to the intakes of the other members whose clients take part (logged as a
    disclosure when it is a client's data); nothing travels to an organisation this instance serves."""
    here = subject.parties.manager_organisations[0]  # a member whose client takes part here: served here
    for other in taking_part(work.session, subject.id):
        if serves(work, other):
            continue
        work.emit("intake.environment_message.posted", {
            "environment_id": subject.id, "message_id": message["id"], "author_name": message["author_name"][:200],
            "author_role": message["author_role"], "body": message["body"],
            "posted_at": message["created_at"].isoformat()}, organisation=here, to=other)
        if message["client_id"]:
            work.audit(principal, "disclose", "messages", "environment", subjects=[message["client_id"]],
                       objects=[subject.id], detail={"recipient": other})


def forget_environment_messages(work: Work, client) -> None:
    """An erased client's environment messages (theirs, or about them as the one participant here) go from the
    other members' intakes too; this side's go with the client's other data (in the same transaction)."""
    t = conversation_messages
    found: dict[str, list[str]] = {}
    for row in work.session.execute(select(t.c.id, t.c.subject_id).where(
            t.c.subject_kind == "environment", t.c.client_id == str(client.id))):
        found.setdefault(str(row.subject_id), []).append(str(row.id))
    for environment_id, message_ids in found.items():
        for other in taking_part(work.session, environment_id):
            if not serves(work, other):
                work.emit("intake.environment_message.erased", {
                    "environment_id": environment_id, "message_ids": sorted(message_ids)},
                    organisation=client.organisation, to=other)
