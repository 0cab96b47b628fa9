"""Applying incoming events exactly once: inbox row and effects in one transaction."""
from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cached_property

import structlog
from sqlalchemy import bindparam, select, text
from sqlalchemy.orm import Session

from shared.db import is_transient
from shared.events.envelope import Envelope, utcnow
from shared.logs import reset_correlation_id, set_correlation_id
from shared.runtime import ServiceRuntime, Work

log = structlog.get_logger(__name__)


@dataclass(frozen=True)
class Outcome:
    """What became of one event: applied, duplicate, or failed with an error."""

    event_id: str
    status: str  # "applied" | "duplicate" | "failed"
    error: str | None = None


class InboxProcessor:
    """Runs a service's handlers for incoming events, each at most once."""

    def __init__(self, runtime: ServiceRuntime) -> None:
        self.runtime = runtime
        self.inbox = runtime.tables.inbox

    def process_batch(self, envelopes: Sequence[Envelope],
                      also: Callable[[Session, list[Outcome]], None] | None = None) -> list[Outcome]:
        """Apply a batch in one transaction; `also` runs in it afterwards (e.g. to settle mailbox rows).

        The whole batch is tried under one savepoint; only if a handler fails is it retried one
        event per savepoint, so a failing event never takes its neighbours down with it. A fault of
        the database (see `is_transient`) is no event's failure: it is raised, nothing is recorded,
        and the caller tries the batch again later without counting an attempt.
        """
        with self.runtime.db.transaction() as session:
            unique: dict[str, Envelope] = {}
            for envelope in envelopes:
                unique.setdefault(envelope.id, envelope)
            results = self._apply_all(session, list(unique.values()))
            outcomes, reported = [], set()
            for envelope in envelopes:
                if envelope.id not in reported:
                    outcomes.append(results[envelope.id])
                    reported.add(envelope.id)
                else:
                    outcomes.append(Outcome(envelope.id, "duplicate"))
            if also is not None:
                also(session, outcomes)
        self._count(envelopes, outcomes)
        return outcomes

    def _apply_all(self, session: Session, envelopes: list[Envelope]) -> dict[str, Outcome]:
        if not envelopes:
            return {}
        try:
            with session.begin_nested():
                recorded = self._record(session, envelopes)
                for envelope in envelopes:
                    if envelope.id in recorded:
                        self._handle(session, envelope)
            return {e.id: Outcome(e.id, "applied" if e.id in recorded else "duplicate") for e in envelopes}
        except Exception as exc:
            if is_transient(exc):
                raise  # the database's fault, not the events': the caller retries the batch as it was
            if len(envelopes) == 1:
                return {envelopes[0].id: self._apply(session, envelopes[0])}
        return {e.id: self._apply(session, e) for e in envelopes}

    def _record(self, session: Session, envelopes: list[Envelope]) -> set[str]:
        """Add inbox rows for the events not seen before (ids unique); returns their ids."""
        now = utcnow()
        if not self.runtime.db.is_sqlite:
            # PostgreSQL: one statement records the batch and skips what is already there. The rows
            # travel as one JSON parameter: a short statement, parsed once, and cheap to send.
            rows = json.dumps([[e.id, e.type, e.organisation, e.occurred_at.isoformat()] for e in envelopes])
            return set(session.execute(self._insert_new, dict(rows=rows, processed_at=now)).scalars())
        c = self.inbox.c
        known = select(c.event_id).where(c.event_id.in_([e.id for e in envelopes]))
        seen: set[str] = set(session.execute(known).scalars())
        new = [e for e in envelopes if e.id not in seen]
        if new:
            # executemany: compiled once and cached, then sent as multi-row VALUES batches.
            session.execute(self.inbox.insert(), [
                dict(event_id=e.id, type=e.type, organisation=e.organisation, occurred_at=e.occurred_at,
                     processed_at=now) for e in new])
        return {e.id for e in new}

    @cached_property
    def _insert_new(self):
        return text(f"""
            INSERT INTO {self.inbox.name} (event_id, type, organisation, occurred_at, processed_at)
            SELECT r->>0, r->>1, r->>2, (r->>3)::timestamptz, :processed_at
            FROM jsonb_array_elements(CAST(:rows AS jsonb)) AS r
            ON CONFLICT (event_id) DO NOTHING
            RETURNING event_id""").bindparams(bindparam("processed_at", type_=self.inbox.c.processed_at.type))

    def _handle(self, session: Session, envelope: Envelope) -> None:
        handler = self.runtime.handlers.get(envelope.type)
        if handler is None:
            return
        token = set_correlation_id(envelope.correlation_id)
        try:
            work = Work(session=session, runtime=self.runtime, cause=envelope)
            handler(work, envelope)
            work.flush()
        finally:
            reset_correlation_id(token)

    def _apply(self, session: Session, envelope: Envelope) -> Outcome:
        try:
            with session.begin_nested():
                if not self._record(session, [envelope]):
                    return Outcome(envelope.id, "duplicate")
                self._handle(session, envelope)
            return Outcome(envelope.id, "applied")
        except Exception as exc:  # the handler's failure is data: it decides retry or dead-letter
            if is_transient(exc):
                raise
            log.warning("event_failed", event_id=envelope.id, type=envelope.type, error=repr(exc)[:500])
            return Outcome(envelope.id, "failed", f"{type(exc).__name__}: {exc}"[:2000])

    def _count(self, envelopes: Sequence[Envelope], outcomes: list[Outcome]) -> None:
        metrics = self.runtime.metrics
        now = utcnow()
        for envelope, outcome in zip(envelopes, outcomes):
            if outcome.status == "applied":
                metrics.consumed.labels(envelope.type).inc()
                metrics.lag.observe(max(0.0, (now - envelope.occurred_at).total_seconds()))
            elif outcome.status == "duplicate":
                metrics.duplicates.labels(envelope.type).inc()
            else:
                metrics.failed.labels(envelope.type).inc()
