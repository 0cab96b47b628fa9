"""A service's name in the catalogue must say something (issue 17, item 8)."""
from __future__ import annotations

import pytest

from services.intake.domain.catalogue import name_problem


@pytest.mark.parametrize("name", [None, "", "   ", "\t\n", "Ab", " a  ", "123", "2026", "!!!", "-- ..", "#1 !",
                                  "xxxx", "X x X", "ÄÄÄÄ"])
def test_empty_short_or_junk_names_are_refused(name):
    assert name_problem(name) is not None


@pytest.mark.parametrize("name", ["Ohjaus", "Työpaja 2", "Nuorten työpaja", "ICT", "Ura", "Åbo-kurs", "TE24 ry"])
def test_names_in_words_pass(name):
    assert name_problem(name) is None


def test_the_reason_says_what_is_wrong():
    assert "three" in name_problem("Ab")
    assert "digits" in name_problem("1234")
    assert "over and over" in name_problem("zzzz")
