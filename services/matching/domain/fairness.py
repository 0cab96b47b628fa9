"""Fairness monitoring: suggestion and acceptance rates by group, the four-fifths rule.

Counts under `min_cell` are suppressed, and so is any rate computed from one. Warnings
compare the true rates of groups large enough to judge (denominator >= min_cell) but say
no more than "under four fifths" when a number in them is suppressed.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from shared import clock

MIN_CELL = 5
FOUR_FIFTHS = 0.8


@dataclass(frozen=True)
class GroupCounts:
    """Raw counts of one group (e.g. a gender or a service area) in one period."""

    group: str
    population: int  # profiles in the group that were matchable
    suggested: int  # of them, profiles suggested at least once
    accepted: int  # of the suggested, profiles whose suggestion was accepted


@dataclass(frozen=True)
class GroupRates:
    """What may be shown about a group: counts and rates, None where suppressed."""

    group: str
    population: int | None
    suggested: int | None
    accepted: int | None
    suggestion_rate: float | None  # suggested / population
    acceptance_rate: float | None  # accepted / suggested


@dataclass(frozen=True)
class FairnessWarning:
    """One group's rate is under four fifths of another's."""

    metric: str  # "suggestion_rate" or "acceptance_rate"
    group: str
    compared_to: str
    ratio: float | None  # None when showing it would reveal a suppressed count

    @property
    def message(self) -> str:
        """A sentence for the report."""
        share = f" ({self.ratio:.0%})" if self.ratio is not None else ""
        return (f"{self.metric.replace('_', ' ')} of {self.group} is under four fifths of "
                f"{self.compared_to}'s{share}")


@dataclass(frozen=True)
class FairnessReport:
    """Rates per group and four-fifths warnings."""

    groups: tuple[GroupRates, ...]
    warnings: tuple[FairnessWarning, ...]


def _shown(count: int, min_cell: int) -> int | None:
    return count if count >= min_cell else None


def fairness_report(counts: Iterable[GroupCounts], min_cell: int = MIN_CELL,
                    threshold: float = FOUR_FIFTHS) -> FairnessReport:
    """Suppressed rates per group and the groups whose rate is under `threshold` of the best."""
    counts = sorted(counts, key=lambda c: c.group)
    rows = []
    for c in counts:
        if not 0 <= c.accepted <= c.suggested <= c.population:
            raise ValueError(f"inconsistent counts for {c.group}")
        population, suggested, accepted = (_shown(x, min_cell) for x in (c.population, c.suggested, c.accepted))
        rows.append(GroupRates(
            c.group, population, suggested, accepted,
            suggested / population if population and suggested is not None else None,
            accepted / suggested if suggested and accepted is not None else None))
    warnings = []
    for metric, num, den in (("suggestion_rate", "suggested", "population"),
                             ("acceptance_rate", "accepted", "suggested")):
        judged = [(getattr(c, num) / getattr(c, den), c, row) for c, row in zip(counts, rows)
                  if getattr(c, den) >= min_cell]
        if len(judged) < 2:
            continue
        best_rate, best, best_row = max(judged, key=lambda j: (j[0], j[1].group))
        for rate, c, row in judged:
            if c is not best and rate < threshold * best_rate:
                visible = getattr(row, metric) is not None and getattr(best_row, metric) is not None
                warnings.append(FairnessWarning(metric, c.group, best.group,
                                                rate / best_rate if visible else None))
    return FairnessReport(tuple(rows), tuple(warnings))


def month_bounds(period: str) -> tuple[datetime, datetime]:
    """First moment of the month `period` (YYYY-MM) in Finland and of the next one, as UTC moments."""
    first = date.fromisoformat(period + "-01")
    following = (first.replace(day=28) + timedelta(days=4)).replace(day=1)
    return (datetime(first.year, first.month, 1, tzinfo=clock.ZONE).astimezone(UTC),
            datetime(following.year, following.month, 1, tzinfo=clock.ZONE).astimezone(UTC))


def current_period(today: date | None = None) -> str:
    """The month of `today` (default: today in Finland) as YYYY-MM."""
    today = today or clock.today()
    return f"{today.year:04d}-{today.month:02d}"
