"""Municipalities of 2026, sub-regions, regions and the network's service areas."""

import json

import pytest

from shared.reference import municipalities as m


def test_lookup_pads_codes_and_names_in_three_languages():
    pori = m.get("609")
    assert (pori.name("fi"), pori.name("sv"), pori.name("en")) == ("Pori", "Björneborg", "Pori")
    assert pori.subregion_code == "043" and pori.region_code == "04"
    assert m.get(50).code == "050" and m.get("50").name() == "Eura"
    assert m.get("050") is m.get(50)
    assert m.name("091", "sv") == "Helsingfors"


def test_kankaanpaa_is_in_north_satakunta_subregion():
    kankaanpaa = m.get("214")
    assert kankaanpaa.name() == "Kankaanpää"
    assert kankaanpaa.subregion_code == "044"
    assert kankaanpaa.subregion_names["fi"] == "Pohjois-Satakunta"
    assert kankaanpaa.subregion_names["sv"] == "Norra Satakunta"
    assert kankaanpaa.region_names["fi"] == "Satakunta"


def test_all_municipalities_of_2026():
    everything = m.all()
    assert len(everything) == 308
    assert all(len(x.code) == 3 and x.code.isdigit() for x in everything)
    assert all(len(x.region_code) == 2 and len(x.subregion_code) == 3 for x in everything)
    assert [x.code for x in everything] == sorted(x.code for x in everything)
    assert {x.region_code for x in everything} >= {"01", "04", "21"}
    assert all(x.names[lang] == x.names[lang].strip() for x in everything for lang in ("fi", "sv", "en"))


def test_satakunta_subregions_from_data():
    assert [x.name() for x in m.in_subregion("044")] == ["Jämijärvi", "Kankaanpää", "Karvia", "Siikainen"]
    assert len(m.in_region(4)) == 16
    assert m.get("783").subregion_code == "041"  # Säkylä is in the Rauma sub-region


@pytest.mark.parametrize("code", ["", "0", "999", "1234", "abc", "099", "319", None, 3.0, True, "-50"])
def test_invalid_codes(code):
    assert not m.is_valid(code)
    with pytest.raises(KeyError):
        m.get(code)


def test_name_rejects_unknown_language():
    with pytest.raises(ValueError):
        m.name("609", "de")


def test_default_service_areas(monkeypatch):
    monkeypatch.delenv(m.SERVICE_AREAS_ENV, raising=False)
    areas = m.service_areas()
    assert list(areas) == ["pohjois-satakunta", "kaakkois-satakunta"]
    north = areas["pohjois-satakunta"]
    assert set(north.municipalities) == {x.code for x in m.in_subregion("044")}
    assert north.name("sv") == "Norra Satakunta" and north.name("en") == "North Satakunta"
    southeast = areas["kaakkois-satakunta"]
    assert set(southeast.municipalities) == {"079", "102", "271", "783"}
    assert southeast.name("en") == "Southeast Satakunta"
    assert m.service_area_of("214") == ["pohjois-satakunta"]
    assert m.service_area_of(102) == ["kaakkois-satakunta"]
    assert m.service_area_of("609") == []


def test_service_area_override_and_env_file(tmp_path, monkeypatch):
    config = {
        "pori": {"names": {"fi": "Pori", "sv": "Björneborg", "en": "Pori"}, "municipalities": ["609", 79]},
        "satakunta-pohjoinen": {"names": {"fi": "P", "sv": "N", "en": "N"}, "municipalities": ["214"]},
    }
    areas = m.service_areas(config)
    assert areas["pori"].municipalities == ("609", "079")
    assert m.service_area_of("079", areas) == ["pori"]
    assert m.service_area_of("214", config) == ["satakunta-pohjoinen"]

    path = tmp_path / "areas.json"
    path.write_text(json.dumps(config), encoding="utf-8")
    monkeypatch.setenv(m.SERVICE_AREAS_ENV, str(path))
    assert list(m.service_areas()) == ["pori", "satakunta-pohjoinen"]
    assert m.service_area_of("609") == ["pori"]


@pytest.mark.parametrize(
    ("config", "message"),
    [
        ({"a": {"names": {"fi": "A", "sv": "A", "en": "A"}, "municipalities": ["214", "319"]}}, "'319'"),
        ({"a": {"names": {"fi": "A", "sv": "A", "en": "A"}, "municipalities": ["609", "99x"]}}, "'99x'"),
        ({"a": {"names": {"fi": "A", "sv": "A"}, "municipalities": ["609"]}}, "en name"),
        ({"a": {"names": {"fi": "A", "sv": "A", "en": "A"}, "municipalities": []}}, "non-empty"),
        ({"Bad Slug": {"names": {"fi": "A", "sv": "A", "en": "A"}, "municipalities": ["609"]}}, "slug"),
        ({}, "non-empty"),
    ],
)
def test_bad_service_area_config(config, message):
    with pytest.raises(ValueError, match=message):
        m.service_areas(config)


def test_bad_code_in_env_file_is_named(tmp_path, monkeypatch):
    path = tmp_path / "areas.json"
    path.write_text(json.dumps({"x": {"names": {"fi": "X", "sv": "X", "en": "X"}, "municipalities": ["000"]}}))
    monkeypatch.setenv(m.SERVICE_AREAS_ENV, str(path))
    with pytest.raises(ValueError, match="'000'"):
        m.service_areas()


def test_service_area_of_unknown_municipality():
    with pytest.raises(KeyError):
        m.service_area_of("999")
