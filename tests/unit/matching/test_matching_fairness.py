"""Fairness monitoring: rates per group, the four-fifths rule, small-cell suppression."""
from __future__ import annotations

import pytest

from services.matching.domain import GroupCounts, fairness_report


def test_rates_and_four_fifths_warning():
    report = fairness_report([GroupCounts("female", 200, 100, 40), GroupCounts("male", 180, 60, 30),
                              GroupCounts("other", 20, 9, 6)])
    rates = {g.group: g for g in report.groups}
    assert rates["female"].suggestion_rate == pytest.approx(0.5)
    assert rates["male"].suggestion_rate == pytest.approx(60 / 180)
    assert rates["male"].acceptance_rate == pytest.approx(0.5)
    warned = {(w.metric, w.group, w.compared_to) for w in report.warnings}
    assert ("suggestion_rate", "male", "female") in warned  # 0.333 < 0.8 * 0.5
    assert ("suggestion_rate", "other", "female") not in warned  # 0.45 >= 0.4
    assert ("acceptance_rate", "female", "other") in warned  # 0.4 < 0.8 * 0.667
    warning = next(w for w in report.warnings if w.group == "male" and w.metric == "suggestion_rate")
    assert warning.ratio == pytest.approx((60 / 180) / 0.5) and "four fifths" in warning.message


def test_no_warning_when_rates_are_close():
    report = fairness_report([GroupCounts("north", 100, 50, 20), GroupCounts("southeast", 120, 55, 21)])
    assert report.warnings == ()


def test_small_cells_are_suppressed():
    report = fairness_report([GroupCounts("a", 100, 40, 3), GroupCounts("b", 4, 2, 1), GroupCounts("c", 100, 50, 30)])
    rates = {g.group: g for g in report.groups}
    assert rates["a"].accepted is None and rates["a"].acceptance_rate is None  # 3 < 5
    assert rates["a"].suggested == 40 and rates["a"].suggestion_rate == pytest.approx(0.4)
    assert (rates["b"].population, rates["b"].suggested, rates["b"].accepted) == (None, None, None)
    assert rates["b"].suggestion_rate is None
    # group a's acceptance rate is judged, but the warning does not reveal the suppressed count
    warning = next(w for w in report.warnings if w.group == "a" and w.metric == "acceptance_rate")
    assert warning.ratio is None and "%" not in warning.message
    assert not any(w.group == "b" for w in report.warnings)  # too small to judge


def test_inconsistent_counts_are_refused():
    with pytest.raises(ValueError):
        fairness_report([GroupCounts("a", 10, 20, 5)])
