"""Kaplan–Meier against a curve worked out by hand."""
from __future__ import annotations

import pytest

from services.reporting.domain.survival import Step, at_risk_at, disclosive, kaplan_meier, median, sampled, survival_at


def test_a_hand_worked_curve():
    # Six persons: transitions after 2, 4, 4 and 8 months; still on their way when last seen at 3 and 6.
    # t=2: 6 at risk, 1 event -> S = 5/6;  t=3: one censored;  t=4: 4 at risk, 2 events -> S = 5/6 * 2/4 = 5/12;
    # t=6: one censored;  t=8: 1 at risk, 1 event -> S = 0.
    steps = kaplan_meier([(2, True, 1), (3, False, 1), (4, True, 2), (6, False, 1), (8, True, 1)])
    assert [(s.time, s.at_risk, s.events, s.censored) for s in steps] == [
        (2, 6, 1, 0), (3, 5, 0, 1), (4, 4, 2, 0), (6, 2, 0, 1), (8, 1, 1, 0)]
    assert [s.survival for s in steps] == pytest.approx([5 / 6, 5 / 6, 5 / 12, 5 / 12, 0.0])
    assert median(steps) == 4
    assert survival_at(steps, 1) == 1.0 and survival_at(steps, 5) == pytest.approx(5 / 12)
    assert at_risk_at(steps, 5) == 2


def test_an_event_and_a_censoring_at_the_same_time_count_the_censored_as_at_risk():
    steps = kaplan_meier([(5, True, 1), (5, False, 1), (9, True, 1)])
    assert steps[0] == Step(5, 3, 1, 1, pytest.approx(2 / 3))
    assert steps[1].at_risk == 1 and steps[1].survival == 0.0


def test_no_median_while_more_than_half_are_on_their_way():
    assert median(kaplan_meier([(3, True, 1), (10, False, 5)])) is None
    assert kaplan_meier([]) == []


def test_the_curve_is_sampled_only_where_it_gives_no_small_count_away():
    steps = kaplan_meier([(10, True, 2), (40, True, 5), (70, False, 5), (100, True, 8)])
    points = sampled(steps, 30, 120)
    # Day 30: two transitions so far (1-4) would show; from day 60 on there are seven; after 100 nobody is left.
    assert [p.day for p in points] == [0, 60, 90]
    assert disclosive(steps, 30) and not disclosive(steps, 60)
    assert points[1].survival == pytest.approx(13 / 20)


def test_a_negative_time_is_an_error():
    with pytest.raises(ValueError):
        kaplan_meier([(-1, True, 1)])
