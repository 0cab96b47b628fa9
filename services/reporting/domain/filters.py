"""What a report is about: a period and the slices it is limited to."""
from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from services.reporting.domain.tables import N_

GENDERS = ("woman", "man", "other", "undisclosed")
EARLIEST = date(2000, 1, 1)


@dataclass(frozen=True)
class Filters:
    """A period (both ends included) and optional slices; None means everything."""

    start: date = EARLIEST
    end: date = date(2100, 12, 31)
    organisation: str | None = None
    area: str | None = None
    field: str | None = None
    gender: str | None = None

    def with_(self, **changes) -> Filters:
        return replace(self, **changes)

    @property
    def network(self) -> Filters:
        """The same report for the whole network (no organisation)."""
        return replace(self, organisation=None)

    def cache_key(self) -> tuple:
        return (self.start, self.end, self.organisation, self.area, self.field, self.gender)


def problems(filters: Filters, *, areas: set[str], fields: set[str]) -> dict[str, list[str]]:
    """Field errors of a filter ({} when valid): English message ids."""
    errors: dict[str, list[str]] = {}
    if filters.end < filters.start:
        errors["end"] = [N_("The end of the period cannot be before its start.")]
    if filters.area is not None and filters.area not in areas:
        errors["area"] = [N_("Unknown service area.")]
    if filters.field is not None and filters.field not in fields:
        errors["field"] = [N_("Unknown field of education.")]
    if filters.gender is not None and filters.gender not in GENDERS:
        errors["gender"] = [N_("Choose one of the options.")]
    return errors
