"""Outcomes: a client's transition to education, work, an apprenticeship or something else."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from services.intake.domain import N_
from services.intake.domain.partners import period_problems

KINDS = ("education", "work", "apprenticeship", "other")
WORK_FORMS = ("part_time", "full_time", "short", "fixed_term")
EMPLOYMENT_KINDS = ("work", "apprenticeship")  # a job: may be hidden, has a form of work
STUDY_KINDS = ("education", "apprenticeship")  # leads to a qualification in a field of education


# A partner's hire (matching.candidate.feedback_recorded) as the outcome's form of work and hidden-job flag. A
# hidden job is counted as part-time work (its usual form in the project) until the manager says otherwise.
HIRES = {"part_time": ("part_time", False), "short": ("short", False), "fixed_term": ("fixed_term", False),
         "permanent": ("full_time", False), "hidden_job": ("part_time", True)}


@dataclass(frozen=True)
class Outcome:
    """What a service manager records about a transition."""

    kind: str
    started_on: date
    ended_on: date | None = None
    work_form: str | None = None
    hidden_job: bool = False
    field_of_education: str | None = None
    qualification: bool = False
    description: str | None = None


def outcome_problems(outcome: Outcome, known_field: Callable[[str], bool]) -> dict:
    """What does not fit together in an outcome, by field."""
    problems: dict = {}
    if outcome.kind not in KINDS:
        return {"kind": [N_("Choose education, work, apprenticeship or other.")]}
    if outcome.kind == "work" and not outcome.work_form:
        problems["work_form"] = [N_("Tell whether the work is part-time, full-time, short or fixed-term.")]
    if outcome.work_form and outcome.kind not in EMPLOYMENT_KINDS:
        problems["work_form"] = [N_("Only work and apprenticeships have a form of work.")]
    if outcome.work_form and outcome.work_form not in WORK_FORMS:
        problems["work_form"] = [N_("Choose part-time, full-time, short or fixed-term.")]
    if outcome.hidden_job and outcome.kind not in EMPLOYMENT_KINDS:
        problems["hidden_job"] = [N_("Only a job can be a hidden job.")]
    if outcome.field_of_education:
        if outcome.kind not in STUDY_KINDS:
            problems["field_of_education"] = [N_("Only education and apprenticeships have a field of education.")]
        elif not known_field(outcome.field_of_education):
            problems["field_of_education"] = [N_("Unknown field of education.")]
    if outcome.qualification and outcome.kind not in STUDY_KINDS:
        problems["qualification"] = [N_("Only education and apprenticeships lead to a qualification.")]
    problems.update(period_problems(outcome.started_on, outcome.ended_on, end_field="ended_on"))
    return problems

