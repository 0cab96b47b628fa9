"""Every string of shared/ and services/ has a Finnish and a Swedish translation, compiled.

The strings are extracted now, from the code as it is, the way `make translations` does it
(babel.cfg and the Makefile's keywords), so a string added anywhere later fails here until translated.
A string used in shared/ needs the shared catalog; one used in a service's tree may be translated in
the shared catalog or in that service's own (the app merges both).
"""
from __future__ import annotations

import io
import re
from functools import cache, lru_cache
from pathlib import Path

import pytest
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_keywords, parse_mapping_cfg
from babel.messages.mofile import read_mo, write_mo
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[3]
TRANSLATIONS = ROOT / "shared" / "translations"
REQUIRED = {"fi": "Finnish", "sv": "Swedish"}
CATALOG_DIRS = {"shared": TRANSLATIONS,
                **{p.parent.name: p for p in sorted((ROOT / "services").glob("*/translations"))}}


def makefile_keywords() -> dict:
    """The -k options of the Makefile's `pybabel extract`, added to babel's defaults."""
    recipe = re.search(r"^translations:.*?(?=^\S|\Z)", (ROOT / "Makefile").read_text(), re.M | re.S)
    assert recipe, "the Makefile has no translations target"
    extra = re.findall(r"-k\s+(\S+)", recipe.group(0))
    assert "lazy_gettext" in extra
    return {**DEFAULT_KEYWORDS, **parse_keywords(extra)}


def scope_of(path: str) -> str:
    """'shared', or the name of the service whose tree holds the file.

    A service's `__init__.py` counts as shared: its navigation entries are shown by every app of the
    network, which all load the shared catalog (the Makefile extracts them into it).
    """
    parts = Path(path).parts
    if parts[0] == "services" and len(parts) == 3 and parts[2] == "__init__.py":
        return "shared"
    return parts[1] if parts[0] == "services" and len(parts) > 1 else "shared"


@lru_cache(maxsize=1)
def extracted() -> dict[tuple[str, str | None], list[str]]:
    """(msgid, context) -> where it is used, for every translatable string under shared/ and services/."""
    with open(ROOT / "babel.cfg") as config:
        method_map, options_map = parse_mapping_cfg(config)
    messages: dict[tuple[str, str | None], list[str]] = {}
    for tree in ("shared", "services"):
        for filename, lineno, message, _comments, context in extract_from_dir(
                str(ROOT / tree), method_map, options_map, keywords=makefile_keywords()):
            msgid = message[0] if isinstance(message, tuple) else message
            if msgid:
                messages.setdefault((msgid, context), []).append(f"{tree}/{filename}:{lineno}")
    return messages


@cache
def catalog(locale: str, scope: str = "shared"):
    path = CATALOG_DIRS[scope] / locale / "LC_MESSAGES" / "messages.po"
    if not path.exists():
        return None
    with open(path, "rb") as po:
        return read_po(po, locale=locale)


def translated(locale: str, scope: str, msgid: str, context) -> bool:
    for where in ("shared", scope) if scope != "shared" else ("shared",):
        found = catalog(locale, where) if where in CATALOG_DIRS else None
        message = found.get(msgid, context=context) if found is not None else None
        if message is None or message.fuzzy:
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if all(s and s.strip() for s in strings):
            return True
    return False


def test_babel_cfg_covers_python_and_templates():
    with open(ROOT / "babel.cfg") as config:
        patterns = [pattern for pattern, _method in parse_mapping_cfg(config)[0]]
    assert "**.py" in patterns
    assert any(p.endswith("templates/**.html") for p in patterns)


# The two tests below extract every string of shared/ and services/ with Babel (seconds): `make test` runs them.
@pytest.mark.slow
def test_the_extraction_finds_the_shared_layouts_strings():
    assert ("Skip to main content", None) in extracted()
    assert ("Learning environments", None) in extracted()  # lazy_gettext in services/environments/__init__.py


@pytest.mark.slow
@pytest.mark.parametrize("locale", sorted(REQUIRED))
def test_every_string_is_translated(locale):
    missing = []
    for (msgid, context), places in sorted(extracted().items(), key=lambda item: (item[0][0], item[0][1] or "")):
        for scope in sorted({scope_of(place) for place in places}):
            if not translated(locale, scope, msgid, context):
                where = "shared/translations" if scope == "shared" else f"services/{scope}/translations"
                missing.append(f"  {msgid!r} in {where}  ({', '.join(places[:3])})")
    assert not missing, (
        f"{len(missing)} string(s) without a {REQUIRED[locale]} translation. Run `make translations`, then "
        f"translate them in <catalog>/{locale}/LC_MESSAGES/messages.po (no fuzzy marks) "
        f"and run `make translations` again to compile:\n" + "\n".join(missing))


@pytest.mark.parametrize("scope", sorted(CATALOG_DIRS))
@pytest.mark.parametrize("locale", ["fi", "sv", "en"])
def test_placeholders_match(locale, scope):
    found = catalog(locale, scope)
    problems = [] if found is None else [f"  {message.id!r}: {'; '.join(str(e) for e in errors)}"
                                        for message, errors in found.check()]
    assert not problems, f"{locale} translations whose placeholders differ from the original:\n" + "\n".join(problems)


def _frozen(value):
    return tuple(value) if isinstance(value, list) else value  # a plural's forms come as a list


def compiled(messages) -> dict:
    return {(_frozen(m.id), m.context): _frozen(m.string) for m in messages if m.id}


@pytest.mark.parametrize("po_path", sorted(str(p.relative_to(ROOT)) for d in CATALOG_DIRS.values()
                                            for p in d.glob("*/LC_MESSAGES/messages.po")))
def test_the_committed_mo_is_compiled_from_the_po(po_path):
    path = ROOT / po_path
    mo_path = path.with_suffix(".mo")
    assert mo_path.exists(), f"{mo_path} is missing: run `make translations`"
    with open(path, "rb") as po:
        source = read_po(po, locale=path.parent.parent.name)
    fresh = io.BytesIO()
    write_mo(fresh, source)
    fresh.seek(0)
    with open(mo_path, "rb") as committed:
        assert compiled(read_mo(committed)) == compiled(read_mo(fresh)), (
            f"{mo_path} is older than its .po: run `make translations`")
