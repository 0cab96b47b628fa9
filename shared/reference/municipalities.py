"""Finnish municipalities of 2026 with sub-regions and regions, and the network's service areas."""

from __future__ import annotations

import builtins
import json
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType

from shared.reference._common import LANGS, check_lang, data_file, names, pad_code, read_csv

SERVICE_AREAS_ENV = "KAMPUS_SERVICE_AREAS_FILE"
_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


@dataclass(frozen=True)
class Municipality:
    """A municipality (kunta) with its sub-region (seutukunta) and region (maakunta)."""

    code: str
    names: Mapping[str, str] = field(hash=False)
    subregion_code: str
    subregion_names: Mapping[str, str] = field(hash=False)
    region_code: str
    region_names: Mapping[str, str] = field(hash=False)

    def name(self, lang: str = "fi") -> str:
        """Name of the municipality in fi, sv or en."""
        return self.names[check_lang(lang)]


@dataclass(frozen=True)
class ServiceArea:
    """A configurable set of municipalities served together (e.g. North Satakunta)."""

    slug: str
    names: Mapping[str, str] = field(hash=False)
    municipalities: tuple[str, ...]

    def name(self, lang: str = "fi") -> str:
        """Name of the service area in fi, sv or en."""
        return self.names[check_lang(lang)]


@lru_cache(maxsize=1)
def _table() -> Mapping[str, Municipality]:
    """All municipalities by zero-padded code, loaded once."""
    table = {}
    for row in read_csv("municipalities.csv"):
        table[row["code"]] = Municipality(
            code=row["code"],
            names=names(row),
            subregion_code=row["subregion_code"],
            subregion_names=names(row, "subregion_"),
            region_code=row["region_code"],
            region_names=names(row, "region_"),
        )
    return MappingProxyType(table)


def normalise_code(code: str | int) -> str | None:
    """Zero-pad a municipality code to 3 digits ("50" or 50 -> "050"); None if malformed."""
    return pad_code(code, 3)


def is_valid(code: str | int) -> bool:
    """True if code is a municipality of 2026 (zero-padding optional)."""
    return normalise_code(code) in _table()


def get(code: str | int) -> Municipality:
    """The municipality with this code; KeyError if there is none."""
    padded = normalise_code(code)
    if padded is None or padded not in _table():
        raise KeyError(f"unknown municipality code {code!r}")
    return _table()[padded]


def all() -> tuple[Municipality, ...]:  # noqa: A001 - module API mirrors the other reference modules
    """All municipalities ordered by code."""
    return tuple(_table().values())


def name(code: str | int, lang: str = "fi") -> str:
    """Name of a municipality in fi, sv or en."""
    return get(code).name(lang)


def in_subregion(subregion_code: str | int) -> tuple[Municipality, ...]:
    """Municipalities of a sub-region (seutukunta), e.g. "044"."""
    padded = pad_code(subregion_code, 3)
    return tuple(m for m in _table().values() if m.subregion_code == padded)


def in_region(region_code: str | int) -> tuple[Municipality, ...]:
    """Municipalities of a region (maakunta), e.g. "04" Satakunta."""
    padded = pad_code(region_code, 2)
    return tuple(m for m in _table().values() if m.region_code == padded)


def parse_service_areas(config: Mapping) -> Mapping[str, ServiceArea]:
    """Validate a service-area configuration and return ServiceArea objects by slug.

    Format: {"slug": {"names": {"fi": .., "sv": .., "en": ..}, "municipalities": ["214", ...]}}.
    Raises ValueError naming the first bad slug, name or municipality code.
    """
    if not isinstance(config, Mapping) or not config:
        raise ValueError("service areas must be a non-empty JSON object keyed by slug")
    areas = {}
    for slug, spec in config.items():
        if not isinstance(slug, str) or not _SLUG.match(slug):
            raise ValueError(f"bad service area slug {slug!r}: use lower-case letters, digits and hyphens")
        if not isinstance(spec, Mapping):
            raise ValueError(f"service area {slug!r} must be an object")
        area_names = spec.get("names")
        if not isinstance(area_names, Mapping):
            raise ValueError(f"service area {slug!r} has no names object")
        for lang in LANGS:
            if not isinstance(area_names.get(lang), str) or not area_names[lang].strip():
                raise ValueError(f"service area {slug!r} has no {lang} name")
        codes = spec.get("municipalities")
        if not isinstance(codes, list) or not codes:
            raise ValueError(f"service area {slug!r} needs a non-empty list of municipalities")
        padded: list[str] = []
        for code in codes:
            padded_code = normalise_code(code)
            if padded_code is None or not is_valid(code):
                raise ValueError(f"service area {slug!r}: unknown municipality code {code!r}")
            if padded_code not in padded:
                padded.append(padded_code)
        areas[slug] = ServiceArea(
            slug=slug,
            names=MappingProxyType({lang: area_names[lang].strip() for lang in LANGS}),
            municipalities=tuple(padded),
        )
    return MappingProxyType(areas)


@lru_cache(maxsize=1)
def _default_areas() -> Mapping[str, ServiceArea]:
    """The network's default service areas from data/service_areas.json."""
    return parse_service_areas(json.loads(data_file("service_areas.json").read_text(encoding="utf-8")))


@lru_cache(maxsize=8)
def _areas_from_file(path: str, mtime_ns: int) -> Mapping[str, ServiceArea]:
    """Service areas from a JSON file (cached per path and modification time)."""
    try:
        config = json.loads(Path(path).read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise ValueError(f"{SERVICE_AREAS_ENV} file {path} is not valid JSON: {exc}") from exc
    return parse_service_areas(config)


def service_areas(config_override: Mapping | None = None) -> Mapping[str, ServiceArea]:
    """Service areas by slug: config_override if given, else the file in $KAMPUS_SERVICE_AREAS_FILE, else defaults."""
    if config_override is not None:
        return parse_service_areas(config_override)
    path = os.environ.get(SERVICE_AREAS_ENV, "").strip()
    if path:
        return _areas_from_file(path, Path(path).stat().st_mtime_ns)
    return _default_areas()


def service_area_of(municipality_code: str | int, areas: Mapping | None = None) -> list[str]:
    """Slugs of the service areas that include a municipality ([] if none); KeyError for unknown codes.

    areas may be the result of service_areas() or a raw configuration mapping; None means service_areas().
    """
    code = get(municipality_code).code
    if areas is None:
        areas = service_areas()
    elif not builtins.all(isinstance(a, ServiceArea) for a in areas.values()):
        areas = parse_service_areas(areas)
    return [slug for slug, area in areas.items() if code in area.municipalities]

