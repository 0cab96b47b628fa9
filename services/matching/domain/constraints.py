"""Hard constraints and soft preferences of one (need, profile) pair, with notes."""
from __future__ import annotations

from services.matching.domain.explanation import ConstraintNote
from services.matching.domain.model import CompetenceNeed, Period, Profile


def hard_constraints(need: CompetenceNeed, profile: Profile) -> tuple[ConstraintNote, ...]:
    """Check hours, dates, work type, area, languages and driving licence."""
    notes = []
    if need.hours_per_week is not None:
        ok = profile.hours_per_week >= need.hours_per_week
        notes.append(ConstraintNote("hours", True, ok,
                                    f"{profile.hours_per_week:g} h/week offered, {need.hours_per_week:g} needed"))
    if _dated(need.period) or _dated(profile.available):  # with no dates on either side nothing was checked
        ok = profile.available.first <= need.period.last and need.period.first <= profile.available.last
        notes.append(ConstraintNote("dates", True, ok, "availability overlaps the need's period" if ok
                                    else "availability does not overlap the need's period"))
    if need.work_type is not None:
        ok = not profile.work_types or need.work_type in profile.work_types
        notes.append(ConstraintNote("work_type", True, ok, f"{need.work_type} "
                                    + ("is wanted" if ok else "is not among the wanted work types")))
    if need.areas:
        common = sorted(need.areas & profile.areas)
        ok = not profile.areas or bool(common)
        notes.append(ConstraintNote("area", True, ok, f"within reach: {', '.join(common)}" if common
                                    else ("no area restriction" if ok else "outside the areas within reach")))
    if need.languages:
        lacking = sorted(need.languages - profile.languages)
        notes.append(ConstraintNote("languages", True, not lacking, "has " + ", ".join(sorted(need.languages))
                                    if not lacking else "lacks " + ", ".join(lacking)))
    if need.driving_licence:
        notes.append(ConstraintNote("driving_licence", True, profile.driving_licence,
                                    "has a driving licence" if profile.driving_licence else "no driving licence"))
    return tuple(notes)


def _dated(period: Period) -> bool:
    return period.start is not None or period.end is not None


def preferences(need: CompetenceNeed, profile: Profile) -> tuple[float | None, tuple[ConstraintNote, ...]]:
    """Soft preference value in [0, 1] (None when the need states none) and its notes.

    The value is the mean of the parts in a fixed order (field, languages, date coverage);
    the vectorised scorers add the same parts in the same order, so the floats agree.
    """
    total, count, notes = 0.0, 0, []
    if need.preferred_fields:
        value = 1.0 if profile.field_of_education in need.preferred_fields else 0.0
        total += value
        count += 1
        notes.append(ConstraintNote("field", False, value == 1.0, "field of education is preferred"
                                    if value else "field of education is not among the preferred"))
    if need.preferred_languages:
        common = len(need.preferred_languages & profile.languages)
        total += common / len(need.preferred_languages)
        count += 1
        notes.append(ConstraintNote("preferred_languages", False, common == len(need.preferred_languages),
                                    f"{common} of {len(need.preferred_languages)} preferred languages"))
    if need.period.bounded:
        value = coverage(profile.available.first, profile.available.last, need.period.first, need.period.last)
        total += value
        count += 1
        notes.append(ConstraintNote("coverage", False, value == 1.0, f"available for {value:.0%} of the period"))
    return (total / count if count else None), tuple(notes)


def coverage(first: int, last: int, need_first: int, need_last: int) -> float:
    """Share of the need's (bounded) period the availability covers."""
    overlap = min(last, need_last) - max(first, need_first) + 1
    return max(0, overlap) / (need_last - need_first + 1)
