"""What environments holds about one client: participations and what was said and measured in them."""
from __future__ import annotations

from sqlalchemy import select

from services.environments.db import (
    assessments,
    badges,
    known_clients,
    outcomes,
    participant_metric_phases,
    participants,
    refused_enrolments,
    surveys,
)
from shared.auth.principal import Principal
from shared.privacy.holdings import collect
from shared.runtime import Work


def holdings(work: Work, principal: Principal, client_id: str) -> dict[str, list[dict]]:
    """Environments' rows about a client of the principal's own organisation (nothing for anyone else's)."""
    org = principal.organisation
    mine = participants.c.client_id == client_id, participants.c.client_organisation == org
    known = work.session.execute(select(known_clients.c.client_id).where(
        known_clients.c.client_id == client_id, known_clients.c.organisation == org)).first()
    ids = select(participants.c.id).where(*mine).scalar_subquery()
    if known is None and work.session.execute(select(participants.c.id).where(*mine)).first() is None:
        return {}
    return collect(work.session, {
        "known_clients": select(known_clients).where(known_clients.c.client_id == client_id,
                                                    known_clients.c.organisation == org),
        "participants": select(participants).where(*mine),
        "participant_metric_phases": select(participant_metric_phases).where(
            participant_metric_phases.c.participant_id.in_(ids)),
        "surveys": select(surveys).where(surveys.c.participant_id.in_(ids)),
        "assessments": select(assessments).where(assessments.c.participant_id.in_(ids)),
        "outcomes": select(outcomes).where(outcomes.c.participant_id.in_(ids)),
        "badges": select(badges).where(badges.c.participant_id.in_(ids)),
        "refused_enrolments": select(refused_enrolments).where(refused_enrolments.c.client_id == client_id,
                                                              refused_enrolments.c.client_organisation == org),
    })
