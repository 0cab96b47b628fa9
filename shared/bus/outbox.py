"""Writing events into the outbox inside the caller's transaction."""
from __future__ import annotations

from sqlalchemy.orm import Session

from shared.bus.notify import notify_on_commit
from shared.bus.tables import BusTables
from shared.db import WRITTEN
from shared.events.envelope import Envelope, utcnow
from shared.events.registry import EventRegistry


class Outbox:
    """Adds validated events to a service's outbox table; never talks to the broker."""

    def __init__(self, tables: BusTables, registry: EventRegistry, wake=None) -> None:
        self.table = tables.outbox
        # no row's id asked back (SQLAlchemy's RETURNING of a single row's key): written in the COMMIT's pipeline
        self._insert = tables.outbox.insert().inline()
        self.registry = registry
        self._wake = wake

    def add(self, session: Session, envelope: Envelope) -> Envelope:
        """Validate the event and stage it in the current transaction."""
        return self.add_all(session, [envelope])[0]

    def add_all(self, session: Session, envelopes: list[Envelope], validated: bool = False) -> list[Envelope]:
        """Validate events (unless already done) and stage them with one INSERT in this transaction."""
        if not envelopes:
            return []
        if not validated:
            envelopes = [self.registry.validate(e) for e in envelopes]
        now = utcnow()
        WRITTEN.execute(session, self._insert, [dict(
            event_id=e.id, type=e.type, routing_key=e.routing_key, body=e.to_json(),
            created_at=now, available_at=now, attempts=0) for e in envelopes])
        notify_on_commit(session)  # wakes a relay in another process when this commits
        if self._wake is not None:
            from sqlalchemy import event as sa_event

            sa_event.listen(session, "after_commit", lambda _s: self._wake(), once=True)
        return envelopes
