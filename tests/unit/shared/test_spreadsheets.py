"""The OWASP rule against CSV injection, cell by cell."""
from __future__ import annotations

import pytest

from shared.spreadsheets import safe_cell, safe_row


@pytest.mark.parametrize("text", ["=1+1", "+1+1", "-1+1", "@SUM(A1)", "\t=1", "\r=1", "-", "+358 40 123",
                                  '=HYPERLINK("https://evil.example","x")', "-2-3"])
def test_formula_like_text_gets_a_leading_apostrophe(text):
    assert safe_cell(text) == "'" + text


@pytest.mark.parametrize("value", ["-3", "+4", "-1.5", "-1,5", "-12 %", "-12%", "-.5", "-1e3", -3, -1.5, 0,
                                   "Kyläkauppa", "<5", "–", "", None, True])
def test_numbers_and_ordinary_text_stay_as_they_are(value):
    assert safe_cell(value) == value


def test_a_row_is_made_safe_cell_by_cell():
    assert safe_row(["=A1", 7, "ok", "-2"]) == ["'=A1", 7, "ok", "-2"]
