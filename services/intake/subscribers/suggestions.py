"""Matching's suggestions about this instance's clients: kept beside the client, withdrawn when matching says so.

Every organisation's intake receives every suggestion (they are published by the network); one whose
client is not a client of this instance, in the organisation the suggestion names, is ignored.
"""
from __future__ import annotations

from sqlalchemy import insert, select, update

from services.intake.db import clients, suggestions
from services.intake.handlers.access import HIDDEN_STATUSES
from shared.events.envelope import Envelope, utcnow
from shared.runtime import Work


def _ours(work: Work, payload: dict) -> bool:
    return work.session.execute(select(clients.c.id).where(
        clients.c.id == str(payload["client_id"]), clients.c.organisation == payload["organisation"],
        clients.c.status.not_in(HIDDEN_STATUSES))).first() is not None


def on_suggestion_made(work: Work, envelope: Envelope) -> None:
    p = envelope.payload
    suggestion_id = str(p["suggestion_id"])
    if not _ours(work, p) or work.session.execute(
            select(suggestions.c.id).where(suggestions.c.id == suggestion_id)).first():
        return
    work.session.execute(insert(suggestions).values(
        id=suggestion_id, client_id=str(p["client_id"]), target_kind=p["target_kind"], target_id=str(p["target_id"]),
        score=round(float(p["score"]) * 1000), explanation=p["explanation"], status="new", received_at=utcnow()))


def on_suggestion_refreshed(work: Work, envelope: Envelope) -> None:
    """An open suggestion recomputed by matching: its new score and explanation replace the old ones."""
    p = envelope.payload
    work.session.execute(update(suggestions).where(suggestions.c.id == str(p["suggestion_id"]),
                                                   suggestions.c.status == "new").values(
        score=round(float(p["score"]) * 1000), explanation=p["explanation"]))


def on_suggestion_withdrawn(work: Work, envelope: Envelope) -> None:
    work.session.execute(update(suggestions).where(suggestions.c.id == str(envelope.payload["suggestion_id"]),
                                                   suggestions.c.status == "new").values(status="withdrawn"))


HANDLERS = {
    "matching.suggestion.made": on_suggestion_made,
    "matching.suggestion.refreshed": on_suggestion_refreshed,
    "matching.suggestion.withdrawn": on_suggestion_withdrawn,
}
