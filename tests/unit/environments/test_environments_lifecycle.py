"""The lifecycle of an environment: which moves exist and what each one requires (plain Python)."""
from __future__ import annotations

import pytest

from services.environments.domain import Conflict
from services.environments.domain.lifecycle import (
    CANCELLED,
    COMPLETED,
    DRAFT,
    EVALUATED,
    OPEN,
    RUNNING,
    STATUSES,
    Situation,
    check_move,
    next_moves,
    refusal,
)

READY = Situation(review_complete=True, roles_with_seats=1, enrolled=2, cancel_reason="budget cut")


@pytest.mark.parametrize("current,target", [
    (DRAFT, OPEN), (OPEN, RUNNING), (RUNNING, COMPLETED), (COMPLETED, EVALUATED),
    (DRAFT, CANCELLED), (OPEN, CANCELLED), (RUNNING, CANCELLED),
])
def test_the_forward_moves_are_allowed_when_their_conditions_hold(current, target):
    assert refusal(current, target, READY) is None
    check_move(current, target, READY)


@pytest.mark.parametrize("current,target", [
    (DRAFT, RUNNING), (DRAFT, COMPLETED), (OPEN, COMPLETED), (OPEN, DRAFT), (RUNNING, OPEN), (COMPLETED, CANCELLED),
    (EVALUATED, CANCELLED), (CANCELLED, OPEN), (EVALUATED, COMPLETED), (RUNNING, RUNNING),
])
def test_other_moves_are_refused_with_the_statuses_named(current, target):
    with pytest.raises(Conflict) as refused:
        check_move(current, target, READY)
    assert refused.value.message == f"An environment cannot move from {current} to {target}."


def test_every_status_has_its_moves_and_the_ends_have_none():
    assert set(STATUSES) == {DRAFT, OPEN, RUNNING, COMPLETED, EVALUATED, CANCELLED}
    assert next_moves(EVALUATED) == () and next_moves(CANCELLED) == ()
    assert CANCELLED in next_moves(DRAFT) and CANCELLED not in next_moves(COMPLETED)


def test_opening_needs_a_complete_gender_neutral_review():
    reason = refusal(DRAFT, OPEN, Situation(review_complete=False, roles_with_seats=3))
    assert reason and "gender-neutral review" in reason


def test_opening_needs_a_role_with_seats():
    reason = refusal(DRAFT, OPEN, Situation(review_complete=True, roles_with_seats=0))
    assert reason and "role" in reason


def test_starting_needs_a_participant_and_no_student_busy_elsewhere():
    assert "Enrol at least one" in refusal(OPEN, RUNNING, Situation(enrolled=0))
    assert "another running environment" in refusal(OPEN, RUNNING, Situation(enrolled=3, students_busy_elsewhere=1))
    assert refusal(OPEN, RUNNING, Situation(enrolled=1)) is None


def test_evaluated_needs_every_partners_overall_assessment():
    assert "overall assessment" in refusal(COMPLETED, EVALUATED, Situation(partners_without_overall=1))
    assert refusal(COMPLETED, EVALUATED, Situation(partners_without_overall=0)) is None


@pytest.mark.parametrize("reason", [None, "", "   "])
def test_cancelling_needs_a_reason(reason):
    assert "reason" in refusal(OPEN, CANCELLED, Situation(cancel_reason=reason))


def test_an_unknown_status_is_refused():
    assert refusal(DRAFT, "archived", READY) == "Unknown status."
