"""Every string of the reporting service has a Finnish and a Swedish translation in its own catalog, compiled."""
from __future__ import annotations

import io
from pathlib import Path

import pytest
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_keywords, parse_mapping_cfg
from babel.messages.mofile import read_mo, write_mo
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[3]
CATALOG = ROOT / "services" / "reporting" / "translations"
KEYWORDS = {**DEFAULT_KEYWORDS, **parse_keywords(["lazy_gettext", "_l", "lazy_ngettext:1,2"])}


def extracted() -> dict[str, list[str]]:
    with open(CATALOG / "babel.cfg") as config:
        method_map, options_map = parse_mapping_cfg(config)
    found: dict[str, list[str]] = {}
    for filename, lineno, message, _comments, _context in extract_from_dir(str(ROOT), method_map, options_map,
                                                                            keywords=KEYWORDS):
        msgid = message[0] if isinstance(message, tuple) else message
        if msgid:
            found.setdefault(msgid, []).append(f"{filename}:{lineno}")
    return found


def catalog(locale: str):
    with open(CATALOG / locale / "LC_MESSAGES" / "messages.po", "rb") as po:
        return read_po(po, locale=locale)


def test_the_extraction_finds_the_services_strings():
    strings = extracted()
    assert "The network's indicators" in strings and "Clients served" in strings
    assert all(place.startswith("services/reporting/") for places in strings.values() for place in places)


@pytest.mark.parametrize("locale", ["fi", "sv"])
def test_every_string_is_translated(locale):
    translations = catalog(locale)
    missing = [msgid for msgid in sorted(extracted())
               if (m := translations.get(msgid)) is None or m.fuzzy or not (m.string or "").strip()]
    assert not missing, f"untranslated in {locale} (see services/reporting/translations/README.md): {missing}"


@pytest.mark.parametrize("locale", ["fi", "sv", "en"])
def test_placeholders_match_and_the_mo_is_compiled(locale):
    assert not list(catalog(locale).check())
    fresh = io.BytesIO()
    write_mo(fresh, catalog(locale))
    fresh.seek(0)
    with open(CATALOG / locale / "LC_MESSAGES" / "messages.mo", "rb") as committed:
        assert {m.id: m.string for m in read_mo(committed)} == {m.id: m.string for m in read_mo(fresh)}
