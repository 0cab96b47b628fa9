"""What the engine sees of the read models: profiles, needs and environments' roles as domain objects.

Needs and roles share the engine under one key space, `need:<id>` and `environment_role:<id>`.
Skills are ESCO URIs on the bus and taxonomy indices in the engine; a URI the taxonomy does not
know is left out (and a target left with no skill is not matched).
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date

from services.matching.domain.model import CompetenceNeed, Period, Profile, RequiredSkill
from shared.reference import municipalities

NEED, ROLE = "need", "environment_role"
TARGET_KINDS = (NEED, ROLE)
# A profile that states no weekly hours is taken as available for any (intake's largest allowed value).
UNSTATED_HOURS = 60.0
# Environments take people while open or running (environments' lifecycle): only then are their roles
# matched, and a student enrolled in one is busy (one running environment per student).
TAKING_PEOPLE = ("open", "running")


def key(kind: str, target_id: str) -> str:
    """The engine's id of a need or a role."""
    return f"{kind}:{target_id}"


def split(engine_id: str) -> tuple[str, str]:
    """(kind, target id) of an engine id."""
    kind, _, target_id = engine_id.partition(":")
    return kind, target_id


def _date(value) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value))


def _areas_of(municipality: str | None) -> set[str]:
    """A municipality and the network's service areas it lies in."""
    if not municipality or not municipalities.is_valid(municipality):
        return set()
    code = municipalities.get(municipality).code
    return {code, *municipalities.service_area_of(code)}


def profile_service_areas(record: Mapping) -> list[str]:
    """The service areas a profile names, or those of its municipalities (for fairness monitoring)."""
    named = list(record.get("service_areas") or ())
    if named:
        return sorted(set(named))
    found: set[str] = set()
    for code in record.get("municipalities") or ():
        if municipalities.is_valid(code):
            found.update(municipalities.service_area_of(code))
    return sorted(found)


def profile(client_id: str, record: Mapping, index: Mapping[str, int]) -> Profile:
    """The engine's profile from the payload of intake.profile.shared."""
    skills: dict[int, int] = {}
    for skill in record.get("skills") or ():
        i = index.get(skill["uri"])
        if i is not None:
            skills[i] = max(int(skill["level"]), skills.get(i, 0))
    hours = record.get("hours_per_week")
    codes = [municipalities.get(c).code for c in record.get("municipalities") or () if municipalities.is_valid(c)]
    fields = [f for f in record.get("fields_of_education") or () if f]
    return Profile(
        id=str(client_id), skills=skills, hours_per_week=UNSTATED_HOURS if hours is None else float(hours),
        available=Period(_date(record.get("available_from")), _date(record.get("available_until"))),
        work_types=frozenset(record.get("work_types") or ()),
        areas=frozenset(codes) | frozenset(record.get("service_areas") or ()),
        languages=frozenset(record.get("languages") or ()), driving_licence=bool(record.get("driving_licence")),
        field_of_education=fields[0] if fields else None)


def _required(skills: Iterable[Mapping], index: Mapping[str, int]) -> tuple[RequiredSkill, ...]:
    found: dict[int, RequiredSkill] = {}
    for skill in skills:
        i = index.get(skill["uri"])
        if i is not None and i not in found:
            found[i] = RequiredSkill(i, bool(skill.get("essential", True)), int(skill.get("level") or 1))
    return tuple(found.values())


def need(need_id: str, record: Mapping, index: Mapping[str, int]) -> CompetenceNeed | None:
    """The engine's need from the payload of intake.need.published; None when it cannot be matched."""
    required = _required(record.get("skills") or (), index)
    if record.get("status", "open") != "open" or not required:
        return None
    hours = record.get("hours_per_week")
    return CompetenceNeed(
        id=key(NEED, need_id), skills=required, work_type=record.get("work_type"),
        hours_per_week=None if hours is None else float(hours),
        period=Period(_date(record.get("start_date")), _date(record.get("end_date"))),
        areas=frozenset(_areas_of(record.get("municipality"))), languages=frozenset(record.get("languages") or ()),
        driving_licence=bool(record.get("driving_licence")))


def role(role_id: str, record: Mapping, environment: Mapping | None, index: Mapping[str, int]) -> CompetenceNeed | None:
    """The engine's need for an environment's role; None unless the environment takes people and a skill is known.

    The role's fields of education are a soft preference here (team building makes them hard).
    """
    if environment is None or environment.get("status") not in TAKING_PEOPLE:
        return None
    required = _required(record.get("skills") or (), index)
    if not required:
        return None
    areas = _areas_of(environment.get("municipality"))
    if environment.get("service_area"):
        areas.add(environment["service_area"])
    return CompetenceNeed(
        id=key(ROLE, role_id), skills=required,
        period=Period(_date(environment.get("starts_on")), _date(environment.get("ends_on"))),
        areas=frozenset(areas), languages=frozenset(environment.get("languages") or ()),
        preferred_fields=frozenset(record.get("fields") or ()))
