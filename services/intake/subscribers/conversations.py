"""A message of a referral's or an environment's conversation arriving from another member's intake
(handlers/conversations.py), and an environment's messages withdrawn on an erasure there.

The copy keeps the message's id, its author's name and role and the time it was written. A referral's copy is this
side's client's personal data (the referral's client here, once the receiver linked one), exported and erased with
them, and kept by the author's organisation's retention rule, as the original is. An environment's copy is the
sending member's (its retention rule keeps it), and goes when that member erases the client whose data it is.
"""
from __future__ import annotations

from datetime import UTC, datetime

import structlog
from sqlalchemy import and_, delete, insert, select

from services.intake.db import conversation_messages
from services.intake.handlers.conversations import environment_subject, taking_part
from services.intake.subscribers.referral_notes import referral_of
from services.intake.subscribers.referrals import serves
from shared.events.envelope import Envelope
from shared.runtime import Work

log = structlog.get_logger(__name__)


def _moment(value) -> datetime:
    moment = value if isinstance(value, datetime) else datetime.fromisoformat(str(value))
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment


def on_referral_message_posted(work: Work, envelope: Envelope) -> None:
    """Keep the other side's message in this side's thread of the referral, once."""
    p = envelope.payload
    row = referral_of(work, envelope)  # not here yet: retried, as a note is
    sender = envelope.organisation
    if sender not in (row.from_organisation, row.to_organisation):
        log.warning("referral_message_from_a_stranger", referral_id=row.id, organisation=sender)
        return
    here = row.to_organisation if sender == row.from_organisation else row.from_organisation
    if not serves(work, here):
        return
    t = conversation_messages
    if work.session.execute(select(t.c.id).where(t.c.id == str(p["message_id"]))).first():
        return  # a repeat, or written here (an instance serving both sides)
    client_id = row.client_id if here == row.from_organisation else row.receiver_client_id
    work.session.execute(insert(t).values(
        id=str(p["message_id"]), subject_kind="referral", subject_id=row.id, client_id=client_id,
        organisation=sender, author_id="", author_name=p["author_name"], author_role=p["author_role"],
        body=p["body"], created_at=_moment(p["posted_at"])))


class EnvironmentNotYetHere(LookupError):
    """A message arrived before this intake learnt that its client and the sender take part: retried later."""


def on_environment_message_posted(work: Work, envelope: Envelope) -> None:
    """Keep another member's message in this side's copy of the environment's thread, once, and tell this side's
    parties (the partners were told by the sender)."""
    p = envelope.payload
    environment_id, sender = str(p["environment_id"]), envelope.organisation
    members = taking_part(work.session, environment_id)
    if sender not in members or not any(serves(work, o) for o in members):
        raise EnvironmentNotYetHere(f"who takes part in environment {environment_id} is not known here yet")
    subject = environment_subject(work.session, environment_id)
    if subject is None:  # our participants' records were erased: no thread is kept here any more
        log.info("environment_message_without_a_thread_here", environment_id=environment_id)
        return
    t = conversation_messages
    if work.session.execute(select(t.c.id).where(t.c.id == str(p["message_id"]))).first():
        return  # a repeat
    work.session.execute(insert(t).values(
        id=str(p["message_id"]), subject_kind="environment", subject_id=environment_id, client_id=None,
        organisation=sender, author_id="", author_name=p["author_name"], author_role=p["author_role"],
        body=p["body"], created_at=_moment(p["posted_at"])))
    parties = subject.parties
    work.emit("intake.message.posted", {
        "message_id": str(p["message_id"]), "subject_kind": "environment", "subject_id": environment_id,
        "author": "", "organisations": list(parties.manager_organisations), "client_ids": list(parties.client_ids),
        "partner_organisations": [], "subject_name": subject.name}, organisation=parties.manager_organisations[0])


def on_environment_messages_erased(work: Work, envelope: Envelope) -> None:
    """The sender erased a client: remove our copies of the sender's messages that were that client's data."""
    p = envelope.payload
    t = conversation_messages
    work.session.execute(delete(t).where(and_(
        t.c.subject_kind == "environment", t.c.subject_id == str(p["environment_id"]),
        t.c.organisation == envelope.organisation, t.c.id.in_([str(m) for m in p["message_ids"]]))))


HANDLERS = {"intake.referral_message.posted": on_referral_message_posted,
            "intake.environment_message.posted": on_environment_message_posted,
            "intake.environment_message.erased": on_environment_messages_erased}
