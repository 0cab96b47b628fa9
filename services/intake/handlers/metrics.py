"""Personal metrics: the scales in use (the defaults seeded once), a client's answers and their chart; answers
travel only under consent (d).
"""
from __future__ import annotations

from datetime import date

from sqlalchemy import insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from services.intake.db import environment_participations, metric_answers, metric_scales
from services.intake.domain import N_
from services.intake.domain import metrics as rules
from services.intake.handlers.access import load_client
from services.intake.handlers.bases import lawful
from shared import clock
from shared.auth.principal import Principal
from shared.errors import NotFound, require
from shared.events.envelope import utcnow
from shared.reference.metric_scales import DEFAULT_SCALES
from shared.runtime import ServiceRuntime, Work


def seed_default_scales(runtime: ServiceRuntime) -> int:
    """Add the default scales that do not exist yet; returns how many were added.

    Processes starting together may race: the loser's transaction fails on the key and adds nothing.
    """
    try:
        with runtime.work() as work:
            existing = set(work.session.execute(select(metric_scales.c.key)).scalars())
            missing = [(position, key, labels) for position, (key, labels) in enumerate(DEFAULT_SCALES, start=1)
                       if key not in existing]
            for position, key, labels in missing:
                work.session.execute(insert(metric_scales).values(key=key, labels=labels, minimum=1, maximum=5,
                                                                  position=position, active=True))
    except IntegrityError:
        return 0
    return len(missing)


def _scale(row) -> rules.Scale:
    return rules.Scale(row.key, dict(row.labels), row.minimum, row.maximum, row.position, row.active)


def scales(session: Session, *, active_only: bool = True) -> list[rules.Scale]:
    """The scales in their order on the questionnaire."""
    query = select(metric_scales).order_by(metric_scales.c.position, metric_scales.c.key)
    if active_only:
        query = query.where(metric_scales.c.active.is_(True))
    return [_scale(row) for row in session.execute(query)]


def scale(session: Session, key: str) -> rules.Scale:
    """One scale by key, or NotFound."""
    row = session.execute(select(metric_scales).where(metric_scales.c.key == key)).first()
    if row is None:
        raise NotFound("No such scale")
    return _scale(row)


def add_scale(work: Work, key: str, labels: dict, minimum: int = 1, maximum: int = 5) -> rules.Scale:
    """Put a new statement on the questionnaire, last."""
    errors = rules.check_scale(key, labels, minimum, maximum)
    if not errors and work.session.execute(select(metric_scales.c.key).where(metric_scales.c.key == key)).first():
        errors["key"] = [N_("A scale with this key exists already.")]
    require(errors)
    last = max((s.position for s in scales(work.session, active_only=False)), default=0)
    work.session.execute(insert(metric_scales).values(key=key, labels=labels, minimum=minimum, maximum=maximum,
                                                      position=last + 1, active=True))
    return scale(work.session, key)


def change_scale(work: Work, key: str, changes: dict) -> rules.Scale:
    """Reword, reorder or retire a scale; its range is fixed once answers exist, so they stay comparable."""
    current = scale(work.session, key)
    labels = {**current.labels, **changes.get("labels", {})}
    require(rules.check_scale(key, labels, current.minimum, current.maximum))
    work.session.execute(update(metric_scales).where(metric_scales.c.key == key).values(
        labels=labels, position=changes.get("position", current.position),
        active=changes.get("active", current.active)))
    return scale(work.session, key)


def record_answers(work: Work, principal: Principal, client_id: str, phase: str, answers: dict[str, int],
                   context: str | None = None, answered_on: date | None = None) -> int:
    """Store one questionnaire's answers (answered today, or on a past day `answered_on`); each travels as
    intake.metric.answered only under consent (d). Answers at the start or the end of an environment the client takes
    part in (`context`: its id) tell environments that the phase was answered (`intake.metric.phase_answered`)."""
    client = load_client(work, principal, client_id, what="personal_metrics", why="guidance",
                         action="update")
    now, when_problems = rules.answered_at(answered_on, utcnow(), clock.today(), clock.ZONE)
    require({**rules.check_answers(phase, answers, {s.key: s for s in scales(work.session)}), **when_problems})
    work.session.execute(insert(metric_answers), [
        {"client_id": client.id, "scale_key": key, "phase": phase, "value": value, "answered_at": now,
         "context": context, "recorded_by": principal.user_id} for key, value in answers.items()])
    if lawful(work, work.session, client, "statistics"):
        for key, value in answers.items():
            work.emit("intake.metric.answered", {"client_id": client.id, "scale": key, "phase": phase,
                                                 "value": value}, organisation=client.organisation)
    environment_id = _taken_part_in(work.session, client.id, context) if phase in ENVIRONMENT_PHASES else None
    if environment_id is not None and lawful(work, work.session, client, "guidance"):
        # on the guidance basis environments learns only that the phase was answered (its reminders), never what
        work.emit("intake.metric.phase_answered", {"client_id": client.id, "environment_id": environment_id,
                                                   "phase": phase, "answered_at": now.isoformat()},
                  organisation=client.organisation)
    return len(answers)


ENVIRONMENT_PHASES = ("start", "end")


def _taken_part_in(session: Session, client_id: str, context: str | None) -> str | None:
    """The environment's id when `context` names an environment the client takes (or took) part in, else None."""
    if not context:
        return None
    ids = {str(r) for r in session.execute(select(environment_participations.c.environment_id).where(
        environment_participations.c.client_id == client_id)).scalars()}
    return context.strip().lower() if context.strip().lower() in ids else None


def current_environment(session: Session, client_id: str, phase: str) -> str | None:
    """The environment a student's answers of `phase` belong to: the newest they take part in (for the end, also one
    they completed); None when the phase is not an environment's or there is none."""
    if phase not in ENVIRONMENT_PHASES:
        return None
    statuses = ("enrolled",) if phase == "start" else ("enrolled", "completed")
    row = session.execute(select(environment_participations.c.environment_id).where(
        environment_participations.c.client_id == client_id,
        environment_participations.c.status.in_(statuses)).order_by(
        environment_participations.c.updated_at.desc(), environment_participations.c.id.desc())).first()
    return str(row.environment_id) if row is not None else None


def answers_of(session: Session, client_id: str) -> list[rules.Answer]:
    """A client's answers, oldest first."""
    rows = session.execute(select(metric_answers).where(metric_answers.c.client_id == client_id)
                           .order_by(metric_answers.c.answered_at, metric_answers.c.id))
    return [rules.Answer(r.scale_key, r.phase, r.value, r.answered_at) for r in rows]


def metrics_view(work: Work, principal: Principal, client_id: str, why: str, lang: str = "fi") -> dict:
    """The client, the scales, their answers and a chart per scale (the read is audited)."""
    client = load_client(work, principal, client_id, what="personal_metrics", why=why)
    all_scales = scales(work.session, active_only=False)
    answers = answers_of(work.session, client.id)
    return {"client": client, "scales": [s for s in all_scales if s.active], "answers": answers,
            "charts": rules.chart(all_scales, answers, lang)}
