"""The lifecycle of an environment: draft → open → running → completed → evaluated, or cancelled.

Each move has its conditions; `refusal` says in words why a move may not happen now.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from services.environments.domain import N_, Conflict, Invalid
from shared.figures import TARGET_STATUSES

DRAFT, OPEN, RUNNING, COMPLETED, EVALUATED, CANCELLED = (
    "draft", "open", "running", "completed", "evaluated", "cancelled")
STATUSES = (DRAFT, OPEN, RUNNING, COMPLETED, EVALUATED, CANCELLED)
MOVES = {
    DRAFT: (OPEN, CANCELLED),
    OPEN: (RUNNING, CANCELLED),
    RUNNING: (COMPLETED, CANCELLED),
    COMPLETED: (EVALUATED,),
    EVALUATED: (),
    CANCELLED: (),
}
# Statuses in which an environment has started: the network's target counts these (shared/figures.py).
STARTED = (RUNNING, COMPLETED, EVALUATED)
# While an environment is in these, people can join it.
ENROLLING = (OPEN, RUNNING)
# While in these, the partner may assess and outcomes may be recorded.
ASSESSING = (RUNNING, COMPLETED, EVALUATED)
EDITABLE = (DRAFT, OPEN)
EVENT_OF = {OPEN: "environments.environment.opened", RUNNING: "environments.environment.started",
            COMPLETED: "environments.environment.completed", EVALUATED: "environments.environment.evaluated",
            CANCELLED: "environments.environment.cancelled"}


BUSY_ELSEWHERE = N_("Some enrolled students already take part in another running environment.")


@dataclass(frozen=True)
class Situation:
    """What the move's conditions look at, gathered by the caller."""

    review_complete: bool = False
    roles_with_seats: int = 0
    enrolled: int = 0
    students_busy_elsewhere: int = 0  # enrolled students already in another running environment
    partners_without_overall: int = 0
    cancel_reason: str | None = None


def refusal(current: str, target: str, situation: Situation) -> str | None:
    """Why `current` may not move to `target` now, or None when it may."""
    if target not in STATUSES:
        return N_("Unknown status.")
    if target not in MOVES.get(current, ()):
        return N_("An environment cannot move from %(current)s to %(target)s.")
    if target == OPEN:
        if not situation.review_complete:
            return N_("The gender-neutral review is not complete: check every item of the checklist first.")
        if situation.roles_with_seats < 1:
            return N_("Add at least one role with seats before opening.")
    if target == RUNNING:
        if situation.enrolled < 1:
            return N_("Enrol at least one participant before starting.")
        if situation.students_busy_elsewhere:
            return BUSY_ELSEWHERE
    if target == EVALUATED and situation.partners_without_overall:
        return N_("Every partner must give its overall assessment before the environment is evaluated.")
    if target == CANCELLED and not (situation.cancel_reason or "").strip():
        return N_("Give a reason for cancelling.")
    return None


def check_move(current: str, target: str, situation: Situation) -> None:
    """Raise Conflict with the reason unless the move is allowed."""
    reason = refusal(current, target, situation)
    if reason is not None:
        raise Conflict(reason, current=current, target=target)


def check_move_date(on: date, today: date, since: date) -> None:
    """A move is dated on the day it happened: not in the future, not before the environment's previous step."""
    if on > today:
        raise Invalid({"on": [N_("The date cannot be in the future.")]})
    if on < since:
        raise Invalid({"on": [N_("The date cannot be before the environment's previous step.")]})


def next_moves(current: str) -> tuple[str, ...]:
    """The statuses an environment in `current` may move to (conditions aside)."""
    return MOVES.get(current, ())


assert STARTED == TARGET_STATUSES, "the target counts the started statuses, defined once in shared/figures.py"
