"""Fields of education (koulutusala 2016) and ISCED 2011 levels with ESF groupings."""

import pytest

from shared.reference import education as e


def test_field_lookup_in_three_languages():
    ict = e.get("06")
    assert ict.level == 1 and ict.parent_code is None
    assert ict.name("fi") == "Tietojenkäsittely ja tietoliikenne (ICT)"
    assert e.name("061", "en") == "Information and Communication Technologies (ICT)"
    assert e.get("061").parent_code == "06"
    assert e.name("07", "sv") and e.name("07", "sv") != e.name("07", "fi")


def test_levels_and_codes():
    assert len(e.all()) == 44  # 00-10 and 99, their narrow fields; not the statistics' total row SS
    assert len(e.all(level=1)) == 12 and len(e.all(level=2)) == 32
    assert all(len(f.code) == f.level + 1 for f in e.all())
    assert all(e.is_valid(f.parent_code) for f in e.all(level=2))


def test_broad_field_accepts_isced_f_codes():
    assert e.broad_field("0613").code == "06"
    assert e.broad_field("071").code == "07"
    assert e.broad_field("04") is e.get("04")
    for bad in ("0", "9", "0619x", "069", "12345", "ab"):
        with pytest.raises(KeyError):
            e.broad_field(bad)


@pytest.mark.parametrize("code", ["6", "061x", "000", "SS", "", None, 6])
def test_invalid_field_codes(code):
    assert not e.is_valid(code)
    with pytest.raises(KeyError):
        e.get(code)


def test_isced_levels():
    levels = e.isced_levels()
    assert [x.level for x in levels] == list(range(9))
    assert e.isced_name(6, "en") == "Bachelor's or equivalent level"
    assert e.isced_name(4, "fi") == "Erikoisammattikoulutusaste"
    assert all(x.name(lang) for x in levels for lang in ("fi", "sv", "en"))
    with pytest.raises(KeyError):
        e.isced_level(9)


def test_esf_groups():
    assert [g.levels for g in e.esf_groups()] == [(1, 2), (3, 4), (5, 6, 7, 8)]
    assert e.esf_group(2).key == "isced-1-2"
    assert e.esf_group(3) is e.esf_group(4)
    assert e.esf_group(8).key == "isced-5-8"
    assert e.esf_group(0) is None
    assert "ISCED 5–8" in e.esf_group(6).name("en")
