"""Applying incoming events exactly once: inbox row and effects in one transaction."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Sequence

import structlog
from sqlalchemy import select
from sqlalchemy.orm import Session

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
        event per savepoint, so a failing event never takes its neighbours down with it.
        """
        with self.runtime.db.transaction() as session:
            seen = self._already_processed(session, [e.id for e in envelopes])
            fresh: dict[str, Envelope] = {}
            for envelope in envelopes:
                if envelope.id not in seen:
                    fresh.setdefault(envelope.id, envelope)
            results = self._apply_all(session, list(fresh.values()))
            outcomes, reported = [], set()
            for envelope in envelopes:
                if envelope.id in results and envelope.id not in reported:
                    outcomes.append(results[envelope.id])
                    reported.add(envelope.id)
                else:
                    outcomes.append(Outcome(envelope.id, "duplicate"))
            if also is not None:
                also(session, outcomes)
        self._count(envelopes, outcomes)
        return outcomes

    def _apply_all(self, session: Session, fresh: list[Envelope]) -> dict[str, Outcome]:
        if not fresh:
            return {}
        try:
            with session.begin_nested():
                self._record(session, fresh)
                for envelope in fresh:
                    self._handle(session, envelope)
            return {e.id: Outcome(e.id, "applied") for e in fresh}
        except Exception:
            if len(fresh) == 1:
                return {fresh[0].id: self._apply(session, fresh[0])}
        return {e.id: self._apply(session, e) for e in fresh}

    def _record(self, session: Session, envelopes: list[Envelope]) -> None:
        now = utcnow()
        session.execute(self.inbox.insert().values([  # one multi-row INSERT statement
            dict(event_id=e.id, type=e.type, organisation=e.organisation, occurred_at=e.occurred_at,
                 processed_at=now) for e in envelopes]))

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

    def _already_processed(self, session: Session, ids: list[str]) -> set[str]:
        rows = session.execute(select(self.inbox.c.event_id).where(self.inbox.c.event_id.in_(ids)))
        return {r[0] for r in rows}

    def _apply(self, session: Session, envelope: Envelope) -> Outcome:
        try:
            with session.begin_nested():
                self._record(session, [envelope])
                self._handle(session, envelope)
            return Outcome(envelope.id, "applied")
        except Exception as exc:  # the handler's failure is data: it decides retry or dead-letter
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
