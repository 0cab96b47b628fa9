"""A referral's note: free text about the client, kept by the sender and shared with the receiver alone.

`intake.referral.sent` tells the network that a referral (with or without a note) was made; the note itself
travels to the receiving organisation's intake only, addressed (`intake.referral_note.shared`). When either
side erases the client's record, its copy of the note goes and the other side is told to remove its copy
(`intake.referral_note.erased`). An instance that serves both sides (the embedded default) holds one row and
sends nothing.
"""
from __future__ import annotations

from sqlalchemy import or_, select, update

from services.intake.db import referrals
from services.intake.subscribers.referrals import serves
from shared.events.envelope import Envelope
from shared.runtime import Work


class ReferralNotYetHere(LookupError):
    """The note arrived before its referral: the consumer retries it later."""


def share_note(work: Work, row) -> None:
    """Send the referral's note to the receiving organisation's intake, unless this instance serves it too."""
    if row.note and not serves(work, row.to_organisation):
        work.emit("intake.referral_note.shared", {"referral_id": row.id, "note": row.note},
                  organisation=row.from_organisation, to=row.to_organisation)


def forget_notes(work: Work, client) -> None:
    """Remove the notes of the referrals about an erased client, on this side and the other (in the same
    transaction as the erasure)."""
    found = work.session.execute(select(referrals).where(
        or_(referrals.c.client_id == client.id, referrals.c.receiver_client_id == client.id))).all()
    for row in found:
        if row.note is not None:
            work.session.execute(update(referrals).where(referrals.c.id == row.id).values(note=None))
        other = row.to_organisation if row.from_organisation == client.organisation else row.from_organisation
        if not serves(work, other):
            work.emit("intake.referral_note.erased", {"referral_id": row.id}, organisation=client.organisation,
                      to=other)


def _referral(work: Work, envelope: Envelope):
    row = work.session.execute(select(referrals).where(
        referrals.c.id == str(envelope.payload["referral_id"]))).first()
    if row is None:
        raise ReferralNotYetHere(f"referral {envelope.payload['referral_id']} has not arrived yet")
    return row


def on_note_shared(work: Work, envelope: Envelope) -> None:
    """Keep the note the sender wrote for us beside the referral it belongs to."""
    row = _referral(work, envelope)
    if envelope.organisation == row.from_organisation and serves(work, row.to_organisation):
        work.session.execute(update(referrals).where(referrals.c.id == row.id).values(
            note=envelope.payload["note"]))


def on_note_erased(work: Work, envelope: Envelope) -> None:
    """The other side erased the client: remove our copy of the referral's note."""
    row = _referral(work, envelope)
    if envelope.organisation in (row.from_organisation, row.to_organisation):
        work.session.execute(update(referrals).where(referrals.c.id == row.id).values(note=None))
