"""Evaluation: the student's experience survey, the partner's assessment, and what is still missing."""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from services.environments.domain import N_, Conflict
from services.environments.domain.lifecycle import ASSESSING, COMPLETED, DRAFT, EVALUATED, RUNNING
from services.environments.domain.participation import COMPLETED as PARTICIPANT_COMPLETED
from services.environments.domain.participation import ENROLLED

LIKERT = (1, 5)
SURVEY_ITEMS: tuple[tuple[str, str], ...] = (
    ("working_life_orientation", N_("The project gave me a real picture of working life.")),
    ("learning", N_("I learned things I need in working life.")),
    ("competence_shown", N_("I could show my competence to the partner.")),
    ("teamwork", N_("Our multidisciplinary team worked well together.")),
    ("guidance", N_("I got enough guidance from the teachers and the partner.")),
)
CRITERIA: tuple[tuple[str, str], ...] = (
    ("competence_matched_needs", N_("The competence met our needs.")),
    ("working_life_skills", N_("Working-life skills (punctuality, communication, responsibility).")),
    ("initiative", N_("Initiative and problem solving.")),
    ("teamwork", N_("Teamwork.")),
    ("would_recruit", N_("We would recruit or work with them again.")),
)
SURVEY_KEYS = tuple(k for k, _ in SURVEY_ITEMS)
CRITERIA_KEYS = tuple(k for k, _ in CRITERIA)
OVERALL = "overall"  # the subject of a partner's assessment of the whole team
# Averages over fewer answers are not shown to anyone who may not read the answers themselves.
SMALLEST_GROUP = 5
# The environments' statuses in which partners are reminded of their assessments (`reminders`: none while it runs)
PARTNERS_REMINDED = (COMPLETED, EVALUATED)


def averages(answers: Iterable[Mapping[str, int]], keys: Iterable[str], smallest: int = SMALLEST_GROUP) -> dict:
    """How many answered and the average of each item (one decimal), or no averages under `smallest` answers,
    so that nobody's own answers can be read off them."""
    answers, keys = list(answers), tuple(keys)
    if len(answers) < smallest:
        return {"count": len(answers), "averages": None}
    return {"count": len(answers), "averages": {
        key: round(sum(a[key] for a in answers) / len(answers), 1) for key in keys}}


def score_problems(values: Mapping[str, int], keys: Iterable[str], name: str) -> dict:
    """Every item answered once, on the 1–5 scale, and no unknown items."""
    keys = tuple(keys)
    problems: dict[str, list[str]] = {}
    for key in keys:
        value = values.get(key)
        if value is None:
            problems[key] = [N_("Answer this item.")]
        elif isinstance(value, bool) or not isinstance(value, int) or not LIKERT[0] <= value <= LIKERT[1]:
            problems[key] = [N_("Choose a value from 1 to 5.")]
    for key in values:
        if key not in keys:
            problems[key] = [N_("No such item.")]
    return {name: problems} if problems else {}


def check_survey_allowed(participant_status: str) -> None:
    """The survey is answered at the end: once the participant has completed."""
    if participant_status != PARTICIPANT_COMPLETED:
        raise Conflict(N_("The survey opens when your participation has completed."))


def check_assessment_allowed(environment_status: str, participant_status: str | None) -> None:
    """Partners assess while the environment runs or after it; a withdrawn participant is not assessed."""
    if environment_status not in ASSESSING:
        raise Conflict(N_("Assessments are given once the environment is running."))
    if participant_status is not None and participant_status not in (ENROLLED, PARTICIPANT_COMPLETED):
        raise Conflict(N_("A withdrawn participant is not assessed."))


@dataclass(frozen=True)
class Reminder:
    """Something still missing in an environment's evaluation."""

    kind: str  # review | survey | assessment | overall_assessment | start_metrics | end_metrics | outcomes
    message: str
    participant_id: str | None = None
    partner_id: str | None = None

    def as_dict(self) -> dict:
        return {"kind": self.kind, "message": self.message, "participant_id": self.participant_id,
                "partner_id": self.partner_id}


@dataclass(frozen=True)
class ParticipantState:
    id: str
    status: str
    surveyed: bool
    assessed_by: frozenset[str]  # partner ids
    start_metrics: bool
    end_metrics: bool


def reminds_of_review(status: str) -> bool:
    """Whether an environment in `status` is reminded of its gender-neutral review (only a draft is)."""
    return status == DRAFT


def reminders(status: str, review_missing: int, partner_ids: Iterable[str],
              participants: Iterable[ParticipantState], overall_by: Iterable[str], *,
              outcomes_recorded: bool = True) -> list[Reminder]:
    """What is still to be done for an environment's review and evaluation, in the order to do it (a completed
    environment not yet evaluated without any outcome recorded asks for its outcomes)."""
    partner_ids, overall_by = list(partner_ids), set(overall_by)
    found: list[Reminder] = []
    if reminds_of_review(status) and review_missing:
        found.append(Reminder("review", N_("The gender-neutral review is not complete.")))
    if status not in (RUNNING, COMPLETED, EVALUATED):
        return found
    for p in participants:
        if p.status not in (ENROLLED, PARTICIPANT_COMPLETED):
            continue
        if not p.start_metrics:
            found.append(Reminder("start_metrics", N_("Personal metrics at the start are not answered."), p.id))
        if p.status == PARTICIPANT_COMPLETED and not p.end_metrics:
            found.append(Reminder("end_metrics", N_("Personal metrics at the end are not answered."), p.id))
        if p.status == PARTICIPANT_COMPLETED and not p.surveyed:
            found.append(Reminder("survey", N_("The experience survey is not answered."), p.id))
        if status != RUNNING:
            found.extend(_not_assessed(p.id, p.assessed_by, partner_ids))
    if status != RUNNING:
        found.extend(_no_overall(partner_ids, overall_by))
    if status == COMPLETED and not outcomes_recorded:
        found.append(Reminder("outcomes", N_("No outcomes (jobs, studies) are recorded for the environment yet.")))
    return found


def partners_reminders(status: str, partner_ids: Iterable[str],
                       participants: Iterable[tuple[str, str, frozenset[str]]],
                       overall_by: Iterable[str]) -> list[Reminder]:
    """The reminders of `reminders` that name a partner (its assessments still to give), in the same order, from
    only what they depend on: the environment's status, the partners, the participants' ids, statuses and the
    partners who assessed each (`participants`: (id, status, assessed_by), in the order of their enrolment), the
    partners who gave the overall assessment. Only a completed or evaluated environment has any."""
    if status not in PARTNERS_REMINDED:
        return []
    partner_ids, overall_by = list(partner_ids), set(overall_by)
    found: list[Reminder] = []
    for participant_id, participant_status, assessed_by in participants:
        if participant_status in (ENROLLED, PARTICIPANT_COMPLETED):
            found.extend(_not_assessed(participant_id, assessed_by, partner_ids))
    found.extend(_no_overall(partner_ids, overall_by))
    return found


def _not_assessed(participant_id: str, assessed_by: frozenset[str], partner_ids: list[str]) -> list[Reminder]:
    return [Reminder("assessment", N_("The partner has not assessed this participant."), participant_id, partner)
            for partner in partner_ids if partner not in assessed_by]


def _no_overall(partner_ids: list[str], overall_by: set[str]) -> list[Reminder]:
    return [Reminder("overall_assessment", N_("The partner has not given its overall assessment."),
                     partner_id=partner) for partner in partner_ids if partner not in overall_by]
