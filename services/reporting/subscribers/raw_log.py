"""Every event the network publishes goes into reporting's raw log, in the inbox transaction."""
from __future__ import annotations

from services.reporting.db import raw_events
from shared.events.catalogue import REGISTRY
from shared.events.envelope import utcnow


def record(work, envelope) -> None:
    """Append the event to the raw log (the inbox already made sure it is new)."""
    work.session.execute(raw_events.insert().values(
        event_id=envelope.id, type=envelope.type, version=envelope.version, organisation=envelope.organisation,
        occurred_at=envelope.occurred_at, received_at=utcnow(), payload=envelope.payload))


HANDLERS = {spec.type: record for spec in REGISTRY}
