"""Outcomes of an environment: jobs that followed and cooperation opportunities."""
from __future__ import annotations

from datetime import date

from services.environments.domain import N_, Conflict
from services.environments.domain.lifecycle import ASSESSING

JOBS = ("part_time", "short", "fixed_term")
COOPERATION = ("thesis", "traineeship", "project", "order")
KINDS = JOBS + COOPERATION
# A job and a traineeship need the participant they concern; a cooperation opportunity (a new order, a project,
# a thesis topic) may be recorded for the environment and its partner without naming anyone: reporting counts it
# as an event.
ABOUT_A_PERSON = JOBS + ("traineeship",)


def is_cooperation(kind: str) -> bool:
    """A cooperation opportunity (yhteistyömahdollisuus) rather than an employment."""
    return kind in COOPERATION


def outcome_problems(kind: str, participant_given: bool, hidden_job: bool, started_on: date | None,
                     ended_on: date | None) -> dict:
    problems: dict[str, list[str]] = {}
    if kind in ABOUT_A_PERSON and not participant_given:
        problems["participant_id"] = [N_("Name the participant this outcome concerns.")]
    if hidden_job and kind not in JOBS:
        problems["hidden_job"] = [N_("Only a job can be a hidden job.")]
    if started_on and ended_on and ended_on < started_on:
        problems["ended_on"] = [N_("The end date cannot be before the start date.")]
    return problems


def check_outcome_allowed(environment_status: str) -> None:
    """Outcomes follow from a project that has started."""
    if environment_status not in ASSESSING:
        raise Conflict(N_("Outcomes are recorded once the environment is running."))
