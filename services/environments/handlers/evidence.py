"""Completing a participation, and the competence evidence that flows back to the client's profile."""
from __future__ import annotations

from datetime import date

from sqlalchemy import select, update

from services.environments.db import assessments, participants, roles
from services.environments.domain.competence import demonstrated
from services.environments.domain.participation import COMPLETED
from services.environments.handlers import payloads, reminders
from shared.events.envelope import utcnow
from shared.runtime import Work


def complete_participant(work: Work, person, environment_name: str, ended_on: date) -> None:
    """Mark an enrolled participant completed on `ended_on`, announce it, and send their demonstrated skills."""
    work.session.execute(update(participants).where(participants.c.id == person.id).values(
        status=COMPLETED, ended_on=ended_on, updated_at=utcnow()))
    reminders.touched(work, person.environment_id)
    if person.client_id:
        work.emit("environments.participant.completed", payloads.participant(person, ended_on=ended_on.isoformat()))
    refresh_evidence(work, person.id, environment_name)


def refresh_evidence(work: Work, participant_id: str, environment_name: str) -> None:
    """Recompute what a completed participant demonstrated; when it changed, tell the client's organisation."""
    session = work.session
    person = session.execute(select(participants).where(participants.c.id == participant_id)).first()
    if person is None or person.status != COMPLETED:
        return
    role = session.execute(select(roles).where(roles.c.id == person.role_id)).first()
    confirmations = session.execute(select(assessments.c.skills).where(
        assessments.c.participant_id == participant_id)).scalars().all()
    skills = demonstrated([s["uri"] for s in role.skills or []], confirmations)
    if skills == (person.demonstrated_skills or []):
        return
    session.execute(update(participants).where(participants.c.id == participant_id).values(
        demonstrated_skills=skills, updated_at=utcnow()))
    if person.client_id and skills:
        work.emit("environments.competence.demonstrated", {
            "client_id": person.client_id, "organisation": person.client_organisation,
            "environment_id": person.environment_id, "environment_name": environment_name, "skills": skills})
