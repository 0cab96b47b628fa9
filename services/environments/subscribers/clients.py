"""What environments does when intake registers or erases a client, or a consent is withdrawn.

Registration: the client becomes known as a client of the announcing organisation, whose managers alone may
enrol them (`known_clients`; the broker vouches for the announcing organisation).

Erasure (GDPR Art. 17): the participant rows lose their link to the client and every free text
about the person (team name, goals, withdrawal reason, survey and assessment texts, outcome
descriptions); the gender goes; a badge is revoked; refused enrolments of accepted suggestions go.
The anonymous values stay for the statistics: the role and dates, survey and assessment scores, metric
values and outcome kinds.
"""
from __future__ import annotations

from sqlalchemy import delete, insert, select, update

from services.environments.db import known_clients, participants, refused_enrolments
from services.environments.handlers.retention import anonymise_participations
from shared.events.envelope import Envelope, utcnow
from shared.runtime import Work


def _participations(work: Work, envelope: Envelope) -> list[str]:
    return list(work.session.execute(select(participants.c.id).where(
        participants.c.client_id == str(envelope.payload["client_id"]),
        participants.c.client_organisation == envelope.organisation)).scalars())


def on_client_registered(work: Work, envelope: Envelope) -> None:
    """Know the client as a client of the organisation that registered them (once)."""
    client_id = str(envelope.payload["client_id"])
    if work.session.execute(select(known_clients.c.client_id).where(
            known_clients.c.organisation == envelope.organisation, known_clients.c.client_id == client_id)).first():
        return
    work.session.execute(insert(known_clients).values(organisation=envelope.organisation, client_id=client_id,
                                                      received_at=utcnow()))


def on_client_erased(work: Work, envelope: Envelope) -> None:
    """Unlink the erased client and remove what was written about them; keep anonymous values."""
    work.session.execute(delete(known_clients).where(
        known_clients.c.client_id == str(envelope.payload["client_id"]),
        known_clients.c.organisation == envelope.organisation))
    work.session.execute(delete(refused_enrolments).where(
        refused_enrolments.c.client_id == str(envelope.payload["client_id"]),
        refused_enrolments.c.client_organisation == envelope.organisation))
    anonymise_participations(work, _participations(work, envelope))


def on_consent_withdrawn(work: Work, envelope: Envelope) -> None:
    """Without the statistics consent the gender goes; the other purposes hold nothing here."""
    if envelope.payload.get("purpose") != "statistics":
        return
    ids = _participations(work, envelope)
    if ids:
        work.session.execute(update(participants).where(participants.c.id.in_(ids)).values(gender=None))


HANDLERS = {"intake.client.registered": on_client_registered, "intake.client.erased": on_client_erased,
            "intake.consent.withdrawn": on_consent_withdrawn}
