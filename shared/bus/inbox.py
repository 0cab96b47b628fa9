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
        """Apply a batch in one transaction, each event inside its own savepoint.

        `also` runs in the same transaction after the events (e.g. to delete mailbox rows).
        """
        outcomes: list[Outcome] = []
        with self.runtime.db.transaction() as session:
            seen = self._already_processed(session, [e.id for e in envelopes])
            for envelope in envelopes:
                if envelope.id in seen:
                    outcomes.append(Outcome(envelope.id, "duplicate"))
                    continue
                outcomes.append(self._apply(session, envelope))
                seen.add(envelope.id)
            if also is not None:
                also(session, outcomes)
        self._count(envelopes, outcomes)
        return outcomes

    def _already_processed(self, session: Session, ids: list[str]) -> set[str]:
        rows = session.execute(select(self.inbox.c.event_id).where(self.inbox.c.event_id.in_(ids)))
        return {r[0] for r in rows}

    def _apply(self, session: Session, envelope: Envelope) -> Outcome:
        token = set_correlation_id(envelope.correlation_id)
        try:
            with session.begin_nested():
                session.execute(self.inbox.insert().values(
                    event_id=envelope.id, type=envelope.type, organisation=envelope.organisation,
                    processed_at=utcnow()))
                handler = self.runtime.handlers.get(envelope.type)
                if handler is not None:
                    handler(Work(session=session, runtime=self.runtime, cause=envelope), envelope)
            return Outcome(envelope.id, "applied")
        except Exception as exc:  # the handler's failure is data: it decides retry or dead-letter
            log.warning("event_failed", event_id=envelope.id, type=envelope.type, error=repr(exc)[:500])
            return Outcome(envelope.id, "failed", f"{type(exc).__name__}: {exc}"[:2000])
        finally:
            reset_correlation_id(token)

    def _count(self, envelopes: Sequence[Envelope], outcomes: list[Outcome]) -> None:
        metrics = self.runtime.metrics
        for envelope, outcome in zip(envelopes, outcomes):
            if outcome.status == "applied":
                metrics.consumed.labels(envelope.type).inc()
            elif outcome.status == "duplicate":
                metrics.duplicates.labels(envelope.type).inc()
            else:
                metrics.failed.labels(envelope.type).inc()
