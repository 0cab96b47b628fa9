"""Environments' record types under the retention schedule (`kampus retention apply environments`).

- participations: a participation that ended more than the period ago loses its link to the client and
  what was written about the person, as on erasure (anonymise); the anonymous values stay for statistics;
- the bus tables (outbox, inbox, dead letters).
"""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import select, update

from services.environments.db import assessments, badges, outcomes, participants, surveys
from shared.events.envelope import utcnow
from shared.privacy.retention import RecordType, bus_record_types, controllers_in
from shared.runtime import ServiceRuntime, Work


def anonymise_participations(work: Work, ids: list[str]) -> int:
    """Unlink participations from their client and remove what was written about the person."""
    if not ids:
        return 0
    session, now = work.session, utcnow()
    session.execute(update(participants).where(participants.c.id.in_(ids)).values(
        client_id=None, team_name=None, learning_goals=None, withdrawal_reason=None, gender=None, erased_at=now,
        updated_at=now))
    session.execute(update(surveys).where(surveys.c.participant_id.in_(ids)).values(free_text=None))
    session.execute(update(assessments).where(assessments.c.participant_id.in_(ids)).values(free_text=None))
    session.execute(update(outcomes).where(outcomes.c.participant_id.in_(ids)).values(description=None))
    session.execute(update(badges).where(badges.c.participant_id.in_(ids)).values(
        identity_hash=None, salt=None, revoked_at=now))
    return len(ids)


def _ended_before(work: Work, cutoff: datetime, controller: str | None) -> list:
    t = participants
    query = select(t.c.id).where(t.c.client_id.is_not(None), t.c.status.in_(("withdrawn", "completed")),
                                 t.c.ended_on.is_not(None), t.c.ended_on < cutoff.date())
    if controller is not None:
        query = query.where(t.c.client_organisation == controller)
    return list(work.session.execute(query.order_by(t.c.id)).scalars())


def record_types(runtime: ServiceRuntime) -> list[RecordType]:
    return [
        RecordType("participations", _ended_before,
                   {"anonymise": lambda work, keys, rule: anonymise_participations(work, keys),
                    "delete": lambda work, keys, rule: anonymise_participations(work, keys)},
                   controllers=controllers_in(participants.c.client_organisation)),
        *bus_record_types(runtime),
    ]

