"""Matching's input model: pseudonymous competence profiles and competence needs.

A Profile holds only what matching may use. Gender, age, mother tongue, name and
organisation are not fields of it, so no rule can read them.
"""
from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import cast

MIN_LEVEL, MAX_LEVEL = 1, 5
# Sentinels for open-ended periods, as proleptic ordinals (date.toordinal()).
OPEN_START, OPEN_END = 0, 10**7


@dataclass(frozen=True)
class Period:
    """A date range; a missing end is open."""

    start: date | None = None
    end: date | None = None

    def __post_init__(self) -> None:
        if self.start and self.end and self.end < self.start:
            raise ValueError("period ends before it starts")

    @property
    def first(self) -> int:
        """First day as an ordinal (OPEN_START when open)."""
        return self.start.toordinal() if self.start else OPEN_START

    @property
    def last(self) -> int:
        """Last day as an ordinal (OPEN_END when open)."""
        return self.end.toordinal() if self.end else OPEN_END

    @property
    def bounded(self) -> bool:
        """Whether both ends are known (needed for a coverage figure)."""
        return self.start is not None and self.end is not None


def _check_level(level: int) -> None:
    if not isinstance(level, int) or not MIN_LEVEL <= level <= MAX_LEVEL:
        raise ValueError(f"skill level must be an integer {MIN_LEVEL}-{MAX_LEVEL}, got {level!r}")


@dataclass(frozen=True)
class Profile:
    """A client's pseudonymous competence profile, shared for matching under consent."""

    id: str
    skills: Mapping[int, int]  # skill index -> self/assessed level 1-5
    hours_per_week: float = 0.0
    available: Period = Period()
    work_types: frozenset[str] = frozenset()  # wanted; empty = any
    areas: frozenset[str] = frozenset()  # municipality / service-area codes within reach; empty = any
    languages: frozenset[str] = frozenset()
    driving_licence: bool = False
    field_of_education: str | None = None

    def __post_init__(self) -> None:
        for skill, level in self.skills.items():
            if not isinstance(skill, int) or skill < 0:
                raise ValueError(f"skill must be a taxonomy index, got {skill!r}")
            _check_level(level)
        if self.hours_per_week < 0:
            raise ValueError("hours per week cannot be negative")
        object.__setattr__(self, "skills", dict(sorted(self.skills.items())))

    def fingerprint(self) -> str:
        """Digest of everything matching reads except the id: a decline lapses when it changes."""
        return _digest(
            sorted(self.skills.items()), self.hours_per_week, self.available.first,
            self.available.last, sorted(self.work_types), sorted(self.areas),
            sorted(self.languages), self.driving_licence, self.field_of_education,
        )


@dataclass(frozen=True)
class RequiredSkill:
    """One skill a need asks for: essential or nice-to-have, at a level 1-5."""

    skill: int
    essential: bool = True
    level: int = 1

    def __post_init__(self) -> None:
        _check_level(self.level)


@dataclass(frozen=True)
class CompetenceNeed:
    """A partner's competence need, or an environment's role, as matching sees it."""

    id: str
    skills: tuple[RequiredSkill, ...]
    work_type: str | None = None
    hours_per_week: float | None = None  # the least weekly hours a profile must offer
    period: Period = Period()
    areas: frozenset[str] = frozenset()  # where the work is (municipality and its area); empty = remote
    languages: frozenset[str] = frozenset()  # required
    driving_licence: bool = False
    preferred_fields: frozenset[str] = frozenset()  # soft
    preferred_languages: frozenset[str] = frozenset()  # soft

    def __post_init__(self) -> None:
        object.__setattr__(self, "skills", tuple(self.skills))
        if not self.skills:
            raise ValueError("a competence need asks for at least one skill")
        seen = [r.skill for r in self.skills]
        if len(set(seen)) != len(seen):
            raise ValueError("a skill is listed twice in one competence need")

    def fingerprint(self) -> str:
        """Digest of the need's skills and constraints, not its id."""
        return _digest(
            [(r.skill, r.essential, r.level) for r in self.skills], self.work_type,
            self.hours_per_week, self.period.first, self.period.last, sorted(self.areas),
            sorted(self.languages), self.driving_licence, sorted(self.preferred_fields),
            sorted(self.preferred_languages),
        )


def _digest(*parts: object) -> str:
    return hashlib.blake2b(repr(parts).encode(), digest_size=12).hexdigest()


_PROFILE_FIELDS = ("skills", "hours_per_week", "available", "work_types", "areas",
                   "languages", "driving_licence", "field_of_education")


def profile_from_record(profile_id: str, record: Mapping[str, object]) -> Profile:
    """Build a Profile from a wider record, keeping only the fields matching may use."""
    kept = {name: record[name] for name in _PROFILE_FIELDS if name in record}
    for name in ("work_types", "areas", "languages"):
        if name in kept:
            kept[name] = frozenset(cast(Iterable[str], kept[name]))
    return Profile(id=profile_id, **kept)  # type: ignore[arg-type]
