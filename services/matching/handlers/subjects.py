"""What matching holds about one client: the profile, suggestions, decisions, participations and what partners
told after an introduction."""
from __future__ import annotations

from sqlalchemy import select

from services.matching.db import candidate_feedback, decisions, feedback_reminders, participants, profiles, suggestions
from shared.auth.principal import Principal
from shared.privacy.holdings import collect
from shared.runtime import Work


def holdings(work: Work, principal: Principal, client_id: str) -> dict[str, list[dict]]:
    """Matching's rows about a client of the principal's own organisation (nothing for anyone else's)."""
    org = principal.organisation
    own = work.session.execute(select(profiles.c.client_id).where(
        profiles.c.client_id == client_id, profiles.c.organisation == org).union(
        select(suggestions.c.client_id).where(suggestions.c.client_id == client_id,
                                              suggestions.c.organisation == org))).first()
    if own is None:
        return {}
    return collect(work.session, {
        "profiles": select(profiles).where(profiles.c.client_id == client_id),
        "suggestions": select(suggestions).where(suggestions.c.client_id == client_id).order_by(suggestions.c.made_at),
        "decisions": select(decisions).where(decisions.c.client_id == client_id).order_by(decisions.c.decided_at),
        "participants": select(participants).where(participants.c.client_id == client_id),
        "candidate_feedback": select(candidate_feedback).where(candidate_feedback.c.client_id == client_id)
        .order_by(candidate_feedback.c.recorded_at),
        "feedback_reminders": select(feedback_reminders).where(feedback_reminders.c.client_id == client_id),
    })
