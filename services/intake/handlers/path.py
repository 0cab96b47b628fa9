"""Commands and reads of a client's personal path: goals, steps and the history of every step."""
from __future__ import annotations

import uuid

from sqlalchemy import insert, select, update

from services.intake.db import path_goals, path_step_history, path_steps
from services.intake.domain import N_, meetings
from services.intake.domain import path as rules
from services.intake.handlers.access import load_client, owned_row
from shared.auth.principal import Principal
from shared.errors import Forbidden, NotFound, require
from shared.events.envelope import utcnow
from shared.reference import education, esco
from shared.runtime import Work


def _role(principal: Principal) -> str | None:
    return next((r for r in ("manager", "student", "partner", "coordinator", "admin") if principal.has(r)), None)


def _is_occupation(uri: str) -> bool:
    try:
        esco.occupation(uri)
    except KeyError:
        return False
    return True


def read_path(work: Work, principal: Principal, client_id: str, why: str) -> dict:
    """The client row, goals (newest first) and steps of a client's path."""
    client = load_client(work, principal, client_id, what="personal_path", why=why)
    goals = [dict(r) for r in work.session.execute(select(path_goals).where(path_goals.c.client_id == client.id)
                                                   .order_by(path_goals.c.created_at.desc())).mappings()]
    steps = [dict(r) for r in work.session.execute(select(path_steps).where(path_steps.c.client_id == client.id)
                                                   .order_by(path_steps.c.created_at)).mappings()]
    return {"client": client, "goals": goals, "steps": steps}


def goal(work: Work, client_id: str, goal_id: str) -> dict:
    """One goal of a client, or NotFound."""
    return dict(owned_row(work.session, path_goals, goal_id, client_id, "No such goal"))


def _check_goal(data: dict) -> None:
    require(rules.check_goal(data["kind"], data.get("target_code"), is_occupation=_is_occupation,
                              is_field_of_education=education.is_valid))


def add_goal(work: Work, principal: Principal, client_id: str, data: dict) -> str:
    """Set a goal (a target education or work) on a client's path; returns its id."""
    client = load_client(work, principal, client_id, what="personal_path", why="guidance",
                         action="update")
    data = {"target_code": None, "due_date": None, "status": "active", **data}
    _check_goal(data)
    goal_id, now = str(uuid.uuid4()), utcnow()
    work.session.execute(insert(path_goals).values(
        id=goal_id, client_id=client.id, kind=data["kind"], title=data["title"].strip(),
        target_code=data["target_code"] or None, due_date=data["due_date"], status=data["status"],
        created_at=now, updated_at=now))
    return goal_id


def change_goal(work: Work, principal: Principal, client_id: str, goal_id: str, changes: dict) -> dict:
    """Change a goal's title, target, due date or status."""
    client = load_client(work, principal, client_id, what="personal_path", why="guidance",
                         action="update")
    merged = {**goal(work, client.id, goal_id), **changes}
    _check_goal(merged)
    work.session.execute(update(path_goals).where(path_goals.c.id == goal_id).values(
        kind=merged["kind"], title=merged["title"].strip(), target_code=merged["target_code"] or None,
        due_date=merged["due_date"], status=merged["status"], updated_at=utcnow()))
    return goal(work, client.id, goal_id)


def step(work: Work, client_id: str, step_id: str) -> dict:
    """One step of a client's path, or NotFound."""
    return dict(owned_row(work.session, path_steps, step_id, client_id, "No such step"))


def _record(work: Work, actor: str | None, role: str | None, step_id: str, change: dict) -> None:
    work.session.execute(insert(path_step_history).values(step_id=step_id, at=utcnow(), actor=actor,
                                                          actor_role=role, change=change))


def _meeting_values(data: dict) -> dict:
    """A meeting's fields as stored: texts trimmed (blank: none), moments with their offset, the day its due date."""
    values = {name: (data.get(name) or "").strip() or None for name in ("place", "video_link", "participants")}
    values["starts_at"], values["ends_at"] = meetings.aware(data.get("starts_at")), meetings.aware(data.get("ends_at"))
    if values["starts_at"] is not None:
        values["due_date"] = meetings.local(values["starts_at"]).date()  # type: ignore[union-attr]
    return values


def add_step(work: Work, principal: Principal, client_id: str, data: dict) -> str:
    """Plan a step on a client's path (towards a goal of theirs, or none yet); returns its id."""
    client = load_client(work, principal, client_id, what="personal_path", why="guidance",
                         action="update")
    return plan_step(work, client, data, actor=principal.user_id, role=_role(principal))


def plan_step(work: Work, client, data: dict, *, actor: str | None, role: str | None, source: str | None = None,
              skill_uri: str | None = None) -> str:
    """Insert a step on the path of a client already loaded (and access-checked) by the caller, with its history."""
    data = {"goal_id": None, "due_date": None, "status": "planned", **{k: None for k in meetings.MEETING_FIELDS},
            **data}
    require(meetings.check_meeting(data))
    data.update(_meeting_values(data))
    if data["goal_id"] is not None:
        try:
            goal(work, client.id, str(data["goal_id"]))
        except NotFound:
            require({"goal_id": [N_("Choose one of the client's goals.")]})
        data["goal_id"] = str(data["goal_id"])
    step_id, now = str(uuid.uuid4()), utcnow()
    values = {"goal_id": data["goal_id"], "kind": data["kind"], "title": data["title"].strip(),
              "owner": data["owner"], "due_date": data["due_date"], "status": data["status"],
              **{name: data[name] for name in meetings.MEETING_FIELDS}}
    work.session.execute(insert(path_steps).values(id=step_id, client_id=client.id, source=source,
                                                   skill_uri=skill_uri, created_by=actor,
                                                   created_at=now, updated_at=now, **values))
    _record(work, actor, role, step_id, rules.created(values))
    return step_id


def change_step(work: Work, principal: Principal, client_id: str, step_id: str, changes: dict) -> dict:
    """Change a step; every change is kept in its history (who, when, old and new value)."""
    client = load_client(work, principal, client_id, what="personal_path", why="guidance",
                         action="update")
    current = step(work, client.id, step_id)
    if "goal_id" in changes and changes["goal_id"] is not None:
        changes = {**changes, "goal_id": str(changes["goal_id"])}
        try:
            goal(work, client.id, changes["goal_id"])
        except NotFound:
            require({"goal_id": [N_("Choose one of the client's goals.")]})
    if not principal.has("manager") and not rules.student_may_change(current, changes):
        raise Forbidden("You may only mark your own planned steps done")
    if any(name in changes for name in meetings.MEETING_FIELDS):
        require(meetings.check_meeting({**current, **changes}))
        changes = {**changes, **_meeting_values({**current, **changes})}
    diff = rules.changes_of(current, changes)
    if diff:
        values = {name: changes[name] for name in diff}
        if "title" in values:
            values["title"] = values["title"].strip()
        work.session.execute(update(path_steps).where(path_steps.c.id == step_id).values(updated_at=utcnow(),
                                                                                        **values))
        _record(work, principal.user_id, _role(principal), step_id, diff)
    return step(work, client.id, step_id)


def step_history(work: Work, principal: Principal, client_id: str, step_id: str) -> list[dict]:
    """Every change of a step, oldest first."""
    client = load_client(work, principal, client_id, what="personal_path", why="guidance")
    step(work, client.id, step_id)
    return [dict(r) for r in work.session.execute(
        select(path_step_history).where(path_step_history.c.step_id == step_id)
        .order_by(path_step_history.c.at, path_step_history.c.id)).mappings()]


def add_learning_gap(work: Work, principal: Principal, client_id: str, skill_uri: str, *,
                     goal_id: str | None = None, due_date=None, lang: str = "fi") -> tuple[str, bool]:
    """Plan a step to learn a skill the client lacks, for a user who may change the client's path."""
    client = load_client(work, principal, client_id, what="personal_path", why="guidance",
                         action="update")
    return plan_learning_gap(work, client, skill_uri, goal_id=goal_id, due_date=due_date, lang=lang,
                             actor=principal.user_id, role=_role(principal))


def plan_learning_gap(work: Work, client, skill_uri: str, *, goal_id: str | None = None, due_date=None,
                      lang: str = "fi", actor: str | None = None, role: str | None = None) -> tuple[str, bool]:
    """Plan a step to learn a skill a loaded client lacks (e.g. one matching found): (step id, whether it is new).

    A gap already on the path and not yet done or cancelled is not planned twice. An event handler may call
    this with the client row it owns (actor None: the system).
    """
    taxonomy = esco.load_taxonomy()
    if skill_uri not in taxonomy.index:
        require({"skill_uri": [N_("Choose a skill of the ESCO taxonomy.")]})
    existing = work.session.execute(select(path_steps.c.id).where(
        path_steps.c.client_id == client.id, path_steps.c.skill_uri == skill_uri,
        path_steps.c.source == rules.LEARNING_GAP, path_steps.c.status.in_(("planned", "in_progress")))).first()
    if existing is not None:
        return existing.id, False
    title = taxonomy.label(taxonomy.index[skill_uri], lang)
    step_id = plan_step(work, client, {"goal_id": goal_id, "kind": "course", "title": title[:200],
                                       "owner": "client", "due_date": due_date},
                        actor=actor, role=role, source=rules.LEARNING_GAP, skill_uri=skill_uri)
    return step_id, True
