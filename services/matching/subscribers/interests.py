"""A student's own interest becomes a suggestion for their manager, made by the consumer, the engine's one writer."""
from __future__ import annotations

from services.matching.domain import targets
from services.matching.handlers.suggestions import follow, make_for_interest
from shared.events.envelope import Envelope
from shared.runtime import Work


def on_interest_expressed(work: Work, envelope: Envelope) -> None:
    p = envelope.payload
    engine_id = targets.key(p["target_kind"], str(p["target_id"]))

    def change(engine, live):
        make_for_interest(work, engine, engine_id, str(p["client_id"]), live.taxonomy)
        return []

    follow(work, change)


HANDLERS = {"matching.interest.expressed": on_interest_expressed}
