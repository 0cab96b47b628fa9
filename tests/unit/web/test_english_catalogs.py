"""The English catalogs: where an English entry rewords its msgid, the rewording is English, keeps every
placeholder, and is what the compiled catalog serves (an edited .po that was not compiled shows the old text)."""
from __future__ import annotations

import gettext
import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from shared.catalog_check import directories

PLACEHOLDER = re.compile(r"%\(\w+\)[sdif]|%[sdif%]")
NORDIC = re.compile(r"[åäöÅÄÖ]")


def rewordings(directory: Path) -> list[tuple[str | None, str, str]]:
    """(context, msgid, English string) of each singular entry whose English differs from its msgid."""
    with open(directory / "en" / "LC_MESSAGES" / "messages.po", "rb") as po:
        catalog = read_po(po, locale="en")
    return [(m.context, m.id, m.string) for m in catalog
            if isinstance(m.id, str) and m.id and m.string and m.string != m.id]


CATALOGS = directories()


@pytest.mark.parametrize("directory", CATALOGS, ids=lambda d: d.parent.name)
def test_a_reworded_english_entry_keeps_its_placeholders_and_is_not_finnish_or_swedish(directory):
    for _context, msgid, english in rewordings(directory):
        assert sorted(PLACEHOLDER.findall(english)) == sorted(PLACEHOLDER.findall(msgid)), msgid
        assert not NORDIC.search(english) or NORDIC.search(msgid), f"{msgid!r} reads {english!r}"


@pytest.mark.parametrize("directory", CATALOGS, ids=lambda d: d.parent.name)
def test_the_compiled_english_catalog_serves_every_rewording(directory):
    with open(directory / "en" / "LC_MESSAGES" / "messages.mo", "rb") as mo:
        compiled = gettext.GNUTranslations(mo)
    for context, msgid, english in rewordings(directory):
        served = compiled.pgettext(context, msgid) if context else compiled.gettext(msgid)
        assert served == english, f"{msgid!r}: the .mo serves {served!r}, the .po says {english!r}"


def test_the_walk_in_english_rewordings_are_served():
    """Wordings found stiff when the product was used in English (login, one-time code, reports)."""
    def served(service: str, msgid: str) -> str:
        path = Path(__file__).resolve().parents[3] / "services" / service / "translations"
        with open(path / "en" / "LC_MESSAGES" / "messages.mo", "rb") as mo:
            return gettext.GNUTranslations(mo).gettext(msgid)

    assert served("portal", "The username or password is not right.") == "Wrong username or password."
    assert served("portal", "The code is not right. Give the code your app shows now.") == (
        "That code is wrong. Enter the code your app shows now.")
    assert served("reporting", "Not told") == "Not stated"
    assert served("intake", "Tell a new competence need") == "Add a competence need"
