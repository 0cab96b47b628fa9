"""Field of education (koulutusala 2016, ISCED-F 2013 based) and ISCED 2011 levels with ESF groupings."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache

from shared.reference._common import ClassItem, check_lang, names, read_classification, read_csv


class EducationField(ClassItem):
    """A field of education: level 1 broad field ("06") or level 2 narrow field ("061")."""


@dataclass(frozen=True)
class IscedLevel:
    """An ISCED 2011 level of education, 0-8."""

    level: int
    names: Mapping[str, str] = field(hash=False)

    def name(self, lang: str = "fi") -> str:
        """Label in fi, sv or en."""
        return self.names[check_lang(lang)]


@dataclass(frozen=True)
class EsfGroup:
    """An ESF reporting group of ISCED levels (1-2, 3-4, 5-8)."""

    key: str
    levels: tuple[int, ...]
    names: Mapping[str, str] = field(hash=False)

    def name(self, lang: str = "fi") -> str:
        """Label in fi, sv or en."""
        return self.names[check_lang(lang)]


@lru_cache(maxsize=1)
def _fields() -> Mapping[str, EducationField]:
    """All fields of education by code, in classification order."""
    return read_classification("education_fields.csv", EducationField)


def is_valid(code: str) -> bool:
    """True if code is a level 1 or level 2 field of education code."""
    return isinstance(code, str) and code in _fields()


def get(code: str) -> EducationField:
    """The field of education with this code; KeyError if there is none."""
    if not is_valid(code):
        raise KeyError(f"unknown field of education code {code!r}")
    return _fields()[code]


def all(level: int | None = None) -> tuple[EducationField, ...]:  # noqa: A001
    """All fields of education in classification order, optionally only one level (1 or 2)."""
    return tuple(f for f in _fields().values() if level is None or f.level == level)


def name(code: str, lang: str = "fi") -> str:
    """Name of a field of education in fi, sv or en."""
    return get(code).name(lang)


def broad_field(code: str) -> EducationField:
    """The level 1 broad field of an ISCED-F code of 2-4 digits ("0613" -> "06"); KeyError if unknown."""
    if not (isinstance(code, str) and code.isascii() and code.isdigit() and 2 <= len(code) <= 4):
        raise KeyError(f"not an ISCED-F code: {code!r}")
    if len(code) == 3 and code not in _fields():
        raise KeyError(f"unknown field of education code {code!r}")
    return get(code[:2])


@lru_cache(maxsize=1)
def _isced() -> tuple[IscedLevel, ...]:
    """ISCED 2011 levels 0-8."""
    return tuple(IscedLevel(int(row["level"]), names(row)) for row in read_csv("isced2011_levels.csv"))


def isced_levels() -> tuple[IscedLevel, ...]:
    """All ISCED 2011 levels, 0-8."""
    return _isced()


def isced_level(level: int) -> IscedLevel:
    """One ISCED 2011 level; KeyError unless 0-8."""
    if isinstance(level, bool) or not isinstance(level, int) or not 0 <= level <= 8:
        raise KeyError(f"not an ISCED 2011 level: {level!r}")
    return _isced()[level]


def isced_name(level: int, lang: str = "fi") -> str:
    """Label of an ISCED 2011 level in fi, sv or en."""
    return isced_level(level).name(lang)


@lru_cache(maxsize=1)
def esf_groups() -> tuple[EsfGroup, ...]:
    """The ESF participant groupings: ISCED 1-2, 3-4 and 5-8."""
    return tuple(
        EsfGroup(row["key"], tuple(int(x) for x in row["levels"].split()), names(row))
        for row in read_csv("esf_isced_groups.csv")
    )


def esf_group(level: int) -> EsfGroup | None:
    """The ESF group of an ISCED level; None for level 0, which no group covers."""
    isced_level(level)
    return next((g for g in esf_groups() if level in g.levels), None)
