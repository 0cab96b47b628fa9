"""Helpers every projector uses: the day an event happened, dates from payloads, client records."""
from __future__ import annotations

from datetime import date
from functools import lru_cache

from services.reporting.subscribers.projections.store import Store
from shared import clock
from shared.events.envelope import Envelope

EPOCH = date(1970, 1, 1)


def day_of(envelope: Envelope) -> date:
    """The day the event happened, in Finland."""
    return clock.day_of(envelope.occurred_at)


@lru_cache(maxsize=4096)
def parse_date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def day_number(day: date | None) -> int | None:
    """Days since 1970-01-01: dates both databases can subtract."""
    return (day - EPOCH).days if day is not None else None


def client(store: Store, client_id: str, organisation: str) -> dict | None:
    """The client record, created on first sight; None for an erased client (nothing about them counts)."""
    row = store.get("clients", client_id)
    if row is None:
        row = {"client_id": client_id, "organisation": organisation, "consent": False, "has_facts": False,
               "erased": False, "counted": False, "esf": False, "profile_shared": False, "restricted": False}
        store.put("clients", row)
        return store.get("clients", client_id)
    return None if row["erased"] else row
