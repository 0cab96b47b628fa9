"""Matching's record types under the retention schedule (`kampus retention apply matching`).

- read_models: what is left of a profile no longer shared (withdrawn, closed, restricted, erased), past
  the period: the row goes;
- suggestions: decided or withdrawn suggestions, the decisions made on them and what partners told about
  them, past the period;
- the bus tables (outbox, inbox, dead letters).
"""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, select

from services.matching.db import candidate_feedback, decisions, feedback_reminders, profiles, suggestions
from shared.privacy.register import RetentionRule
from shared.privacy.retention import RecordType, bus_record_types, controllers_in, delete_rows, rowcount, table_due
from shared.runtime import ServiceRuntime, Work


def _decided_before(work: Work, cutoff: datetime, controller: str | None) -> list:
    t = suggestions
    query = select(t.c.id).where(t.c.status.in_(("accepted", "declined", "withdrawn")),
                                 t.c.decided_at.is_not(None), t.c.decided_at < cutoff)
    if controller is not None:
        query = query.where(t.c.organisation == controller)
    return list(work.session.execute(query.order_by(t.c.id)).scalars())


def _delete_suggestions(work: Work, keys: list, rule: RetentionRule) -> int:
    for table in (decisions, candidate_feedback, feedback_reminders):  # the partner's feedback goes with them
        work.session.execute(delete(table).where(table.c.suggestion_id.in_(keys)))
    return rowcount(work.session.execute(delete(suggestions).where(suggestions.c.id.in_(keys))))


def record_types(runtime: ServiceRuntime) -> list[RecordType]:
    return [
        RecordType("read_models", table_due(profiles, profiles.c.client_id, profiles.c.changed_at,
                                            profiles.c.status != "shared",
                                            controller_column=profiles.c.organisation),
                   {"delete": delete_rows(profiles, profiles.c.client_id),
                    "anonymise": delete_rows(profiles, profiles.c.client_id)},
                   controllers=controllers_in(profiles.c.organisation)),
        RecordType("suggestions", _decided_before, {"delete": _delete_suggestions},
                   controllers=controllers_in(suggestions.c.organisation)),
        *bus_record_types(runtime),
    ]
