"""Every reference data file has one source on the data-sources page, with its credit and licence."""
from __future__ import annotations

from importlib.resources import files

from shared.reference.sources import SOURCES, in_language


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


def test_a_source_named_in_each_language_is_credited_in_the_reader_s_language():
    [statistics] = [s for s in SOURCES if "municipalities.csv" in s.files]
    assert [in_language(statistics.attribution, lang) for lang in ("fi", "sv", "en")] == [
        "Lähde: Tilastokeskus", "Källa: Statistikcentralen", "Source: Statistics Finland"]
    [esco] = [s for s in SOURCES if "esco_skills.csv.gz" in s.files]
    assert in_language(esco.attribution, "sv") == "ESCO v1.1.1, European Commission"
