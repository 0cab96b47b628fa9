"""Every reference data file has one source on the data-sources page, with its credit and licence."""
from __future__ import annotations

from importlib.resources import files

from shared.reference.sources import SOURCES


def test_every_data_file_is_credited_once_and_every_credited_file_exists():
    data = {p.name for p in files("shared.reference").joinpath("data").iterdir()} - {"SOURCES.md", "__pycache__"}
    credited = [name for source in SOURCES for name in source.files]
    assert sorted(credited) == sorted(data), "a file is missing from shared/reference/sources.py, or listed twice"


def test_each_source_names_its_credit_licence_and_use():
    for source in SOURCES:
        assert source.attribution and source.licence and source.use
        assert source.licence_url.startswith("https://")


def test_the_developers_notes_name_the_same_licence_for_each_source():
    notes = files("shared.reference").joinpath("data/SOURCES.md").read_text(encoding="utf-8")
    for source in SOURCES:
        for name in source.files:
            assert f"`{name}`" in notes, f"{name} is not described in SOURCES.md"
    for licence in ("CC BY 4.0", "CC BY-SA 3.0", "2011/833/EU", "EUPL-1.2"):
        assert licence in notes and any(licence in s.licence for s in SOURCES)
