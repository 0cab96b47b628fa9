"""Rebuild every projection from the raw log: replay in memory, then write the tables anew in one transaction.

Replaying through `MemoryStore` runs the same projectors as the live consumer without a database
round trip per event; the result replaces the projection tables at once. On PostgreSQL the raw log
is locked against writers meanwhile, so events that arrive wait in their queue and are applied after.
"""
from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC

from sqlalchemy import delete, insert, select, text

from services.reporting.db import PROJECTIONS, raw_events
from services.reporting.handlers import report_cache
from services.reporting.subscribers import projections
from services.reporting.subscribers.projections.store import MemoryStore
from shared.db import Database
from shared.events.envelope import Envelope

BATCH = 5000


@dataclass
class Rebuilt:
    events: int = 0
    seconds: float = 0.0
    rows: dict[str, int] = field(default_factory=dict)


def envelope_of(row) -> Envelope:
    occurred = row.occurred_at if row.occurred_at.tzinfo else row.occurred_at.replace(tzinfo=UTC)
    return Envelope(type=row.type, payload=row.payload, organisation=row.organisation,
                    service=row.type.split(".", 1)[0], version=row.version, id=row.event_id, occurred_at=occurred)


def replay(envelopes) -> MemoryStore:
    """The projections of a sequence of events, in memory."""
    store = MemoryStore()
    for envelope in envelopes:
        projections.apply(store, envelope)
    return store


def rebuild(db: Database, progress: Callable[[int], None] | None = None) -> Rebuilt:
    """Replace every projection with the replay of the whole raw log; returns what was done."""
    started = time.perf_counter()
    result = Rebuilt()
    with db.transaction() as session:
        if not db.is_sqlite:
            session.execute(text("LOCK TABLE raw_events IN SHARE MODE"))
        columns = [raw_events.c[n] for n in ("seq", "event_id", "type", "version", "organisation", "occurred_at",
                                              "payload")]
        stream = session.execute(select(*columns).order_by(raw_events.c.seq).execution_options(yield_per=BATCH))
        store = MemoryStore()
        for row in stream:
            projections.apply(store, envelope_of(row))
            result.events += 1
            if progress is not None and result.events % 100_000 == 0:
                progress(result.events)
        for table in reversed(PROJECTIONS):
            session.execute(delete(table))
        report_cache.touch(session)
        for table in PROJECTIONS:
            rows = list(store.all_rows(table.name))
            result.rows[table.name] = len(rows)
            for start in range(0, len(rows), BATCH):
                session.execute(insert(table), rows[start:start + BATCH])
    result.seconds = time.perf_counter() - started
    return result
