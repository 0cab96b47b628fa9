"""The newest event wins: a read model keeps the state of the latest event it applied, and a late retry loses."""
from __future__ import annotations

from datetime import UTC, datetime


def utc(moment: datetime) -> datetime:
    """A timestamp as naive UTC (SQLite gives naive datetimes back), for comparing."""
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC).replace(tzinfo=None)
    return moment


def stale(stored: datetime | None, occurred_at: datetime) -> bool:
    """Whether an event is older than the one the stored state came from (a late retry)."""
    return stored is not None and utc(stored) > utc(occurred_at)
