"""Needs assessment: a client's individual needs in moving to education or work, as structured items."""
from __future__ import annotations

from collections.abc import Iterable, Mapping

from services.intake.domain import N_

CATEGORIES = ("guidance_in_choosing", "work_experience", "job_search_skills", "language",
              "everyday_life_and_wellbeing", "study_difficulties", "housing", "finances", "health", "other")
PRIORITIES = (1, 2, 3)  # 1 high, 2 medium, 3 low
STATUSES = ("open", "met", "dropped")
DESCRIPTION_MAX = 2000

Errors = dict[str, list[str]]


def check_need(category: str, priority: int, status: str, description: str | None) -> Errors:
    """Field errors of a need as it would be stored."""
    errors: Errors = {}
    if category not in CATEGORIES:
        errors["category"] = [N_("Choose a category from the list.")]
    if priority not in PRIORITIES:
        errors["priority"] = [N_("Give a priority of 1 (high), 2 or 3 (low).")]
    if status not in STATUSES:
        errors["status"] = [N_("Choose a status from the list.")]
    text = (description or "").strip()
    if category == "other" and not text:
        errors["description"] = [N_("Describe the need when its category is other.")]
    elif len(text) > DESCRIPTION_MAX:
        errors["description"] = [N_("Keep the description under 2000 characters.")]
    return errors


def in_assessment_order(needs: Iterable[Mapping]) -> list[Mapping]:
    """Open needs first by priority, then met and dropped ones; older before newer within a group."""
    return sorted(needs, key=lambda n: (STATUSES.index(n["status"]), n["priority"], n["created_at"]))
