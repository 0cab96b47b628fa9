"""Reporting's record types under the retention schedule (`kampus retention apply reporting`).

- raw_events: the events about a client with no event newer than the period are anonymised: the client's
  id is replaced by a fresh random one in every such event (so the figures stay what they were), the
  person key events of older versions go, as does the person's pseudonym, and the event no longer names its
  subject; the projections are then rebuilt;
- the bus tables (outbox, inbox, dead letters).
"""
from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import delete, func, select, update

from services.reporting.db import raw_events
from shared.privacy.register import RetentionRule
from shared.privacy.retention import RecordType, bus_record_types, controllers_in
from shared.runtime import ServiceRuntime, Work

PERSON_KEY = "intake.person_key.published"


def _quiet_subjects(work: Work, cutoff: datetime, controller: str | None) -> list:
    t = raw_events
    query = select(t.c.subject).where(t.c.subject.is_not(None)).group_by(t.c.subject) \
        .having(func.max(t.c.occurred_at) < cutoff)
    if controller is not None:
        query = query.where(t.c.organisation == controller)
    return list(work.session.execute(query.order_by(t.c.subject)).scalars())


def _anonymise(work: Work, subjects: list, rule: RetentionRule) -> int:
    t = raw_events
    for subject in subjects:
        pseudonym = str(uuid.uuid4())
        work.session.execute(delete(t).where(t.c.subject == subject, t.c.type == PERSON_KEY))
        for seq, payload in work.session.execute(select(t.c.seq, t.c.payload).where(t.c.subject == subject)).all():
            work.session.execute(update(t).where(t.c.seq == seq).values(
                subject=None, payload={**{k: v for k, v in payload.items() if k != "person_pseudonym"},
                                       "client_id": pseudonym}))
    return len(subjects)


def _rebuild(runtime: ServiceRuntime) -> None:
    from services.reporting.handlers.rebuild import rebuild

    rebuild(runtime.db)


def record_types(runtime: ServiceRuntime) -> list[RecordType]:
    return [
        RecordType("raw_events", _quiet_subjects, {"anonymise": _anonymise},
                   controllers=controllers_in(raw_events.c.organisation), after=_rebuild),
        *bus_record_types(runtime),
    ]
