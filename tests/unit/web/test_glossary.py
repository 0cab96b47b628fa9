"""One word for one concept: no catalog translation, and no reference text shown on pages in the reader's language
(the personal-metric statements), uses a variant the glossary says to avoid (shared/translations/glossary.toml)."""
from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from shared.reference.metric_scales import DEFAULT_SCALES

ROOT = Path(__file__).resolve().parents[3]
GLOSSARY = ROOT / "shared" / "translations" / "glossary.toml"
CATALOGS = sorted([ROOT / "shared" / "translations", *(p / "translations" for p in (ROOT / "services").iterdir()
                                                        if (p / "translations").is_dir())])


def terms() -> list[dict]:
    return tomllib.loads(GLOSSARY.read_text(encoding="utf-8"))["term"]


def translations(locale: str):
    for directory in CATALOGS:
        path = directory / locale / "LC_MESSAGES" / "messages.po"
        with open(path, "rb") as f:
            for message in read_po(f, locale=locale):
                if not message.id:
                    continue
                msgid = message.id[0] if isinstance(message.id, tuple) else message.id
                strings = message.string if isinstance(message.string, tuple | list) else (message.string,)
                for text in strings:
                    yield path.relative_to(ROOT), msgid, text or ""
    for key, labels in DEFAULT_SCALES:  # not catalog entries, but the same pages show them
        yield Path("shared/reference/metric_scales.py"), key, labels[locale]


def test_every_term_names_its_preferred_words_in_three_languages():
    for term in terms():
        assert all(term.get(lang) for lang in ("fi", "sv", "en")), term["concept"]
        for pattern in term.get("avoid_fi", []) + term.get("avoid_sv", []):
            re.compile(pattern)


@pytest.mark.parametrize("locale", ["fi", "sv"])
def test_no_catalog_uses_an_avoided_variant(locale):
    rules = [(t["concept"], re.compile(p, re.IGNORECASE), set(t.get("allow", []))) for t in terms()
             for p in t.get(f"avoid_{locale}", [])]
    found = [f"  {path}: {msgid!r} -> {text!r} ({concept}: avoid /{rule.pattern}/)"
             for path, msgid, text in translations(locale) for concept, rule, allowed in rules
             if msgid not in allowed and rule.search(text)]
    assert not found, f"{len(found)} {locale} translation(s) use an avoided term:\n" + "\n".join(found)


def test_the_glossary_catches_what_it_should():
    """The patterns themselves: the avoided variants match, the preferred words and legitimate uses do not."""
    def avoided(text: str, locale: str) -> bool:
        return any(re.search(p, text, re.IGNORECASE) for t in terms() for p in t.get(f"avoid_{locale}", []))

    assert avoided("Takaisin yksilölliseen polkuun", "fi") and not avoided("Asiakkaan yksilölliset tarpeet", "fi")
    assert avoided("Yksilöllinen polku", "fi") and avoided("rakentaa yksilöllisen polun", "fi")
    assert avoided("Ett märke ges", "sv") and not avoided("Ditt Open Badge-märke", "sv")
    assert not avoided("Ditt kompetensmärke är klart.", "sv") and avoided("Mångprofessionella projekt", "sv")
    assert avoided("Ei sama henkilö: ohita", "fi") and avoided("Tunnusluvut", "fi")
    assert avoided("Deltagare vid avgång", "sv") and not avoided("Andel godkända", "sv")
    assert avoided("Hjälp av din servicemanager och din egen stig", "sv") and avoided("din stig", "sv")
    assert not avoided("Priserna stiger", "sv") and not avoided("din personliga väg", "sv")
    assert avoided("Projektbaserade lärmiljöer", "sv") and not avoided("Projektlärmiljöer", "sv")
    assert avoided("bästa passning 85 %", "sv") and not avoided("Kompetens som passar", "sv")
    assert avoided("Mötena, i finsk tid.", "sv") and not avoided("Finländsk tid, t.ex. 14.00.", "sv")
    assert not avoided("Modersmål: finska", "sv")
