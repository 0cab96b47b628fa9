"""Industry classification TOL 2008."""

import pytest

from shared.reference import industries as i


def test_sections_and_divisions():
    assert i.name("C", "fi") == "Teollisuus"
    assert i.name("C", "sv") == "Tillverkning"
    assert i.name("62", "en").startswith("Computer programming")
    assert i.get("62").parent_code == "J" and i.section("62").code == "J"
    assert i.get("c") is i.get("C")
    assert len(i.all(level=1)) == 22 and len(i.all(level=2)) == 89


@pytest.mark.parametrize("code", ["SSSSS", "Z", "620", "4", "", None])
def test_invalid_industry_codes(code):
    assert not i.is_valid(code)
    with pytest.raises(KeyError):
        i.get(code)
