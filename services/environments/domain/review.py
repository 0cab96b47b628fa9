"""The gender-neutral review: a checklist that must be complete before an environment opens."""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from services.environments.domain import N_

NEUTRAL_LANGUAGE = "neutral_language"
ITEMS: tuple[tuple[str, str], ...] = (
    (NEUTRAL_LANGUAGE, N_("Role descriptions and announcements are written in gender-neutral language.")),
    ("tasks_not_by_gender", N_("Tasks and roles are not divided by gender.")),
    ("recruitment_reaches_everyone", N_("Recruitment reaches everyone: channels, pictures and wording invite "
                                        "people of every gender.")),
    ("mixed_teams", N_("Teams are mixed where possible.")),
    ("stereotypes_challenged", N_("Students are encouraged to choose roles across gender stereotypes.")),
    ("practicalities_for_everyone", N_("Working times, places and facilities suit everyone (for example "
                                       "changing rooms and family situations).")),
    ("safe_to_raise_concerns", N_("Everyone knows whom to turn to about harassment or unequal treatment.")),
    ("metrics_neutral", N_("Personal metrics, surveys and assessments treat every gender alike.")),
)
KEYS = tuple(key for key, _label in ITEMS)
LABELS = dict(ITEMS)


@dataclass(frozen=True)
class ItemReview:
    """One checklist item as reviewed: checked or not, a note, who reviewed it and when."""

    item: str
    checked: bool
    note: str | None = None
    reviewed_by: str | None = None
    reviewer_name: str | None = None
    reviewed_at: datetime | None = None


def item_problems(item: str, checked: bool, note: str | None, language_findings: int) -> dict:
    """An unknown item is wrong; checking the language item while the check finds gendered words needs a note."""
    if item not in LABELS:
        return {"item": [N_("No such checklist item.")]}
    if item == NEUTRAL_LANGUAGE and checked and language_findings and not (note or "").strip():
        return {"note": [N_("The language check still finds gendered titles: change them, or explain in a note "
                            "why they are fine.")]}
    return {}


def satisfied(review: ItemReview | None, language_findings: int) -> bool:
    """An item counts when it is checked; the language item also needs a note while findings remain."""
    if review is None or not review.checked:
        return False
    return not (review.item == NEUTRAL_LANGUAGE and language_findings and not (review.note or "").strip())


def missing_items(reviews: Mapping[str, ItemReview], language_findings: int) -> list[str]:
    """The checklist items not yet satisfied, in checklist order."""
    return [key for key in KEYS if not satisfied(reviews.get(key), language_findings)]


def complete(reviews: Mapping[str, ItemReview], language_findings: int) -> bool:
    return not missing_items(reviews, language_findings)
