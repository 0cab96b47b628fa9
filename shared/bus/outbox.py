"""Writing events into the outbox inside the caller's transaction."""
from __future__ import annotations

from sqlalchemy.orm import Session

from shared.bus.tables import BusTables
from shared.events.envelope import Envelope, utcnow
from shared.events.registry import EventRegistry


class Outbox:
    """Adds validated events to a service's outbox table; never talks to the broker."""

    def __init__(self, tables: BusTables, registry: EventRegistry, wake=None) -> None:
        self.table = tables.outbox
        self.registry = registry
        self._wake = wake

    def add(self, session: Session, envelope: Envelope) -> Envelope:
        """Validate the event and stage it in the current transaction."""
        envelope = self.registry.validate(envelope)
        now = utcnow()
        session.execute(self.table.insert().values(
            event_id=envelope.id, type=envelope.type, routing_key=envelope.routing_key,
            body=envelope.to_json(), created_at=now, available_at=now, attempts=0,
        ))
        if self._wake is not None:
            from sqlalchemy import event as sa_event

            sa_event.listen(session, "after_commit", lambda _s: self._wake(), once=True)
        return envelope
