"""Rules of the service catalogue: a service's name must say something."""
from __future__ import annotations

import unicodedata

from services.intake.domain import N_

MIN_NAME = 3


def name_problem(name: str | None) -> str | None:
    """Why a service's name is refused (a message id), or None: blank, shorter than MIN_NAME characters, with no
    letters (only digits, punctuation or symbols), or one letter over and over ("xxxx")."""
    text = " ".join((name or "").split())
    if not text:
        return N_("Fill this in.")
    letters = [c for c in text if unicodedata.category(c).startswith("L")]
    if len(text) < MIN_NAME:
        return N_("Give a name of at least three characters.")
    if not letters:
        return N_("Give a name in words, not only digits or punctuation.")
    if len({c.casefold() for c in letters}) == 1 and len(letters) > 1:
        return N_("Give a name in words, not one letter over and over.")
    return None
