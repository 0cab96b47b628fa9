"""Every string of shared/ and services/ has a Finnish and a Swedish translation, compiled.

The strings are extracted now, from the code as it is, the way `make translations` does it
(babel.cfg and the Makefile's keywords), so a string added anywhere later fails here until translated.
"""
from __future__ import annotations

import io
import re
from functools import lru_cache
from pathlib import Path

import pytest
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_keywords, parse_mapping_cfg
from babel.messages.mofile import read_mo, write_mo
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[3]
TRANSLATIONS = ROOT / "shared" / "translations"
REQUIRED = {"fi": "Finnish", "sv": "Swedish"}


def makefile_keywords() -> dict:
    """The -k options of the Makefile's `pybabel extract`, added to babel's defaults."""
    recipe = re.search(r"^translations:.*?(?=^\S|\Z)", (ROOT / "Makefile").read_text(), re.M | re.S)
    assert recipe, "the Makefile has no translations target"
    extra = re.findall(r"-k\s+(\S+)", recipe.group(0))
    assert "lazy_gettext" in extra
    return {**DEFAULT_KEYWORDS, **parse_keywords(extra)}


@lru_cache(maxsize=1)
def extracted() -> dict[tuple[str, str | None], list[str]]:
    """(msgid, context) -> where it is used, for every translatable string under shared/ and services/."""
    with open(ROOT / "babel.cfg") as config:
        method_map, options_map = parse_mapping_cfg(config)
    messages: dict[tuple[str, str | None], list[str]] = {}
    for filename, lineno, message, _comments, context in extract_from_dir(
            str(ROOT), method_map, options_map, keywords=makefile_keywords()):
        msgid = message[0] if isinstance(message, tuple) else message
        if msgid:
            messages.setdefault((msgid, context), []).append(f"{filename}:{lineno}")
    return messages


def catalog(locale: str):
    with open(TRANSLATIONS / locale / "LC_MESSAGES" / "messages.po", "rb") as po:
        return read_po(po, locale=locale)


def test_babel_cfg_covers_shared_and_services():
    with open(ROOT / "babel.cfg") as config:
        patterns = [pattern for pattern, _method in parse_mapping_cfg(config)[0]]
    for tree in ("shared", "services"):
        assert f"{tree}/**.py" in patterns
        assert any(p.startswith(tree) and p.endswith(".html") for p in patterns)


def test_the_extraction_finds_the_shared_layouts_strings():
    assert ("Skip to main content", None) in extracted()
    assert ("Learning environments", None) in extracted()  # lazy_gettext in navigation.py


@pytest.mark.parametrize("locale", sorted(REQUIRED))
def test_every_string_is_translated(locale):
    translations = catalog(locale)
    missing = []
    for (msgid, context), places in sorted(extracted().items()):
        message = translations.get(msgid, context=context)
        strings = () if message is None else (message.string if isinstance(message.string, tuple)
                                              else (message.string,))
        if message is None or message.fuzzy or not all(s and s.strip() for s in strings):
            missing.append(f"  {msgid!r}  ({', '.join(places[:3])})")
    assert not missing, (
        f"{len(missing)} string(s) without a {REQUIRED[locale]} translation. Run `make translations`, then "
        f"translate them in shared/translations/{locale}/LC_MESSAGES/messages.po (no fuzzy marks) "
        f"and run `make translations` again to compile:\n" + "\n".join(missing))


@pytest.mark.parametrize("locale", ["fi", "sv", "en"])
def test_placeholders_match(locale):
    problems = [f"  {message.id!r}: {'; '.join(str(e) for e in errors)}"
                for message, errors in catalog(locale).check()]
    assert not problems, f"{locale} translations whose placeholders differ from the original:\n" + "\n".join(problems)


def compiled(messages) -> dict:
    return {(m.id, m.context): m.string for m in messages if m.id}


@pytest.mark.parametrize("locale", sorted(p.name for p in TRANSLATIONS.iterdir() if (p / "LC_MESSAGES").is_dir()))
def test_the_committed_mo_is_compiled_from_the_po(locale):
    mo_path = TRANSLATIONS / locale / "LC_MESSAGES" / "messages.mo"
    assert mo_path.exists(), f"{mo_path} is missing: run `make translations`"
    fresh = io.BytesIO()
    write_mo(fresh, catalog(locale))
    fresh.seek(0)
    with open(mo_path, "rb") as committed:
        assert compiled(read_mo(committed)) == compiled(read_mo(fresh)), (
            f"{mo_path} is older than its .po: run `make translations`")
