"""The recruitment channel as a dialogue (issue 16): rules for the student's answer and interest, the partner's
wish to meet a candidate and what the partner tells after an introduction. Plain Python."""
from __future__ import annotations

from collections.abc import Mapping

from shared.errors import N_

ANSWERS = ("interested", "not_interested")
STAGES = ("contacted", "interviewed", "trial", "hired", "not_suitable")
EMPLOYMENTS = ("part_time", "short", "fixed_term", "permanent", "hidden_job")
# What a candidate summary may show a partner: competence and availability, never who the person is.
SUMMARY_FIELDS = ("hours_per_week", "available_from", "available_until", "work_types", "fields_of_education",
                  "languages", "driving_licence")
REASON_MAX = 1000


def answer_problems(answer: str | None, reason: str | None) -> dict[str, list[str]]:
    """Field problems of a student's answer to a suggestion."""
    problems: dict[str, list[str]] = {}
    if answer not in ANSWERS:
        problems["answer"] = [N_("Choose interested or not interested.")]
    if reason is not None and len(reason) > REASON_MAX:
        problems["reason"] = [N_("Write at most 1000 characters.")]
    return problems


def feedback_problems(stage: str | None, employment: str | None, reason: str | None) -> dict[str, list[str]]:
    """Field problems of a partner's feedback on one candidate: a hire names its kind, a no says why."""
    problems: dict[str, list[str]] = {}
    if stage not in STAGES:
        problems["stage"] = [N_("Choose what happened.")]
    elif stage == "hired" and employment not in EMPLOYMENTS:
        problems["employment"] = [N_("Choose the kind of employment.")]
    elif stage != "hired" and employment:
        problems["employment"] = [N_("Only a hire has a kind of employment.")]
    if stage == "not_suitable" and not (reason or "").strip():
        problems["reason"] = [N_("Tell why the candidate was not suitable.")]
    if reason is not None and len(reason) > REASON_MAX:
        problems["reason"] = [N_("Write at most 1000 characters.")]
    return problems


def open_to_students(record: Mapping, status: str) -> bool:
    """Whether students may browse a need: open and not a hidden job (one is only ever suggested to them)."""
    return status == "open" and not record.get("hidden_job", False)


def candidate_summary(record: Mapping | None) -> dict:
    """A profile as a partner may see it: skills with levels, fields and availability; nothing that names,
    dates or places the person (no municipality, no service area)."""
    record = record or {}
    summary = {key: record.get(key) for key in SUMMARY_FIELDS}
    summary["skills"] = [{"uri": s["uri"], "level": s["level"]} for s in record.get("skills") or ()]
    summary["work_types"] = list(summary["work_types"] or ())
    summary["fields_of_education"] = list(summary["fields_of_education"] or ())
    summary["languages"] = list(summary["languages"] or ())
    summary["driving_licence"] = bool(summary["driving_licence"])
    return summary


def candidate_label(position: int) -> str:
    """A candidate's label on a need's list: A, B, ..., Z, AA, AB, ... (no id is shown to the partner)."""
    label, n = "", position + 1
    while n:
        n, rest = divmod(n - 1, 26)
        label = chr(ord("A") + rest) + label
    return label


def may_request_introduction(status: str, answer: str | None, requested: bool) -> bool:
    """A partner may ask to meet a candidate whose suggestion is still open and who has not said no."""
    return status == "new" and answer != "not_interested" and not requested
