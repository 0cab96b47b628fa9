"""Every event the network publishes goes into reporting's raw log and projections, in the inbox transaction."""
from __future__ import annotations

from sqlalchemy import delete, update

from services.reporting.db import open_data_releases, raw_events
from services.reporting.handlers import report_cache
from services.reporting.subscribers import projections
from services.reporting.subscribers.projections.store import SqlStore
from shared.events.catalogue import statistics_types
from shared.events.envelope import Envelope, utcnow

ERASED = "intake.client.erased"
INSERT = raw_events.insert()


def subject_of(envelope: Envelope) -> str | None:
    """The client an event is about, if any."""
    value = envelope.payload.get("client_id")
    return str(value) if value else None


def record(work, envelope: Envelope) -> None:
    """Append the event to the raw log (the inbox already made sure it is new) and project it.

    An erasure also removes the client's earlier events from the raw log: the log keeps that the
    record was erased, and a rebuild leaves the client out just as the live projections do. It marks
    every unpublished open-data release stale, so none built with the person in it can be published.
    """
    subject = subject_of(envelope)
    if envelope.type == ERASED and subject:
        work.session.execute(delete(raw_events).where(raw_events.c.subject == subject))
        work.session.execute(update(open_data_releases).where(open_data_releases.c.status != "published")
                             .values(stale=True))
    work.session.execute(INSERT, dict(
        event_id=envelope.id, type=envelope.type, version=envelope.version, organisation=envelope.organisation,
        occurred_at=envelope.occurred_at, received_at=utcnow(), payload=envelope.payload, subject=subject))
    store = SqlStore(work.session)
    projections.apply(store, envelope)
    report_cache.touch(work.session, store)


HANDLERS = {type_: record for type_ in statistics_types()}
