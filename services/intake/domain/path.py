"""Personal path: goals (a target education or work) and the steps towards them, with their history."""
from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from datetime import UTC, date, datetime
from typing import Any

from services.intake.domain import N_

GOAL_KINDS = ("education", "work", "other")
GOAL_STATUSES = ("active", "reached", "dropped")
STEP_KINDS = ("visit_company", "join_environment", "apply_apprenticeship", "apply_education", "job_application",
              "work_trial", "course", "guidance_meeting", "other")
OWNERS = ("client", "manager", "partner", "other")
STEP_STATUSES = ("planned", "in_progress", "done", "cancelled")
OPEN_STEPS = ("planned", "in_progress")
STEP_FIELDS = ("goal_id", "kind", "title", "owner", "due_date", "status", "starts_at", "ends_at", "place", "video_link",
               "participants")
LEARNING_GAP = "learning_gap"

Errors = dict[str, list[str]]


def check_goal(kind: str, target_code: str | None, *, is_occupation: Callable[[str], bool],
               is_field_of_education: Callable[[str], bool]) -> Errors:
    """A work goal may name an ESCO occupation, an education goal a field of education; nothing else."""
    if not target_code:
        return {}
    if kind == "work" and not is_occupation(target_code):
        return {"target_code": [N_("Give the URI of an ESCO occupation.")]}
    if kind == "education" and not is_field_of_education(target_code):
        return {"target_code": [N_("Give a field of education code of the national classification.")]}
    if kind == "other":
        return {"target_code": [N_("Only a work or education goal has a target code.")]}
    return {}


def student_may_change(step: Mapping, changes: Mapping[str, Any]) -> bool:
    """A student may only mark a step of their own done, and change nothing else."""
    return step["owner"] == "client" and step["status"] in OPEN_STEPS \
        and set(changes) == {"status"} and changes["status"] == "done"


def _plain(value: Any) -> Any:
    if isinstance(value, datetime):  # a naive moment is UTC (as a database without time zones gives it)
        return (value if value.tzinfo else value.replace(tzinfo=UTC)).astimezone(UTC).isoformat()
    return value.isoformat() if isinstance(value, date) else value


def changes_of(old: Mapping, new: Mapping[str, Any], fields: Iterable[str] = STEP_FIELDS) -> dict[str, list]:
    """{field: [old, new]} for each field whose value changes (dates as ISO strings): a history entry."""
    diff = {}
    for name in fields:
        if name in new and _plain(old.get(name)) != _plain(new[name]):
            diff[name] = [_plain(old.get(name)), _plain(new[name])]
    return diff


def created(step: Mapping[str, Any]) -> dict[str, list]:
    """The history entry of a new step: every field from nothing to its first value."""
    return {name: [None, _plain(step[name])] for name in STEP_FIELDS if step.get(name) is not None}


def is_late(step: Mapping, today: date) -> bool:
    """Whether a step still to be done is past its due date (`today` in Finland: shared.clock.today())."""
    return step["status"] in OPEN_STEPS and step.get("due_date") is not None and step["due_date"] < today


def progress(steps: Iterable[Mapping]) -> tuple[int, int]:
    """(done, planned in all) of the steps that still count, i.e. were not cancelled."""
    counted = [s for s in steps if s["status"] != "cancelled"]
    return sum(1 for s in counted if s["status"] == "done"), len(counted)
