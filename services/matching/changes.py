"""What every read-model change shares: the newest event wins, and the engine follows with its suggestions."""
from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime, timezone

from services.matching import suggestions
from services.matching.domain import ListChange, MatchingEngine
from services.matching.live import LiveEngine, engine_for
from shared.runtime import Work


def utc(moment: datetime) -> datetime:
    """A timestamp as naive UTC (SQLite gives naive datetimes back), for comparing."""
    if moment.tzinfo is not None:
        moment = moment.astimezone(timezone.utc).replace(tzinfo=None)
    return moment


def stale(stored: datetime | None, occurred_at: datetime) -> bool:
    """Whether an event is older than the one the stored state came from (a late retry)."""
    return stored is not None and utc(stored) > utc(occurred_at)


def follow(work: Work, change: Callable[[MatchingEngine, LiveEngine], Iterable[ListChange | str]]) -> int:
    """Change the engine inside the work's transaction, then reconcile the targets the change touched.

    `change` returns ListChanges and/or engine ids of further targets to look at. Returns how many
    suggestions were made.
    """
    live = engine_for(work.runtime)
    with live.writing(work.session) as engine:
        touched = {c.need_id if isinstance(c, ListChange) else c for c in change(engine, live)}
        if live.rarity_drifted():
            live.refresh_rarity()
            touched.update(engine.need_ids())
        return suggestions.reconcile(work, engine, touched, live.taxonomy)
