"""What an environment still misses, announced when it may have moved: intake's desk keeps it.

A change to an environment's texts, review, roles, status, participants, surveys, assessments, personal metrics
or outcomes marks the environment (`touched`); when the unit of work writes its events, every marked environment's
reminders are read once (`evaluation.reminders_of_many`) and announced as `environments.environment.reminders_changed`
with the kinds of what it misses, in the order to do it (no people). Intake keeps the latest announcement of each
environment (its `environment_reminders`), so its desk lists the environments needing action without asking.
`announce_all` announces every environment again (a new subscriber's first fill: `kampus-environments
announce-reminders`).
"""
from __future__ import annotations

from sqlalchemy import select

from services.environments.db import environments
from shared.runtime import Work

TYPE = "environments.environment.reminders_changed"
_TOUCHED = "environments_reminders_touched"  # the session's info: environments marked in this unit of work


def touched(work: Work, environment_id) -> None:
    """Mark an environment whose reminders this unit of work may change: announced once when the work ends."""
    work.session.info.setdefault(_TOUCHED, set()).add(str(environment_id))
    work.runtime.before_flush(announce_touched)


def announce_touched(work: Work) -> None:
    """The runtime's hook before a unit of work writes its events: announce the environments marked in it."""
    ids = work.session.info.pop(_TOUCHED, None)
    if ids:
        announce(work, sorted(ids))


def announce(work: Work, ids: list[str] | None = None) -> int:
    """Announce what each environment (`ids`, or every one) still misses; how many were announced."""
    from services.environments.handlers.evaluation import reminders_of_many  # it imports the handlers that touch

    stmt = select(environments).order_by(environments.c.id)
    if ids is not None:
        stmt = stmt.where(environments.c.id.in_(ids))
    rows = work.session.execute(stmt).all()
    for row, found in zip(rows, reminders_of_many(work.session, rows), strict=True):
        work.emit(TYPE, {"environment_id": row.id, "host_organisation": row.host_organisation, "name": row.name,
                         "status": row.status, "missing": list(dict.fromkeys(r["kind"] for r in found))})
    return len(rows)


def announce_all(work: Work) -> int:
    """Announce every environment (for a subscriber that starts keeping them)."""
    return announce(work)
