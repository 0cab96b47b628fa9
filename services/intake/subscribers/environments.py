"""What the environments service tells intake about this instance's clients.

Participation, the jobs that followed an environment and the competence a partner confirmed
reach the client card; confirmed skills enter the competence profile with the environment as
evidence (and travel on to matching when the client shares the profile). Events about clients
this instance does not hold are ignored, but for who takes part: every environment's partners and the members
whose clients enrolled are kept (environment_parties, no personal data), the parties of its conversation.
What every environment still misses (its name, status and the kinds of what it misses, no people) is kept from
its latest announcement (environment_reminders): the desk lists its host's environments needing action from it.
"""
from __future__ import annotations

from datetime import date

from sqlalchemy import delete, insert, select, update

from services.intake.db import (
    environment_participations,
    environment_parties,
    environment_reminders,
    outcomes,
    profile_skills,
)
from services.intake.domain.meetings import aware
from services.intake.handlers.clients import fetch
from services.intake.handlers.profile import share_profile
from shared.events.envelope import Envelope, utcnow
from shared.runtime import Work

JOB_FORMS = {"part_time": "part_time", "short": "short", "fixed_term": "fixed_term"}


def _own_client(work, payload):
    """The client row when this instance holds the client (active or closed), else None."""
    client_id = payload.get("client_id")
    row = fetch(work.session, client_id) if client_id else None
    if row is None or row.status == "erased" or row.organisation != payload.get("organisation"):
        return None
    return row


def _parties_row(work: Work, environment_id: str):
    t = environment_parties
    row = work.session.execute(select(t).where(t.c.environment_id == environment_id)).first()
    if row is None:
        work.session.execute(insert(t).values(environment_id=environment_id, partner_ids=[], organisations=[],
                                              updated_at=utcnow()))
        row = work.session.execute(select(t).where(t.c.environment_id == environment_id)).first()
    return row


def environment_described(work: Work, envelope: Envelope) -> None:
    """Drafted, opened or its partners changed: keep the environment's partners, unless a later event came first."""
    environment_id = str(envelope.payload["environment_id"])
    row = _parties_row(work, environment_id)
    if row.described_at is not None and aware(row.described_at) > envelope.occurred_at:
        return
    work.session.execute(update(environment_parties).where(environment_parties.c.environment_id == environment_id)
                         .values(partner_ids=sorted(str(p) for p in envelope.payload["partner_ids"]),
                                 described_at=envelope.occurred_at, updated_at=utcnow()))


def reminders_changed(work: Work, envelope: Envelope) -> None:
    """What an environment still misses: keep the latest announcement (a redelivered or older one changes nothing).
    Runs in the consumer's unit of work, one transaction with the inbox row that makes it once per event."""
    payload, t = envelope.payload, environment_reminders
    environment_id = str(payload["environment_id"])
    values = {"host_organisation": payload["host_organisation"], "name": payload["name"], "status": payload["status"],
              "missing": list(payload["missing"]), "outstanding": len(payload["missing"]),
              "announced_at": envelope.occurred_at, "updated_at": utcnow()}
    row = work.session.execute(select(t.c.announced_at).where(t.c.environment_id == environment_id)
                               .with_for_update()).first()
    if row is None:
        work.session.execute(insert(t).values(environment_id=environment_id, **values))
    elif aware(row.announced_at) <= envelope.occurred_at:
        work.session.execute(update(t).where(t.c.environment_id == environment_id).values(**values))


def took_part(work: Work, environment_id: str, organisation: str) -> None:
    """A member's client enrolled: its intake keeps a copy of the environment's thread from now on."""
    row = _parties_row(work, environment_id)
    if organisation and organisation not in row.organisations:
        work.session.execute(update(environment_parties).where(
            environment_parties.c.environment_id == environment_id).values(
            organisations=sorted({*row.organisations, organisation}), updated_at=utcnow()))


def _participation(status: str):
    def handle(work, envelope) -> None:
        payload = envelope.payload
        if status == "enrolled":
            took_part(work, str(payload["environment_id"]), payload["organisation"])
        row = _own_client(work, payload)
        if row is None:
            return
        table = environment_participations
        existing = work.session.execute(select(table.c.id).where(
            table.c.client_id == row.id, table.c.environment_id == payload["environment_id"])).first()
        # the environment's name, when the event carries it (an enrolment does since it names it to the student)
        named = {"environment_name": payload["environment_name"][:200]} if payload.get("environment_name") else {}
        if existing is None:
            work.session.execute(insert(table).values(
                client_id=row.id, environment_id=payload["environment_id"], status=status, updated_at=utcnow(),
                **named))
        else:
            work.session.execute(update(table).where(table.c.id == existing.id).values(
                status=status, updated_at=utcnow(), **named))
    return handle


def outcome_recorded(work, envelope) -> None:
    """A job, traineeship or thesis that followed an environment shows among the client's outcomes."""
    payload = envelope.payload
    row = _own_client(work, payload)
    if row is None or payload.get("cooperation"):
        return
    if work.session.execute(select(outcomes.c.id).where(outcomes.c.id == payload["outcome_id"])).first():
        return  # already recorded
    form = JOB_FORMS.get(payload["kind"])
    work.session.execute(insert(outcomes).values(
        id=payload["outcome_id"], client_id=row.id, kind="work" if form else "other", work_form=form,
        hidden_job=payload["hidden_job"], description=payload["environment_name"][:200],
        started_on=date.fromisoformat(payload["started_on"]),
        ended_on=date.fromisoformat(payload["ended_on"]) if payload.get("ended_on") else None,
        via_environment_id=payload["environment_id"], source="environments", created_at=utcnow()))
    _name(work, row.id, payload)


def competence_demonstrated(work, envelope) -> None:
    """Confirmed skills replace the earlier evidence of the same environment in the profile."""
    payload = envelope.payload
    row = _own_client(work, payload)
    if row is None:
        return
    ref = str(payload["environment_id"])
    work.session.execute(delete(profile_skills).where(
        profile_skills.c.client_id == row.id, profile_skills.c.evidence == "project_environment",
        profile_skills.c.evidence_ref == ref))
    now = utcnow()
    for skill in payload["skills"]:
        work.session.execute(insert(profile_skills).values(
            client_id=row.id, skill_uri=skill["uri"], level=skill["level"], evidence="project_environment",
            evidence_ref=ref, added_at=now))
    _name(work, row.id, payload)
    share_profile(work, row)


def _name(work, client_id: str, payload) -> None:
    table = environment_participations
    work.session.execute(update(table).where(
        table.c.client_id == client_id, table.c.environment_id == payload["environment_id"]).values(
        environment_name=payload["environment_name"]))


HANDLERS = {
    "environments.environment.created": environment_described,
    "environments.environment.opened": environment_described,
    "environments.environment.partners_changed": environment_described,
    "environments.environment.reminders_changed": reminders_changed,
    "environments.participant.enrolled": _participation("enrolled"),
    "environments.participant.withdrew": _participation("withdrawn"),
    "environments.participant.completed": _participation("completed"),
    "environments.outcome.recorded": outcome_recorded,
    "environments.competence.demonstrated": competence_demonstrated,
}

