"""Check the translation catalogs: every Finnish and Swedish entry present, not fuzzy, with all its plural forms.

A catalog directory (shared/translations, services/<name>/translations) holds <lang>/LC_MESSAGES/messages.po.
Its English catalog (updated from the extracted strings with the others) lists the entries; the Finnish and Swedish
catalog must have each of them translated: a non-empty string, no fuzzy mark, and for a plural entry as many
non-empty forms as the catalog's Plural-Forms header declares. `make translations` runs this after compiling:

    python -m shared.catalog_check [catalog directory ...]
"""
from __future__ import annotations

import sys
from collections.abc import Iterable
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parent.parent
REQUIRED = ("fi", "sv")


def directories(root: Path = ROOT) -> list[Path]:
    """The shared catalog directory and every service's."""
    return [root / "shared" / "translations", *sorted((root / "services").glob("*/translations"))]


def _read(path: Path, locale: str | None = None) -> Catalog | None:
    if not path.exists():
        return None
    with open(path, "rb") as po:
        return read_po(po, locale=locale)


def _key(message: Message) -> tuple:
    msgid = message.id[0] if isinstance(message.id, (list, tuple)) else message.id
    return msgid, message.context


def _entries(directory: Path) -> dict[tuple, Message]:
    """Every entry of the directory's English catalog, by (msgid, context)."""
    catalog = _read(directory / "en" / "LC_MESSAGES" / "messages.po", "en")
    return {_key(message): message for message in catalog or () if message.id}


def problems_in(directory: Path, locales: Iterable[str] = REQUIRED) -> list[str]:
    """What is missing, fuzzy or short of plural forms in the directory's catalogs of `locales`."""
    wanted = _entries(directory)
    found: list[str] = []
    for locale in locales:
        path = directory / locale / "LC_MESSAGES" / "messages.po"
        catalog = _read(path, locale)
        if catalog is None:
            found.append(f"{path}: missing")
            continue
        forms = catalog.num_plurals
        have = {_key(m): m for m in catalog if m.id}
        for key, source in wanted.items():
            message = have.get(key)
            where = f"{path}: {key[0]!r}" + (f" (context {key[1]!r})" if key[1] else "")
            if message is None:
                found.append(f"{where}: not in the catalog")
                continue
            if message.fuzzy:
                found.append(f"{where}: fuzzy")
            plural = isinstance(source.id, (list, tuple)) or isinstance(message.id, (list, tuple))
            strings = message.string if isinstance(message.string, (list, tuple)) else (message.string,)
            if plural and (not isinstance(message.id, (list, tuple)) or len(strings) != forms):
                found.append(f"{where}: {len(strings)} plural form(s), the header declares {forms}")
            elif not all(s and s.strip() for s in strings):
                found.append(f"{where}: not translated")
    return found


def problems(paths: Iterable[Path] | None = None) -> list[str]:
    return [p for directory in (paths or directories()) for p in problems_in(Path(directory))]


def main(argv: list[str]) -> int:
    found = problems([Path(a) for a in argv] or None)
    for line in found:
        print(line, file=sys.stderr)
    if found:
        print(f"{len(found)} problem(s) in the fi/sv catalogs", file=sys.stderr)
    return 1 if found else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
