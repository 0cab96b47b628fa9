"""A referral's note arriving from the sending organisation's intake, or withdrawn (with the messages of the
referral's conversation) on an erasure.

The sender keeps the note and shares it with the receiver alone (services.intake.handlers.referrals.share_note).
"""
from __future__ import annotations

from sqlalchemy import select, update

from services.intake.db import referrals
from services.intake.handlers.referrals import forget_conversation
from services.intake.subscribers.referrals import serves
from shared.events.envelope import Envelope
from shared.runtime import Work


class ReferralNotYetHere(LookupError):
    """The note arrived before its referral: the consumer retries it later."""


def referral_of(work: Work, envelope: Envelope):
    """The referral an event is about; ReferralNotYetHere (retried) when it has not arrived."""
    row = work.session.execute(select(referrals).where(
        referrals.c.id == str(envelope.payload["referral_id"]))).first()
    if row is None:
        raise ReferralNotYetHere(f"referral {envelope.payload['referral_id']} has not arrived yet")
    return row


def on_note_shared(work: Work, envelope: Envelope) -> None:
    """Keep the note the sender wrote for us beside the referral it belongs to."""
    row = referral_of(work, envelope)
    if envelope.organisation == row.from_organisation and serves(work, row.to_organisation):
        work.session.execute(update(referrals).where(referrals.c.id == row.id).values(
            note=envelope.payload["note"]))


def on_note_erased(work: Work, envelope: Envelope) -> None:
    """The other side erased the client: remove our copy of the referral's note and its conversation's messages
    (the other side's copies and ours: the thread is the two sides' together)."""
    row = referral_of(work, envelope)
    if envelope.organisation in (row.from_organisation, row.to_organisation):
        work.session.execute(update(referrals).where(referrals.c.id == row.id).values(note=None))
        forget_conversation(work.session, row.id)


HANDLERS = {"intake.referral_note.shared": on_note_shared, "intake.referral_note.erased": on_note_erased}
