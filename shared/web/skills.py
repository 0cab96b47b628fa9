"""Skills typed on a page form: the rows of a FieldList of skill subforms, resolved to ESCO URIs."""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from flask_babel import gettext

from shared.reference import esco


def resolve_skill(text: str, lang: str) -> str | None:
    """An ESCO URI for what was typed: the URI itself, or a label that matches exactly in some language."""
    text = text.strip()
    if text.startswith("http"):
        return text
    taxonomy = esco.load_taxonomy()
    for hit in esco.search_skills(text, lang, limit=5):
        if any(taxonomy.label(hit.index, code).casefold() == text.casefold() for code in ("fi", "sv", "en")):
            return hit.uri
    return None


def typed_skills(entries: Iterable, lang: str) -> Iterator[tuple[int, Any, str, str | None]]:
    """The skill rows someone typed in: (row index, the row's subform, the text, its ESCO URI or None when the
    taxonomy does not know it). Empty rows are left out."""
    for index, entry in enumerate(entries):
        text = (entry.form.skill.data or "").strip()
        if text:
            yield index, entry.form, text, resolve_skill(text, lang)


def unknown_skill(text: str, lang: str) -> str:
    """Why a typed skill is refused, translated, with the taxonomy's closest skills to type instead."""
    hits = ", ".join(h.label for h in esco.search_skills(text, lang, limit=3))
    return gettext("Unknown skill.") + (" " + gettext("Did you mean: %(hits)s?", hits=hits) if hits else "")
