"""Maintainer tool: derive the compact municipality, education-field and industry CSVs.

Run once when a classification changes, e.g. for a new year's municipalities:

    python -m shared.reference.build_classifications \\
        --municipalities path/to/municipality_key_2026.csv \\
        --koulutusala path/to/dir/with/koulutusala_{fi,sv,en}.json \\
        --toimiala path/to/dir/with/toimiala_{fi,sv,en}.json

Inputs are described in shared/reference/data/SOURCES.md. The product only reads the outputs.
"""

from __future__ import annotations

import argparse
import csv
import json
from collections.abc import Set as AbstractSet
from pathlib import Path

from shared.reference._common import LANGS, clean, pad_code

DATA_DIR = Path(__file__).parent / "data"

MUNICIPALITY_COLUMNS = [
    "code", "name_fi", "name_sv", "name_en",
    "subregion_code", "subregion_fi", "subregion_sv", "subregion_en",
    "region_code", "region_fi", "region_sv", "region_en",
]
CLASSIFICATION_COLUMNS = ["code", "level", "parent_code", "name_fi", "name_sv", "name_en"]


def _write(path: Path, columns: list[str], rows: list[dict]) -> None:
    """Write rows as a UTF-8 CSV with LF line ends."""
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    print(f"wrote {path} ({len(rows)} rows)")


def _padded(value: str, width: int) -> str:
    """Zero-pad a code read from the geofi key, failing loudly on anything odd."""
    code = pad_code(value, width)
    if code is None:
        raise ValueError(f"bad code {value!r}")
    return code


def build_municipalities(key_csv: Path) -> list[dict]:
    """Municipalities of one year from a geofi municipality_key_YYYY.csv (codes zero-padded)."""
    rows, years = [], set()
    with key_csv.open(encoding="utf-8", newline="") as f:
        for r in csv.DictReader(f):
            years.add(r["year"])
            rows.append({
                "code": _padded(r["kunta"], 3),
                **{f"name_{lang}": clean(r[f"municipality_name_{lang}"]) for lang in LANGS},
                "subregion_code": _padded(r["seutukunta_code"], 3),
                **{f"subregion_{lang}": clean(r[f"seutukunta_name_{lang}"]) for lang in LANGS},
                "region_code": _padded(r["maakunta_code"], 2),
                **{f"region_{lang}": clean(r[f"maakunta_name_{lang}"]) for lang in LANGS},
            })
    if len(years) != 1 or len({r["code"] for r in rows}) != len(rows):
        raise ValueError("expected one year and one row per municipality")
    return sorted(rows, key=lambda r: r["code"])


def build_classification(directory: Path, stem: str, skip_codes: AbstractSet[str] = frozenset()) -> list[dict]:
    """Flatten Statistics Finland classification API JSON ({stem}_{fi,sv,en}.json) into rows."""
    items = {lang: json.loads((directory / f"{stem}_{lang}.json").read_text(encoding="utf-8")) for lang in LANGS}
    rows = []
    for per_lang in zip(*(items[lang] for lang in LANGS)):
        code = per_lang[0]["code"]
        if {item["code"] for item in per_lang} != {code}:
            raise ValueError(f"language files out of step at {code}")
        if code in skip_codes:
            continue
        parent = per_lang[0]["parentCode"] or ""
        rows.append({
            "code": code,
            "level": int(per_lang[0]["level"]),
            "parent_code": "" if parent in skip_codes else parent,
            **{f"name_{lang}": clean(item["classificationItemNames"][0]["name"])
               for lang, item in zip(LANGS, per_lang)},
        })
    return rows


def main(argv: list[str] | None = None) -> None:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--municipalities", type=Path, help="geofi municipality_key_YYYY.csv")
    parser.add_argument("--koulutusala", type=Path, help="directory with koulutusala_{fi,sv,en}.json")
    parser.add_argument("--toimiala", type=Path, help="directory with toimiala_{fi,sv,en}.json")
    parser.add_argument("--out", type=Path, default=DATA_DIR)
    args = parser.parse_args(argv)
    if args.municipalities:
        _write(args.out / "municipalities.csv", MUNICIPALITY_COLUMNS, build_municipalities(args.municipalities))
    if args.koulutusala:
        rows = build_classification(args.koulutusala, "koulutusala", skip_codes={"SS"})
        _write(args.out / "education_fields.csv", CLASSIFICATION_COLUMNS, rows)
    if args.toimiala:
        rows = build_classification(args.toimiala, "toimiala", skip_codes={"SSSSS"})
        _write(args.out / "industries.csv", CLASSIFICATION_COLUMNS, rows)


if __name__ == "__main__":
    main()
