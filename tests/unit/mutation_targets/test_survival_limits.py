"""The survival curve at its limits: an event on a sampled day, exactly 5 and exactly 1 at risk or so far,
a transition on day 0 (issue 22)."""
from __future__ import annotations

import pytest

from services.reporting.domain.survival import (
    Point,
    Step,
    at_risk_at,
    disclosive,
    kaplan_meier,
    median,
    sampled,
    so_far,
    survival_at,
)


def test_a_transition_on_day_0_is_a_step_of_the_curve():
    steps = kaplan_meier([(0, True, 5), (10, True, 5), (20, False, 10)])
    assert steps[0] == Step(0, 20, 5, 0, 0.75)
    assert survival_at(steps, 0) == 0.75 and at_risk_at(steps, 0) == 20
    assert sampled(steps, 10, 20) == [Point(0, 20, 0.75), Point(10, 15, 0.5), Point(20, 10, 0.5)]


def test_counts_of_zero_or_less_are_ignored():
    assert kaplan_meier([(3, True, 0), (4, True, -2), (5, False, 0)]) == []
    assert kaplan_meier([(3, True, 0), (6, True, 1)]) == [Step(6, 1, 1, 0, 0.0)]


def test_events_at_the_same_time_add_up_and_censorings_too():
    steps = kaplan_meier([(4, True, 2), (4, True, 3), (4, False, 1), (4, False, 4), (9, False, 10)])
    assert steps[0] == Step(4, 20, 5, 5, 0.75)
    assert steps[1] == Step(9, 10, 0, 10, 0.75)


def test_an_event_on_a_sampled_day_is_in_the_value_of_that_day():
    steps = kaplan_meier([(30, True, 5), (90, False, 15)])
    assert so_far(steps, 30) == (5, 0)
    assert survival_at(steps, 29) == 1.0 and survival_at(steps, 30) == 0.75 and survival_at(steps, 31) == 0.75
    assert [(p.day, p.at_risk, p.survival) for p in sampled(steps, 30, 90)] == [
        (0, 20, 1.0), (30, 20, 0.75), (60, 15, 0.75), (90, 15, 0.75)]


def test_a_censoring_on_a_sampled_day_counts_only_after_it():
    steps = kaplan_meier([(30, False, 3), (60, True, 6), (90, False, 10)])
    assert so_far(steps, 30) == (0, 0) and so_far(steps, 31) == (0, 3)
    assert not disclosive(steps, 30) and disclosive(steps, 31)


def test_exactly_one_transition_so_far_is_disclosive_and_exactly_five_is_not():
    one = kaplan_meier([(10, True, 1), (100, False, 20)])
    assert so_far(one, 10) == (1, 0) and disclosive(one, 10)
    assert [p.day for p in sampled(one, 10, 30)] == [0]
    four = kaplan_meier([(10, True, 4), (100, False, 20)])
    assert disclosive(four, 10)
    five = kaplan_meier([(10, True, 5), (100, False, 20)])
    assert not disclosive(five, 10)
    assert [p.day for p in sampled(five, 10, 30)] == [0, 10, 20, 30]


def test_exactly_one_or_four_censorings_so_far_are_disclosive_and_five_are_not():
    for censored, expected in ((1, True), (4, True), (5, False)):
        steps = kaplan_meier([(10, False, censored), (100, False, 20)])
        assert disclosive(steps, 11) is expected, censored


def test_exactly_five_at_risk_is_shown_and_four_is_not():
    steps = kaplan_meier([(10, True, 5), (20, True, 5), (30, False, 1), (40, False, 4)])
    assert at_risk_at(steps, 30) == 5 and at_risk_at(steps, 31) == 4
    assert not disclosive(steps, 30) and disclosive(steps, 31)
    assert [p.day for p in sampled(steps, 10, 50)] == [0, 10, 20, 30]
    assert [p.day for p in sampled(steps, 31, 62)] == [0]  # day 31: 4 at risk, the curve stops there


def test_exactly_one_at_risk():
    steps = kaplan_meier([(5, True, 6), (8, False, 1)])
    assert at_risk_at(steps, 8) == 1 and at_risk_at(steps, 9) == 0 and at_risk_at(steps, 6) == 1
    assert disclosive(steps, 8)
    assert sampled(steps, 8, 8) == [Point(0, 7, 1.0)]


def test_nobody_at_risk_before_any_step_after_the_last():
    assert at_risk_at([], 0) == 0 and survival_at([], 5) == 1.0 and sampled([], 10, 100) == []


def test_the_median_is_the_first_event_at_or_below_one_half():
    half = kaplan_meier([(3, True, 5), (7, True, 5)])
    assert half[0].survival == 0.5 and median(half) == 3
    censored_below = [Step(2, 10, 0, 6, 0.4), Step(4, 4, 2, 0, 0.2)]
    assert median(censored_below) == 4  # a censoring alone is no median
    assert median(kaplan_meier([(3, True, 4), (7, False, 6)])) is None
    assert median([Step(1, 10, 1, 0, 0.5 + 1e-13)]) == 1 and median([Step(1, 10, 1, 0, 0.5 + 1e-9)]) is None
    assert median([Step(1, 10, 1, 0, 0.5 + 1e-12)]) == 1  # the tolerance itself is still "at one half"


def test_sampling_runs_until_the_last_day_inclusive():
    steps = kaplan_meier([(100, False, 20)])
    assert [p.day for p in sampled(steps, 25, 100)] == [0, 25, 50, 75, 100]
    assert [p.day for p in sampled(steps, 25, 99)] == [0, 25, 50, 75]


@pytest.mark.parametrize("time", [-1, -30])
def test_negative_times_are_errors(time):
    with pytest.raises(ValueError, match=r"^a time to transition cannot be negative$"):
        kaplan_meier([(time, False, 1)])
