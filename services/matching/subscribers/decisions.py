"""A manager's decline reaches the engine through matching's own event, so the consumer stays its one writer.

The decision row was written with the event (by the web request); here the engine hides the pair while
both fingerprints are those of the decision, and the next candidate moves up into the top-k.
"""
from __future__ import annotations

from sqlalchemy import select

from services.matching.db import decisions
from services.matching.domain import targets
from services.matching.handlers import suggestions
from services.matching.handlers.live import decline_of
from services.matching.handlers.suggestions import follow
from shared.events.envelope import Envelope
from shared.runtime import Work


def on_suggestion_declined(work: Work, envelope: Envelope) -> None:
    decision = work.session.execute(select(decisions).where(
        decisions.c.suggestion_id == str(envelope.payload["suggestion_id"]))).first()
    if decision is None or not decision.in_force:
        return  # the client was erased or stopped sharing since
    engine_id = targets.key(decision.target_kind, decision.target_id)

    def change(engine, live):
        if engine_id not in engine.needs.row_of or decision.client_id not in engine.profiles.row_of:
            return []
        if suggestions.fingerprints(engine, engine_id, decision.client_id) != (
                decision.need_fingerprint, decision.profile_fingerprint):
            return []  # something relevant changed since the decision: the decline has lapsed
        engine.declines.record(decline_of(decision))
        return [engine.decline(engine_id, decision.client_id, decision.reason or ""), engine_id]

    follow(work, change)


HANDLERS = {"matching.suggestion.declined": on_suggestion_declined}
