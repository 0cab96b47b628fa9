"""Personal path rules: goal targets, what a student may change, and the history of a step (plain Python)."""
from __future__ import annotations

from datetime import date

import pytest

from services.intake.domain import path as rules

OCCUPATION = "http://data.europa.eu/esco/occupation/welder"


def check(kind, code):
    return rules.check_goal(kind, code, is_occupation=lambda uri: uri == OCCUPATION,
                            is_field_of_education=lambda c: c in ("07", "071"))


def test_a_goal_may_name_an_occupation_or_a_field_of_education_or_nothing():
    assert check("work", OCCUPATION) == {}
    assert check("education", "071") == {}
    assert check("other", None) == check("work", None) == check("education", "") == {}


@pytest.mark.parametrize("kind, code", [("work", "071"), ("education", OCCUPATION), ("other", "071"),
                                        ("work", "http://example.org/not-esco")])
def test_a_target_that_does_not_fit_the_goal_is_refused(kind, code):
    assert list(check(kind, code)) == ["target_code"]


@pytest.mark.parametrize("step, changes, allowed", [
    ({"owner": "client", "status": "planned"}, {"status": "done"}, True),
    ({"owner": "client", "status": "in_progress"}, {"status": "done"}, True),
    ({"owner": "manager", "status": "planned"}, {"status": "done"}, False),
    ({"owner": "client", "status": "cancelled"}, {"status": "done"}, False),
    ({"owner": "client", "status": "planned"}, {"status": "cancelled"}, False),
    ({"owner": "client", "status": "planned"}, {"status": "done", "title": "Other"}, False),
    ({"owner": "client", "status": "planned"}, {"due_date": date(2026, 5, 1)}, False),
])
def test_a_student_may_only_mark_their_own_open_step_done(step, changes, allowed):
    assert rules.student_may_change(step, changes) is allowed


def test_a_change_records_old_and_new_values_of_what_changed_only():
    old = {"kind": "course", "title": "Hitsauskurssi", "owner": "client", "due_date": date(2026, 4, 1),
           "status": "planned", "goal_id": None}
    new = {"title": "Hitsauskurssi", "due_date": date(2026, 5, 15), "status": "in_progress"}
    assert rules.changes_of(old, new) == {"due_date": ["2026-04-01", "2026-05-15"],
                                          "status": ["planned", "in_progress"]}
    assert rules.changes_of(old, {"status": "planned"}) == {}


def test_a_new_step_is_recorded_from_nothing():
    step = {"goal_id": None, "kind": "visit_company", "title": "Käynti", "owner": "client",
            "due_date": date(2026, 2, 3), "status": "planned"}
    assert rules.created(step) == {"kind": [None, "visit_company"], "title": [None, "Käynti"],
                                   "owner": [None, "client"], "due_date": [None, "2026-02-03"],
                                   "status": [None, "planned"]}


def test_progress_leaves_cancelled_steps_out():
    steps = [{"status": s} for s in ("done", "done", "planned", "in_progress", "cancelled")]
    assert rules.progress(steps) == (2, 4)
    assert rules.progress([]) == (0, 0)
