"""Every fi and sv catalog entry is present, not fuzzy and has its plural forms (issue 21, item 4)."""
from __future__ import annotations

import re
from pathlib import Path

from shared import catalog_check

ROOT = Path(__file__).resolve().parents[3]
HEADER = ('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=utf-8\\n"\n'
          '"Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n\n')


def write(directory: Path, locale: str, body: str) -> None:
    path = directory / locale / "LC_MESSAGES" / "messages.po"
    path.parent.mkdir(parents=True)
    path.write_text(HEADER + body, encoding="utf-8")


def test_the_projects_catalogs_have_every_entry_translated_with_its_plural_forms():
    assert catalog_check.problems() == []
    assert len(catalog_check.directories()) >= 6  # shared and the five services


def test_a_missing_a_fuzzy_an_empty_and_a_short_plural_entry_are_each_named(tmp_path):
    write(tmp_path, "en", 'msgid "Open"\nmsgstr ""\n\nmsgid "Save"\nmsgstr ""\n\nmsgid "Close"\nmsgstr ""\n\n'
                          'msgid "Hello"\nmsgstr ""\n\n'
                          'msgid "%(num)d client"\nmsgid_plural "%(num)d clients"\nmsgstr[0] ""\nmsgstr[1] ""\n\n'
                          'msgctxt "metric change"\nmsgid "Declined"\nmsgstr ""\n')
    write(tmp_path, "fi", '#, fuzzy\nmsgid "Open"\nmsgstr "Avoin"\n\nmsgid "Save"\nmsgstr ""\n\n'
                          'msgid "Hello"\nmsgstr "Hei"\n\n'
                          'msgid "%(num)d client"\nmsgid_plural "%(num)d clients"\nmsgstr[0] "%(num)d asiakas"\n'
                          'msgstr[1] ""\n\nmsgctxt "metric change"\nmsgid "Declined"\nmsgstr "Heikkeni"\n')
    write(tmp_path, "sv", 'msgid "Open"\nmsgstr "Öppen"\n\nmsgid "Save"\nmsgstr "Spara"\n\n'
                          'msgid "Close"\nmsgstr "Stäng"\n\nmsgid "Hello"\nmsgstr "Hej"\n\n'
                          'msgid "%(num)d client"\nmsgstr "%(num)d klienter"\n\n'
                          'msgid "Declined"\nmsgstr "Avböjd"\n')
    found = [re.sub(r"^.*/(fi|sv)/LC_MESSAGES/messages.po", r"\1", p) for p in catalog_check.problems_in(tmp_path)]
    assert found == [
        "fi: 'Open': fuzzy",
        "fi: 'Save': not translated",
        "fi: 'Close': not in the catalog",
        "fi: '%(num)d client': not translated",
        "sv: '%(num)d client': 1 plural form(s), the header declares 2",
        "sv: 'Declined' (context 'metric change'): not in the catalog",
    ]
    assert catalog_check.main([str(tmp_path)]) == 1
