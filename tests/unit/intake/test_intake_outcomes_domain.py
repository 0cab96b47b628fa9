"""What fits together in an outcome: forms of work, hidden jobs, fields of education, dates."""
from __future__ import annotations

from datetime import date

from services.intake.domain.outcomes import Outcome, outcome_problems

KNOWN_FIELD = {"0714", "07"}.__contains__
DAY = date(2026, 3, 1)


def problems(**values):
    return outcome_problems(Outcome(**{"kind": "work", "started_on": DAY, "work_form": "part_time", **values}),
                            KNOWN_FIELD)


def test_a_part_time_hidden_job_is_fine():
    assert problems(hidden_job=True) == {}


def test_work_needs_a_form_of_work_and_only_jobs_have_one():
    assert list(problems(work_form=None)) == ["work_form"]
    assert list(problems(kind="education", work_form="part_time")) == ["work_form"]
    assert list(problems(work_form="forever")) == ["work_form"]


def test_only_a_job_can_be_hidden():
    assert list(problems(kind="other", work_form=None, hidden_job=True)) == ["hidden_job"]
    assert problems(kind="apprenticeship", work_form=None, hidden_job=True) == {}


def test_education_has_a_known_field_and_may_lead_to_a_qualification():
    assert problems(kind="education", work_form=None, field_of_education="0714", qualification=True) == {}
    assert list(problems(kind="education", work_form=None, field_of_education="9999")) == ["field_of_education"]
    assert list(problems(field_of_education="0714")) == ["field_of_education"]
    assert list(problems(qualification=True)) == ["qualification"]


def test_an_end_before_the_start_names_the_end():
    assert list(problems(ended_on=date(2026, 2, 1))) == ["ended_on"]
    assert problems(ended_on=DAY) == {}


def test_an_unknown_kind_is_named():
    assert list(problems(kind="retired")) == ["kind"]
