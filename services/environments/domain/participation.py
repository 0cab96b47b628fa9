"""Participants: who may join which role, how many seats there are, and how participation ends."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from services.environments.domain import N_, Conflict, Invalid
from services.environments.domain.lifecycle import ENROLLING, RUNNING

ENROLLED, WITHDRAWN, COMPLETED = "enrolled", "withdrawn", "completed"
PARTICIPANT_STATUSES = (ENROLLED, WITHDRAWN, COMPLETED)
ACTIVE = (ENROLLED, COMPLETED)  # those who take (or took) a seat
GENDERS = ("woman", "man", "other", "undisclosed")
SMALL_CELL = 5


@dataclass(frozen=True)
class Seats:
    """The seats in play when someone enrols: the environment's and the role's."""

    environment_status: str
    capacity: int
    taken: int
    role_seats: int
    role_taken: int
    already_in_environment: bool = False
    in_other_running: bool = False


def check_enrolment(seats: Seats) -> None:
    """Raise Conflict when the person cannot take a seat now."""
    if seats.environment_status not in ENROLLING:
        raise Conflict(N_("Participants can be enrolled only while the environment is open or running."))
    if seats.already_in_environment:
        raise Conflict(N_("This client already takes part in this environment."))
    if seats.taken >= seats.capacity:
        raise Conflict(N_("The environment is full."))
    if seats.role_taken >= seats.role_seats:
        raise Conflict(N_("Every seat of this role is taken."))
    if seats.environment_status == RUNNING and seats.in_other_running:
        raise Conflict(N_("The student already takes part in another running environment."))


def check_withdrawal(status: str, reason: str | None) -> None:
    if status != ENROLLED:
        raise Conflict(N_("Only an enrolled participant can withdraw."))
    if not (reason or "").strip():
        raise Invalid({"reason": [N_("Give a reason for the withdrawal.")]})


def check_completion(status: str, environment_status: str) -> None:
    if status != ENROLLED:
        raise Conflict(N_("Only an enrolled participant can complete."))
    if environment_status != RUNNING:
        raise Conflict(N_("A participant completes while the environment is running, or when it completes."))


def period_problems(started_on: date | None, ended_on: date | None) -> dict:
    if started_on and ended_on and ended_on < started_on:
        return {"ended_on": [N_("The end date cannot be before the start date.")]}
    return {}


def gender_balance(genders: list[str | None]) -> dict | None:
    """Participants by gender, or None when any group has fewer than five people (the small-cell rule).

    Women and men are groups of their own; other genders and those who did not say form one group, so
    that it is rarely the small one. People whose gender is not recorded are left out. Empty groups
    are fine: "no men" identifies nobody more than the team's size does.
    """
    counts = {"woman": 0, "man": 0, "other_or_undisclosed": 0}
    for gender in genders:
        if gender in ("woman", "man"):
            counts[gender] += 1
        elif gender in ("other", "undisclosed"):
            counts["other_or_undisclosed"] += 1
    if sum(counts.values()) == 0 or any(0 < n < SMALL_CELL for n in counts.values()):
        return None
    return counts
