"""The data subject's rights: export (Art. 15 and 20), erasure (Art. 17) and retention.

Which tables hold a client's data is found from the schema, not listed by hand, so a new table
with a `client_id` is exported and erased without anyone remembering to add it.
"""
from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

from services.intake.domain.clients import PERSONAL_FIELDS

EXPORT_FORMAT = "kampus-intake-export/1"
# Rows kept after erasure: they hold no personal data once the client's fields are blanked, and
# show who did what (the audit trail) and on what basis (the consent decisions).
KEPT_ON_ERASURE = frozenset({"audit_log", "consents", "rights_requests", "processing_restrictions",
                             "erasure_decisions"})
# Rows shared with another organisation: the link to the client is cut, the row is kept.
UNLINKED_ON_ERASURE = {"referrals": ("client_id", "receiver_client_id")}
DEFAULT_RETENTION_DAYS = 5 * 365


def jsonable(value):
    """A value as JSON can hold it: dates in ISO 8601, decimals as numbers."""
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, dict):
        return {k: jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [jsonable(v) for v in value]
    return value


def export_document(client: dict, sections: dict[str, list[dict]], exported_at: datetime,
                    organisation: str) -> dict:
    """The client's data as one machine-readable document, every table in its own section."""
    return {
        "format": EXPORT_FORMAT,
        "exported_at": exported_at.isoformat(),
        "controller": organisation,
        "client": jsonable({k: v for k, v in client.items() if k != "search_name"}),
        "data": {name: [jsonable(row) for row in rows] for name, rows in sorted(sections.items())},
    }


def erased_values(now: datetime, *, retention: bool = False) -> dict:
    """The client row after erasure: every personal field blank, the status erased."""
    values: dict[str, Any] = {name: None for name in PERSONAL_FIELDS}
    values["languages"] = []
    values["status"] = "erased"
    values["updated_at"] = now
    values["anonymised_at" if retention else "erased_at"] = now
    return values


def retention_cutoff(today: date, older_than_days: int) -> date:
    """Cases closed before this day are past their retention time."""
    if older_than_days < 0:
        raise ValueError("older_than_days must not be negative")
    return today - timedelta(days=older_than_days)
