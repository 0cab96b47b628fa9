"""An entry's codes named in a language: pages pass flask-babel's gettext, the export and the review
report a catalog loaded here (shared/translations), so the same codes read in fi, sv or en."""
from __future__ import annotations

from collections.abc import Callable, Mapping
from functools import cache
from pathlib import Path

from babel.support import NullTranslations, Translations

from shared.audit.codes import label

TRANSLATIONS = Path(__file__).resolve().parent.parent / "translations"
LANGUAGES = ("fi", "sv", "en")


@cache
def translator(locale: str) -> Callable[[str], str]:
    """gettext of the shared catalog in `locale` (English, the msgids themselves, for en or an unknown one)."""
    found = Translations.load(str(TRANSLATIONS), [locale]) if locale in LANGUAGES else NullTranslations()
    return found.gettext


def described(entry: Mapping, gettext: Callable[[str], str]) -> dict:
    """The entry's action, object type, purpose and category named through `gettext`."""
    return {kind: gettext(label(kind, entry.get(kind))) if entry.get(kind) else ""
            for kind in ("action", "object_type", "purpose", "category")}
