"""Helpers shared by the reference-data modules: languages, data files, code lookups."""

from __future__ import annotations

import csv
import gzip
import io
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from importlib import resources
from types import MappingProxyType
from typing import TypeVar

LANGS: tuple[str, ...] = ("fi", "sv", "en")

_SPACES = re.compile(r"\s+")


def check_lang(lang: str) -> str:
    """Return lang if it is one of fi/sv/en, else raise ValueError."""
    if lang not in LANGS:
        raise ValueError(f"unsupported language {lang!r}; expected one of {', '.join(LANGS)}")
    return lang


def clean(text: str | None) -> str:
    """Collapse runs of whitespace and strip the ends."""
    return _SPACES.sub(" ", text or "").strip()


def names(row: Mapping[str, str], prefix: str = "name_") -> Mapping[str, str]:
    """Read a read-only {fi, sv, en} mapping from columns prefix+lang of a row."""
    return MappingProxyType({lang: row[prefix + lang] for lang in LANGS})


def data_file(name: str):
    """Return a Traversable for a file in shared/reference/data/."""
    return resources.files(__package__).joinpath("data", name)


def read_csv(name: str) -> Iterator[dict[str, str]]:
    """Yield the rows of a UTF-8 CSV data file (gzip'd if its name ends with .gz)."""
    raw = data_file(name).read_bytes()
    if name.endswith(".gz"):
        raw = gzip.decompress(raw)
    yield from csv.DictReader(io.StringIO(raw.decode("utf-8"), newline=""))


def pad_code(code: str | int, width: int) -> str | None:
    """Zero-pad a numeric code to width digits; None if it is not 1..width digits."""
    if isinstance(code, bool):
        return None
    if isinstance(code, int):
        code = str(code)
    if not isinstance(code, str):
        return None
    code = code.strip()
    if not (code.isascii() and code.isdigit() and 0 < len(code) <= width):
        return None
    return code.zfill(width)


@dataclass(frozen=True)
class ClassItem:
    """An item of a two-level classification: level 1 at the top, level 2 under its parent_code."""

    code: str
    level: int
    parent_code: str | None
    names: Mapping[str, str] = field(hash=False)

    def name(self, lang: str = "fi") -> str:
        """Name in fi, sv or en."""
        return self.names[check_lang(lang)]


Item = TypeVar("Item", bound=ClassItem)


def read_classification(name: str, item: type[Item]) -> Mapping[str, Item]:
    """The items of a classification data file (code, level, parent_code, name_*) by code, in file order."""
    return MappingProxyType({row["code"]: item(row["code"], int(row["level"]), row["parent_code"] or None, names(row))
                             for row in read_csv(name)})
