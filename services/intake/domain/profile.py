"""Competence profile rules: skills with level and evidence, availability, and what is shared for matching."""
from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import cast

from services.intake.domain import N_
from services.intake.domain.clients import language_codes

EVIDENCE = ("self", "course", "work", "project_environment", "other")
WORK_TYPES = ("part_time", "short_term", "summer", "traineeship", "apprenticeship", "thesis")
LEVELS = (1, 2, 3, 4, 5)
MAX_HOURS_PER_WEEK = 60
# Languages offered first on the page; any ISO 639-1 code is accepted.
COMMON_LANGUAGES = ("fi", "sv", "en", "se", "et", "ru", "uk", "ar", "so", "fa", "ku", "de", "fr", "es", "zh")

Errors = dict[str, list[str]]


@dataclass(frozen=True)
class Availability:
    """When and how much a client can work, what kind of work and where."""

    hours_per_week: int | None = None
    available_from: date | None = None
    available_until: date | None = None
    work_types: tuple[str, ...] = ()
    municipalities: tuple[str, ...] = ()
    service_areas: tuple[str, ...] = ()
    driving_licence: bool = False
    languages: tuple[str, ...] = ()


def _unique(values: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(values))


def check_availability(value: Availability, *, municipality_code: Callable[[str], str | None],
                       area_slugs: Iterable[str]) -> Errors:
    """Field errors of an availability; `municipality_code` maps a code to its padded form or None."""
    errors: Errors = {}
    if value.hours_per_week is not None and not 1 <= value.hours_per_week <= MAX_HOURS_PER_WEEK:
        errors["hours_per_week"] = [N_("Give the hours a week as a whole number from 1 to 60.")]
    if value.available_from and value.available_until and value.available_until < value.available_from:
        errors["available_until"] = [N_("The end date must not be before the start date.")]
    if any(t not in WORK_TYPES for t in value.work_types):
        errors["work_types"] = [N_("Choose work types from the list.")]
    if any(municipality_code(c) is None for c in value.municipalities):
        errors["municipalities"] = [N_("Give official municipality codes of three digits.")]
    known = set(area_slugs)
    if any(a not in known for a in value.service_areas):
        errors["service_areas"] = [N_("Choose service areas from the list.")]
    if any(lang not in language_codes() for lang in value.languages):
        errors["languages"] = [N_("Give languages as ISO 639-1 codes, such as fi, sv or en.")]
    return errors


def normalised(value: Availability, municipality_code: Callable[[str], str | None]) -> Availability:
    """The availability with padded municipality codes and no duplicates (call after check_availability)."""
    return Availability(
        hours_per_week=value.hours_per_week, available_from=value.available_from,
        available_until=value.available_until, work_types=_unique(value.work_types),
        # check_availability accepted every code, so each one is known
        municipalities=_unique(cast(str, municipality_code(c)) for c in value.municipalities),
        service_areas=_unique(value.service_areas), driving_licence=bool(value.driving_licence),
        languages=_unique(value.languages))


def check_skill(level: int, evidence: str, evidence_ref: str | None) -> Errors:
    """Field errors of one skill entry."""
    errors: Errors = {}
    if level not in LEVELS:
        errors["level"] = [N_("Give a level from 1 to 5.")]
    if evidence not in EVIDENCE:
        errors["evidence"] = [N_("Choose the kind of evidence from the list.")]
    elif evidence in ("course", "work", "project_environment") and not (evidence_ref or "").strip():
        errors["evidence_ref"] = [N_("Name the course, workplace or environment where the skill was shown.")]
    return errors


def skill_levels(skills: Iterable[Mapping]) -> list[dict]:
    """One entry per skill URI with its highest level (a skill may have several pieces of evidence)."""
    best: dict[str, int] = {}
    for skill in skills:
        uri, level = skill["skill_uri"], int(skill["level"])
        best[uri] = max(level, best.get(uri, 0))
    return [{"uri": uri, "level": best[uri]} for uri in sorted(best)]


def shared_profile(client_id: str, availability: Availability, skills: Iterable[Mapping],
                   fields_of_education: Iterable[str]) -> dict:
    """The payload of intake.profile.shared: what matching needs and nothing that identifies a person."""
    return {
        "client_id": str(client_id),
        "skills": skill_levels(skills),
        "hours_per_week": availability.hours_per_week,
        "available_from": availability.available_from.isoformat() if availability.available_from else None,
        "available_until": availability.available_until.isoformat() if availability.available_until else None,
        "work_types": list(availability.work_types),
        "municipalities": list(availability.municipalities),
        "service_areas": list(availability.service_areas),
        "languages": list(availability.languages),
        "driving_licence": bool(availability.driving_licence),
        "fields_of_education": [f for f in fields_of_education if f],
    }
