"""The browser journeys' own checks (tests/support/journey.py): the axe allow-list, the language of messages."""
from __future__ import annotations

import re

from tests.support import journey


def test_the_axe_allow_list_is_short_and_every_entry_says_why():
    entries = journey.allowlist()
    assert 1 <= len(entries) <= 5
    for entry in entries:
        assert len(entry["reason"].split()) >= 20, entry["rule"]
        re.compile(entry["selector"])


def test_the_allow_list_accepts_chart_text_and_nothing_else_of_its_rule():
    chart = "html > body > main > div > figure > svg[role=img] > text"
    assert journey.allowed("color-contrast", 'text[y="270"]', chart)
    assert not journey.allowed("color-contrast", "#partner_ids", "html > body > main > form > div > select")
    assert not journey.allowed("duplicate-id-aria", 'text[y="270"]', chart)


def test_an_untranslated_message_is_found_in_each_language():
    assert journey.wrong_language("This field is required.", "fi")  # WTForms' English on a Finnish page
    assert journey.wrong_language("Give a name.", "sv")
    assert journey.wrong_language("Anna nimi.", "en")  # Finnish on an English page
    assert not journey.wrong_language("Anna nimi.", "fi")
    assert not journey.wrong_language("Give a name.", "en")


def test_the_vendored_axe_is_the_version_its_readme_names():
    readme = (journey.AXE.parent / "README.md").read_text(encoding="utf-8")
    version = re.search(r"Version: (\d+\.\d+\.\d+)", readme).group(1)
    assert journey.AXE.read_text(encoding="utf-8").startswith(f"/*! axe v{version}")
    assert (journey.AXE.parent / "LICENSE").read_text(encoding="utf-8").startswith("Mozilla Public License")
