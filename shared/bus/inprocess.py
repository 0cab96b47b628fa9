"""The embedded transport: events travel between services of one process through mailboxes.

Publishing writes the event into the mailbox table of every subscribing service (a durable
queue in that service's own database) before the outbox row counts as sent; an addressed event
goes only to subscribers of its recipient organisation, as the broker's bindings do. A worker per
service then applies mailbox rows through the same inbox as the RabbitMQ consumer, with the
same retries and dead letters.
"""
from __future__ import annotations

import threading
from collections.abc import Sequence
from datetime import timedelta
from typing import Any, cast

import structlog
from sqlalchemy import CursorResult, Row, delete, select, update

from shared.bus.inbox import InboxProcessor
from shared.bus.messages import OutgoingMessage
from shared.bus.policy import DEAD_LETTER, DISCARD, Decision, FaultPause, RetryPolicy
from shared.events.envelope import Envelope, recipient_in, utcnow
from shared.events.registry import InvalidEvent, MisaddressedEvent
from shared.runtime import ServiceRuntime

log = structlog.get_logger(__name__)


class InProcessNetwork:
    """The services of one process and the event types each subscribes to."""

    def __init__(self) -> None:
        self.subscribers: list[tuple[ServiceRuntime, frozenset[str], MailboxWorker]] = []

    def subscribe(self, runtime: ServiceRuntime, types: Sequence[str]) -> MailboxWorker:
        worker = MailboxWorker(runtime)
        self.subscribers.append((runtime, frozenset(types), worker))
        return worker

    def transport(self) -> InProcessTransport:
        return InProcessTransport(self)


class InProcessTransport:
    """Delivers messages into subscribers' mailboxes; an insert that commits is the confirm."""

    def __init__(self, network: InProcessNetwork) -> None:
        self.network = network

    def publish(self, messages: Sequence[OutgoingMessage]) -> dict[str, str | None]:
        results: dict[str, str | None] = {m.event_id: None for m in messages}
        for runtime, types, worker in self.network.subscribers:
            wanted = [m for m in messages if m.type in types and _addressed_to(m, served_by(runtime))]
            if not wanted:
                continue
            table = runtime.tables.mailbox
            with runtime.db.transaction() as session:
                existing: set[str] = set(session.execute(select(table.c.event_id).where(
                    table.c.event_id.in_([m.event_id for m in wanted]))).scalars())
                now = utcnow()
                rows = [dict(event_id=m.event_id, type=m.type, body=m.body, status="pending", attempts=0,
                             available_at=now, created_at=now) for m in wanted if m.event_id not in existing]
                if rows:
                    session.execute(table.insert(), rows)
            worker.wake()
        return results


def served_by(runtime: ServiceRuntime) -> str | None:
    """The organisation whose addressed mail a runtime takes; None: every one (the embedded network's one
    intake, which serves all member organisations)."""
    return None if runtime.config.extra.get("serves_every_organisation") else runtime.config.organisation


def _addressed_to(message: OutgoingMessage, organisation: str | None) -> bool:
    """Whether a subscriber of `organisation` may receive the message, as a topic binding would decide."""
    recipient = recipient_in(message.routing_key)
    return recipient is None or organisation is None or recipient == organisation


class MailboxWorker:
    """Applies a service's mailbox rows at least once, with back-off and dead letters."""

    def __init__(self, runtime: ServiceRuntime, batch_size: int = 100) -> None:
        self.runtime = runtime
        self.table = runtime.tables.mailbox
        self.processor = InboxProcessor(runtime)
        self.policy = RetryPolicy.of(runtime.config)
        self.batch_size = batch_size
        self._wakeup = threading.Event()

    def wake(self) -> None:
        self._wakeup.set()

    def run_once(self) -> int:
        t = self.table
        with self.runtime.db.session() as session:
            rows = session.execute(select(t.c.id, t.c.event_id, t.c.body, t.c.attempts, t.c.type)
                                   .where(t.c.status == "pending", t.c.available_at <= utcnow())
                                   .order_by(t.c.id).limit(self.batch_size)).all()
        if not rows:
            return 0
        envelopes, refused = [], []
        for r in rows:
            try:
                envelope = Envelope.from_json(r.body)
                envelopes.append((r, self.runtime.registry.check(envelope, served_by(self.runtime))))
            except MisaddressedEvent as exc:
                refused.append((r, str(exc), self.policy.refusal(MisaddressedEvent.reason)))
            except (InvalidEvent, ValueError) as exc:
                refused.append((r, f"invalid: {exc}", self.policy.refusal("invalid")))
        discarded = [(r, error) for r, error, decision in refused if decision.action == DISCARD]
        if discarded:
            self._discard(discarded)

        def settle(session, outcomes) -> None:
            done = [r.id for (r, _), o in zip(envelopes, outcomes) if o.status != "failed"]
            if done:
                session.execute(delete(t).where(t.c.id.in_(done)))

        outcomes = self.processor.process_batch([e for _, e in envelopes], also=settle) if envelopes else []
        failures = [(r, o.error, self.policy.failure(r.attempts + 1))
                    for (r, _), o in zip(envelopes, outcomes) if o.status == "failed"]
        failures += [entry for entry in refused if entry[2].action != DISCARD]
        if failures:
            self._record_failures(failures)
        return len(rows)

    def _discard(self, rows) -> None:
        """Drop another organisation's mail unapplied: the recipient has its own copy, this one is not kept."""
        with self.runtime.db.transaction() as session:
            session.execute(delete(self.table).where(self.table.c.id.in_([r.id for r, _ in rows])))
        for r, reason in rows:
            self.runtime.metrics.discarded.labels(r.type, MisaddressedEvent.reason).inc()
            log.warning("event_discarded", event_id=r.event_id, type=r.type, reason=reason[:300])

    def _record_failures(self, failures: Sequence[tuple[Row[Any], str | None, Decision]]) -> None:
        """Count each row's failure; a row the policy dead-letters stays in the mailbox as dead."""
        t = self.table
        with self.runtime.db.transaction() as session:
            for r, error, decision in failures:
                dead = decision.action == DEAD_LETTER
                session.execute(update(t).where(t.c.id == r.id).values(
                    attempts=r.attempts + 1, last_error=(error or "")[:2000], status="dead" if dead else "pending",
                    available_at=utcnow() + timedelta(seconds=decision.delay)))
                if dead:
                    self.runtime.metrics.dead_lettered.labels(r.type, decision.reason).inc()
                    log.warning("event_dead_lettered", event_id=r.event_id, type=r.type, error=(error or "")[:300])

    def run(self, stop: threading.Event) -> None:
        pause = FaultPause()
        while not stop.is_set():
            try:
                handled = self.run_once()
            except Exception:  # a fault of the database: nothing was counted, the rows wait as they were
                log.exception("mailbox_failed", service=self.runtime.name)
                stop.wait(pause.next())
                continue
            pause.reset()
            if handled < self.batch_size:
                self._wakeup.wait(0.25)
                self._wakeup.clear()


def replay_dead(runtime: ServiceRuntime, event_id: str | None = None) -> int:
    """Put dead mailbox rows back in line; returns how many."""
    t = runtime.tables.mailbox
    with runtime.db.transaction() as session:
        query = update(t).where(t.c.status == "dead")
        if event_id:
            query = query.where(t.c.event_id == event_id)
        query = query.values(status="pending", attempts=0, available_at=utcnow())
        return cast(CursorResult[Any], session.execute(query)).rowcount or 0


def list_dead(runtime: ServiceRuntime) -> list[dict]:
    t = runtime.tables.mailbox
    with runtime.db.session() as session:
        rows = session.execute(select(t.c.event_id, t.c.type, t.c.attempts, t.c.last_error, t.c.created_at)
                               .where(t.c.status == "dead").order_by(t.c.id)).all()
    return [dict(event_id=r.event_id, type=r.type, attempts=r.attempts, error=r.last_error,
                 created_at=r.created_at.isoformat() if r.created_at else None) for r in rows]


__all__ = ["InProcessNetwork", "InProcessTransport", "MailboxWorker", "replay_dead", "list_dead"]
