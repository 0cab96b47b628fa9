"""The outbox relay: publishes committed events and marks them sent once confirmed."""
from __future__ import annotations

import threading
import time
from collections.abc import Sequence
from datetime import timedelta
from typing import Any, Protocol, cast

import structlog
from sqlalchemy import CursorResult, delete, select, update

from shared.bus.messages import OutgoingMessage, TransportUnavailable
from shared.bus.notify import OutboxListener
from shared.bus.policy import FaultPause
from shared.events.envelope import utcnow
from shared.runtime import ServiceRuntime

log = structlog.get_logger(__name__)

PRUNE_INTERVAL = 3600.0  # seconds between deletions of old sent rows


class Transport(Protocol):
    """Publishes messages; returns an error per event id, None when confirmed."""

    def publish(self, messages: Sequence[OutgoingMessage]) -> dict[str, str | None]: ...


def _backoff(attempts: int) -> timedelta:
    return timedelta(seconds=min(60.0, 0.5 * 2 ** max(0, attempts - 1)))


class Relay:
    """Moves a service's outbox rows to a transport, in batches, at least once."""

    def __init__(self, runtime: ServiceRuntime, transport: Transport) -> None:
        self.runtime = runtime
        self.transport = transport
        self.table = runtime.tables.outbox
        self.batch_size = runtime.config.relay_batch_size
        self.poll_interval = runtime.config.relay_poll_interval
        self._wakeup = threading.Event()
        runtime.on_commit_of_events(self._wakeup.set)
        self.retention = timedelta(days=runtime.config.outbox_retention_days)
        self._prune_lock = threading.Lock()
        self._next_prune = 0.0  # monotonic time; the first loop prunes
        self.listener: OutboxListener | None = None  # PostgreSQL: set by run()
        # For health (shared/bus/health.py): when a worker loop last came round, and the last failure.
        self.last_tick = time.monotonic()
        self.last_error: str | None = None

    def run_once(self) -> int:
        """Publish one batch of due rows; returns how many rows were handled."""
        if self.runtime.db.is_sqlite:
            # One relay per SQLite file. It must not hold the file's write lock while publishing: an
            # in-process subscriber may share the database (a service that consumes its own events).
            with self.runtime.db.session() as session:
                rows = self._due(session, lock=False)
            if not rows:
                return 0
            results = self._publish(rows)
            with self.runtime.db.transaction() as session:
                self._settle(session, rows, results)
        else:
            with self.runtime.db.transaction() as session:
                rows = self._due(session, lock=True)
                if not rows:
                    return 0
                results = self._publish(rows)
                self._settle(session, rows, results)
        by_type: dict[str, int] = {}
        errors = [results.get(r.event_id, "no confirm") for r in rows]
        for r, error in zip(rows, errors):
            if error is None:
                by_type[r.type] = by_type.get(r.type, 0) + 1
        self.last_error = next((e for e in errors if e is not None), None)
        for type_, n in by_type.items():
            self.runtime.metrics.published.labels(type_).inc(n)
        return len(rows)

    def _due(self, session, lock: bool) -> list:
        t = self.table
        query = (select(t.c.id, t.c.event_id, t.c.type, t.c.routing_key, t.c.body, t.c.attempts)
                 .where(t.c.sent_at.is_(None), t.c.available_at <= utcnow())
                 # The order of ix_outbox_unsent: a short range scan over unsent rows only. Ordered by
                 # id, PostgreSQL walked the primary key past every row ever sent.
                 .order_by(t.c.available_at, t.c.id).limit(self.batch_size))
        return session.execute(query.with_for_update(skip_locked=True) if lock else query).all()

    def _publish(self, rows) -> dict[str, str | None]:
        return self.transport.publish([OutgoingMessage(r.event_id, r.type, r.routing_key, r.body) for r in rows])

    def _settle(self, session, rows, results: dict[str, str | None]) -> None:
        t = self.table
        sent = [r.id for r in rows if results.get(r.event_id, "no confirm") is None]
        if sent:
            session.execute(update(t).where(self.runtime.db.one_of(t.c.id, sent)).values(sent_at=utcnow()))
        for r in rows:
            error = results.get(r.event_id, "no confirm")
            if error is not None:
                session.execute(update(t).where(t.c.id == r.id).values(
                    attempts=r.attempts + 1, last_error=error[:2000],
                    available_at=utcnow() + _backoff(r.attempts + 1)))
                log.warning("event_not_published", event_id=r.event_id, type=r.type, error=error)

    def prune(self, batch: int = 5000) -> int:
        """Delete rows the broker confirmed longer ago than OUTBOX_RETENTION_DAYS; returns how many.

        A sent row has done its work, and its body may carry personal data (contact details under
        consent), so it is not kept forever. Unsent rows stay whatever their age.
        """
        t = self.table
        cutoff = utcnow() - self.retention
        total = 0
        while True:
            with self.runtime.db.transaction() as session:
                old = (select(t.c.id).where(t.c.sent_at.is_not(None), t.c.sent_at < cutoff)
                       .order_by(t.c.id).limit(batch))
                result = session.execute(delete(t).where(t.c.id.in_(old.scalar_subquery())))
                deleted = cast(CursorResult[Any], result).rowcount or 0
            total += deleted
            if deleted < batch:
                break
        if total:
            log.info("outbox_pruned", service=self.runtime.name, rows=total)
        return total

    def _maybe_prune(self) -> None:
        if time.monotonic() < self._next_prune or not self._prune_lock.acquire(blocking=False):
            return
        try:
            self._next_prune = time.monotonic() + PRUNE_INTERVAL
            self.prune()
        except Exception:
            log.exception("outbox_prune_failed", service=self.runtime.name)
        finally:
            self._prune_lock.release()

    def wake(self) -> None:
        self._wakeup.set()

    def run(self, stop: threading.Event, workers: int = 1) -> None:
        """Relay until `stop` is set, backing off while the broker is away.

        On PostgreSQL a listener wakes the workers when another process commits events, and with
        several workers (rows are claimed with SKIP LOCKED) one worker's database work overlaps
        another's wait for the broker's confirms.
        """
        if self.runtime.db.is_sqlite:
            self._loop(stop)
            return
        self.listener = OutboxListener(self.runtime.config.database_url, self._wakeup.set,
                                       name=f"{self.runtime.name}-relay")
        threads = [threading.Thread(target=self.listener.run, args=(stop,), name="relay-listener", daemon=True)]
        threads += [threading.Thread(target=self._loop, args=(stop,), name=f"relay-{i}", daemon=True)
                    for i in range(workers - 1)]
        for thread in threads:
            thread.start()
        self._loop(stop)
        for thread in threads:
            thread.join(timeout=10)

    def _loop(self, stop: threading.Event) -> None:
        pause = FaultPause()
        while not stop.is_set():
            self.last_tick = time.monotonic()
            self._maybe_prune()
            try:
                handled = self.run_once()
                pause.reset()
            except TransportUnavailable as exc:
                self.last_error = str(exc)
                delay = pause.next()
                log.warning("broker_unavailable", service=self.runtime.name, error=str(exc), retry_in=delay)
                stop.wait(delay)
                continue
            except Exception as exc:
                self.last_error = f"{type(exc).__name__} (see the relay's log)"
                log.exception("relay_failed", service=self.runtime.name)
                stop.wait(pause.next())
                continue
            if handled < self.batch_size:
                self._wakeup.wait(self.poll_interval)
                self._wakeup.clear()
