"""A proof of suppression is kept by its whole input: the same table is not proved again, and a caller's
sets are its own (issue 15, item 11)."""
from __future__ import annotations

from services.reporting.domain import bounds
from services.reporting.domain.suppression import Line


def table():
    # Two rows of 3 and 6 with a total of 9: the 3 is hidden, so the 6 must be hidden too.
    values = {("a", "n"): 3, ("b", "n"): 6, ("total", "n"): 9}
    return values, [Line((("a", "n"), ("b", "n")), ("total", "n"))], {("a", "n")}


def test_the_same_table_is_proved_once_and_answered_alike(monkeypatch):
    bounds.forget_proofs()
    calls = []
    real = bounds._secure
    monkeypatch.setattr(bounds, "_secure", lambda *args: calls.append(1) or real(*args))
    first = bounds.secure(*table())
    assert first.hidden == {("a", "n"), ("b", "n")}
    first.hidden.add(("total", "n"))  # the caller's own set
    second = bounds.secure(*table())
    assert second.hidden == {("a", "n"), ("b", "n")} and len(calls) == 1
    values, lines, hidden = table()
    values[("b", "n")], values[("total", "n")] = 7, 10  # another table: proved anew
    assert bounds.secure(values, lines, hidden).hidden == {("a", "n"), ("b", "n")} and len(calls) == 2
