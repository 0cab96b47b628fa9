"""What every indicator is computed against: the session, the filters, the breakdown, the day."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import Session

from services.reporting.domain.filters import GENDERS, Filters
from services.reporting.domain.tables import Header
from services.reporting.handlers.indicators.scope import UNKNOWN


@dataclass(frozen=True)
class Context:
    session: Session
    filters: Filters
    breakdown: str
    today: date

    @property
    def as_of(self) -> date:
        """The last day the report sees: the period's end, or today when the period goes on."""
        return min(self.filters.end, self.today)

    def rows(self, *found: dict, dimension: str | None = None) -> list[Header]:
        """The breakdown's rows that have something in any of `found`, in a stable order."""
        dimension = dimension or self.breakdown
        keys = {k for counts in found for k, v in counts.items() if v}
        return [Header(k, dimension) for k in sorted(keys, key=lambda k: order_key(dimension, k))]


def order_key(dimension: str, key: str) -> tuple:
    if key == UNKNOWN:
        return (2, "")
    if dimension == "gender" and key in GENDERS:
        return (0, str(GENDERS.index(key)))
    return (1, str(key))
