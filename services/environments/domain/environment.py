"""An environment's own rules: its period, capacity, roles and whether it is multidisciplinary."""
from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date

from services.environments.domain import N_

MAX_ROLES = 30
MAX_SKILLS_PER_ROLE = 20


@dataclass(frozen=True)
class Multidisciplinarity:
    """Whether an environment is multidisciplinary, and the distinct fields that make it so (or not)."""

    value: bool
    fields: tuple[str, ...]

    @property
    def reason(self) -> str:
        if self.value:
            return N_("Multidisciplinary: it involves %(count)s different fields of education.")
        if not self.fields:
            return N_("Not multidisciplinary: no field of education is given yet.")
        return N_("Not multidisciplinary: it involves only one field of education; add another field.")


def distinct_fields(codes: Iterable[str]) -> tuple[str, ...]:
    """The different fields among codes: a broad field ("06") and a field inside it ("061") are one field."""
    unique = sorted(set(c for c in codes if c))
    narrow = [c for c in unique if len(c) > 2]
    covered = {c[:2] for c in narrow}
    return tuple(sorted(narrow + [c for c in unique if len(c) <= 2 and c not in covered]))


def multidisciplinarity(environment_fields: Iterable[str], role_fields: Iterable[Iterable[str]] = ()) -> \
        Multidisciplinarity:
    """Multidisciplinary means at least two different fields of education (the environment's and its roles')."""
    codes = list(environment_fields) + [c for fields_ in role_fields for c in fields_]
    found = distinct_fields(codes)
    return Multidisciplinarity(len(found) >= 2, found)


@dataclass(frozen=True)
class RoleSkill:
    """A skill a role wants: an ESCO skill URI and the level wanted (1–5)."""

    uri: str
    level: int


@dataclass(frozen=True)
class RoleSpec:
    """A role (seats with wanted skills and fields) as given."""

    title: str
    seats: int
    description: str | None = None
    fields: tuple[str, ...] = ()
    skills: tuple[RoleSkill, ...] = field(default_factory=tuple)


def period_problems(starts_on: date | None, ends_on: date | None) -> dict:
    if starts_on and ends_on and ends_on < starts_on:
        return {"ends_on": [N_("The end date cannot be before the start date.")]}
    return {}


def field_problems(codes: Iterable[str], known: Callable[[str], bool], name: str = "fields_of_education") -> dict:
    """Every code must be a field of education of the classification, listed once."""
    codes = list(codes)
    bad = {str(i): [N_("Unknown field of education.")] for i, code in enumerate(codes) if not known(code)}
    if bad:
        return {name: bad}
    if len(set(codes)) != len(codes):
        return {name: [N_("The same field is listed twice.")]}
    return {}


def role_problems(role: RoleSpec, known_field: Callable[[str], bool], known_skill: Callable[[str], bool]) -> dict:
    """Problems of one role, keyed like its input."""
    problems = field_problems(role.fields, known_field, "fields")
    if len(role.skills) > MAX_SKILLS_PER_ROLE:
        problems["skills"] = [N_("Too many skills.")]
        return problems
    skill_problems, seen = {}, set()
    for i, skill in enumerate(role.skills):
        if not known_skill(skill.uri):
            skill_problems[str(i)] = {"uri": [N_("Unknown skill: use a skill of the ESCO taxonomy.")]}
        elif skill.uri in seen:
            skill_problems[str(i)] = {"uri": [N_("The same skill is listed twice.")]}
        seen.add(skill.uri)
    if skill_problems:
        problems["skills"] = skill_problems
    return problems


def capacity_problems(capacity: int, enrolled: int) -> dict:
    """The capacity cannot go under the number of people already in the environment."""
    if capacity < enrolled:
        return {"capacity": [N_("The capacity cannot be less than the number of participants already enrolled.")]}
    return {}


def place_problems(municipality: str | None, service_area: str | None,
                   areas_of_municipality: Callable[[str], list[str]]) -> dict:
    """A municipality given with a service area must lie in that area."""
    if municipality and service_area and service_area not in areas_of_municipality(municipality):
        return {"service_area": [N_("The municipality is not in this service area.")]}
    return {}
