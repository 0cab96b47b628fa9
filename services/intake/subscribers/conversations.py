"""A message of a referral's conversation arriving from the other side's intake (handlers/conversations.py).

The copy keeps the message's id, its author's name and role and the time it was written; it is this side's
client's personal data (the referral's client here, once the receiver linked one), exported and erased with
them, and kept by the author's organisation's retention rule, as the original is.
"""
from __future__ import annotations

from datetime import UTC, datetime

import structlog
from sqlalchemy import insert, select

from services.intake.db import conversation_messages
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


HANDLERS = {"intake.referral_message.posted": on_referral_message_posted}
