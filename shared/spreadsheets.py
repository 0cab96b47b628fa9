"""Cells for CSV and Excel files that a spreadsheet shows as text and never runs as a formula.

OWASP's rule against CSV injection: text that starts with =, +, -, @, a tab or a carriage return gets a
leading apostrophe, so that a label such as an environment named `=HYPERLINK(...)` cannot become a live
formula. Numbers stay numbers: a negative count or "-12 %" is written as it is.
"""
from __future__ import annotations

import re
from collections.abc import Iterable

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[+-]?(\d+([.,]\d+)?|[.,]\d+)([eE][+-]?\d+)?( ?%)?")


def safe_cell(value):
    """The value as a spreadsheet cell: formula-like text neutralised, anything else unchanged."""
    if not isinstance(value, str) or not value.startswith(FORMULA_STARTS) or _NUMBER.fullmatch(value):
        return value
    return "'" + value


def safe_row(values: Iterable) -> list:
    """A row of cells, each made safe."""
    return [safe_cell(value) for value in values]
