"""Industry classification TOL 2008 (Finnish NACE Rev. 2): sections A-U, X and 2-digit divisions."""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache
from typing import cast

from shared.reference._common import ClassItem, read_classification


class Industry(ClassItem):
    """A TOL 2008 section (level 1, a letter) or division (level 2, two digits)."""


@lru_cache(maxsize=1)
def _table() -> Mapping[str, Industry]:
    """All sections and divisions by code, in classification order."""
    return read_classification("industries.csv", Industry)


def _normalise(code: str) -> str | None:
    """Upper-case section letters and strip blanks; None if code is not a string."""
    return code.strip().upper() if isinstance(code, str) else None


def is_valid(code: str) -> bool:
    """True if code is a TOL 2008 section ("C") or division ("62")."""
    return _normalise(code) in _table()


def get(code: str) -> Industry:
    """The section or division with this code; KeyError if there is none."""
    normalised = _normalise(code)
    if normalised is None or normalised not in _table():
        raise KeyError(f"unknown TOL 2008 code {code!r}")
    return _table()[normalised]


def all(level: int | None = None) -> tuple[Industry, ...]:  # noqa: A001
    """All sections and divisions in classification order, optionally only one level (1 or 2)."""
    return tuple(i for i in _table().values() if level is None or i.level == level)


def name(code: str, lang: str = "fi") -> str:
    """Name of a section or division in fi, sv or en."""
    return get(code).name(lang)


def section(code: str) -> Industry:
    """The section (level 1) that a division belongs to, or the section itself."""
    industry = get(code)
    return industry if industry.level == 1 else get(cast(str, industry.parent_code))  # a division has one
