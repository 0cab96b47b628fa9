"""Project learning environments, their roles and participants, as matching needs them.

A role of an open or running environment is matched like a competence need (its wanted skills, the
environment's period and place); a student enrolled in an open or running environment is not offered
for other roles nor put in another team.
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping

from sqlalchemy import delete, select, update

from services.matching.db import environment_roles, environments, participants
from services.matching.db import suggestions as suggestion_rows
from services.matching.domain import targets
from services.matching.domain.freshness import stale
from services.matching.handlers import suggestions
from services.matching.handlers.suggestions import follow
from services.matching.subscribers.needs import restore_declines
from shared.events.envelope import Envelope, utcnow
from shared.runtime import Work

ENVIRONMENT_FIELDS = ("name", "status", "host_organisation", "municipality", "service_area", "starts_on", "ends_on",
                      "fields_of_education", "institutions", "need_ids", "capacity", "min_fields", "min_institutions")


def _rematch_roles(work: Work, environment_id: str) -> None:
    """Bring the engine's needs of every role of an environment up to date, with their suggestions."""
    env = work.session.execute(select(environments.c.record, environments.c.status)
                               .where(environments.c.environment_id == environment_id)).first()
    roles = work.session.execute(select(environment_roles.c.role_id, environment_roles.c.record)
                                 .where(environment_roles.c.environment_id == environment_id)).all()
    environment = None if env is None else {**env.record, "status": env.status}

    def change(engine, live):
        touched = []
        for role in roles:
            engine_id = targets.key(targets.ROLE, role.role_id)
            need = targets.role(role.role_id, role.record, environment, live.taxonomy.index)
            if need is None:
                engine.remove_need(engine_id)
                suggestions.withdraw_target(work, targets.ROLE, role.role_id, "target_closed")
                continue
            restore_declines(work, engine, targets.ROLE, role.role_id)
            touched += [engine.upsert_need(need), engine_id]
        return touched

    follow(work, change)


def apply_environment(work: Work, envelope: Envelope, environment_id: str, record: Mapping,
                      roles: Iterable[Mapping] | None = None) -> None:
    """Store an environment's newest state (and its roles, when the event lists them), then re-match its roles."""
    current = work.session.execute(select(environments.c.changed_at, environments.c.record)
                                   .where(environments.c.environment_id == environment_id)).first()
    if current is not None and stale(current.changed_at, envelope.occurred_at):
        return
    merged = {**(current.record if current is not None else {}),
              **{k: record[k] for k in ENVIRONMENT_FIELDS if k in record}}
    values = dict(name=str(merged.get("name") or "")[:200], organisation=envelope.organisation,
                  status=str(merged.get("status") or "draft"), record=merged, changed_at=envelope.occurred_at,
                  updated_at=utcnow())
    if current is None:
        work.session.execute(environments.insert().values(environment_id=environment_id, **values))
    else:
        work.session.execute(update(environments).where(environments.c.environment_id == environment_id)
                             .values(**values))
    if roles is not None:
        _replace_roles(work, envelope, environment_id, roles)
    _rematch_roles(work, environment_id)


def _replace_roles(work: Work, envelope: Envelope, environment_id: str, roles: Iterable[Mapping]) -> None:
    listed = {str(r["role_id"]): r for r in roles}
    stored = set(work.session.execute(select(environment_roles.c.role_id)
                                      .where(environment_roles.c.environment_id == environment_id)).scalars())
    for role_id in stored - set(listed):
        work.session.execute(delete(environment_roles).where(environment_roles.c.role_id == role_id))
        suggestions.withdraw_target(work, targets.ROLE, role_id, "target_closed")
        follow(work, lambda engine, live, rid=role_id: [engine.remove_need(targets.key(targets.ROLE, rid))])
    for role_id, role in listed.items():
        _store_role(work, envelope, environment_id, role_id, role, exists=role_id in stored)


def _store_role(work: Work, envelope: Envelope, environment_id: str, role_id: str, role: Mapping,
                exists: bool) -> None:
    record = {"skills": [{"uri": s["uri"], "level": int(s.get("level") or 1),
                          "essential": bool(s.get("essential", True))} for s in role.get("skills") or ()],
              "fields": list(role.get("fields") or ()), "description": role.get("description")}
    values = dict(environment_id=environment_id, title=str(role.get("title") or "")[:200],
                  seats=int(role.get("seats") or 0), record=record, changed_at=envelope.occurred_at,
                  updated_at=utcnow())
    if exists:
        work.session.execute(update(environment_roles).where(environment_roles.c.role_id == role_id).values(**values))
    else:
        work.session.execute(environment_roles.insert().values(role_id=role_id, **values))


def apply_participant(work: Work, environment_id: str, client_id: str, role_id: str | None, status: str) -> None:
    """Record who takes part where; an enrolled student's open role suggestions elsewhere are withdrawn."""
    exists = work.session.execute(select(participants.c.client_id).where(
        participants.c.environment_id == environment_id, participants.c.client_id == client_id)).first()
    values = dict(role_id=role_id, status=status, updated_at=utcnow())
    if exists:
        work.session.execute(update(participants).where(participants.c.environment_id == environment_id,
                                                        participants.c.client_id == client_id).values(**values))
    else:
        work.session.execute(participants.insert().values(environment_id=environment_id, client_id=client_id,
                                                          **values))


def _roles(payload: Mapping) -> list[dict]:
    """The roles of an environment event as the read model keeps them (every wanted skill counts as essential)."""
    return [{"role_id": str(r["role_id"]), "title": r["title"], "seats": r["seats"],
             "fields": list(r.get("fields_of_education") or ()),
             "skills": [{"uri": s["uri"], "level": s["level"], "essential": True} for s in r.get("skills") or ()]}
            for r in payload.get("roles") or ()]


def on_environment_described(work: Work, envelope: Envelope) -> None:
    """Created, opened or changed while open: the environment's whole shape, roles included."""
    p = envelope.payload
    apply_environment(work, envelope, str(p["environment_id"]), dict(p), _roles(p))


def on_environment_moved(work: Work, envelope: Envelope) -> None:
    """Started, completed, evaluated or cancelled: only the status changes."""
    p = envelope.payload
    apply_environment(work, envelope, str(p["environment_id"]), {"status": p["status"]})


def on_participant_enrolled(work: Work, envelope: Envelope) -> None:
    """An enrolled student is busy: their open suggestions for roles are withdrawn, in this environment too."""
    p = envelope.payload
    environment_id, client_id = str(p["environment_id"]), str(p["client_id"])
    apply_participant(work, environment_id, client_id, str(p["role_id"]), "enrolled")
    for row in work.session.execute(select(suggestion_rows.c.id).where(
            suggestion_rows.c.client_id == client_id, suggestion_rows.c.target_kind == targets.ROLE,
            suggestion_rows.c.status == suggestions.OPEN)).all():
        suggestions.withdraw(work, row.id, "no_longer_eligible")


def on_participant_left(work: Work, envelope: Envelope) -> None:
    p = envelope.payload
    status = "completed" if envelope.type.endswith(".completed") else "left"
    apply_participant(work, str(p["environment_id"]), str(p["client_id"]), None, status)


HANDLERS = {
    "environments.environment.created": on_environment_described,
    "environments.environment.opened": on_environment_described,
    "environments.environment.changed": on_environment_described,
    **{f"environments.environment.{verb}": on_environment_moved
       for verb in ("started", "completed", "evaluated", "cancelled")},
    "environments.participant.enrolled": on_participant_enrolled,
    "environments.participant.withdrew": on_participant_left,
    "environments.participant.completed": on_participant_left,
}
