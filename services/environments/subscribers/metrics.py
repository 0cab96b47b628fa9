"""What environments does when a participant answers intake's personal metrics at the start or the end.

Intake is the only store of the answers; environments learns only that a phase was answered (and when), for its
reminders: the participant's phase is marked answered (the first answer's time is kept), and the environment's
reminders are announced again. A redelivered event changes nothing (the consumer's inbox, and the mark's key).
"""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import insert, select

from services.environments.db import participant_metric_phases, participants
from services.environments.handlers import reminders
from shared.events.envelope import Envelope
from shared.runtime import Work


def on_phase_answered(work: Work, envelope: Envelope) -> None:
    """Mark the participant's phase answered; an unknown participation (erased, or never here) is ignored."""
    payload = envelope.payload
    person = work.session.execute(select(participants.c.id, participants.c.environment_id).where(
        participants.c.environment_id == str(payload["environment_id"]),
        participants.c.client_id == str(payload["client_id"]),
        participants.c.client_organisation == envelope.organisation)).first()
    if person is None:
        return
    marked = participant_metric_phases.c
    if work.session.execute(select(marked.participant_id).where(
            marked.participant_id == person.id, marked.phase == payload["phase"]).with_for_update()).first():
        return
    work.session.execute(insert(participant_metric_phases).values(
        participant_id=person.id, phase=payload["phase"],
        answered_at=datetime.fromisoformat(str(payload["answered_at"]).replace("Z", "+00:00"))))
    reminders.touched(work, person.environment_id)


HANDLERS = {"intake.metric.phase_answered": on_phase_answered}
