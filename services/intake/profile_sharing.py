"""Sharing a client's competence profile with the network for matching, only under consent (b)."""
from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from services.intake.consent_state import has_consent
from services.intake.db import profile_skills, profiles
from services.intake.domain.profile import Availability, shared_profile
from shared.runtime import Work


def availability_of(session: Session, client_id: str) -> Availability:
    """The client's availability as stored (an empty one before the profile is first saved)."""
    row = session.execute(select(profiles).where(profiles.c.client_id == str(client_id))).first()
    if row is None:
        return Availability()
    return Availability(
        hours_per_week=row.hours_per_week, available_from=row.available_from, available_until=row.available_until,
        work_types=tuple(row.work_types or ()), municipalities=tuple(row.municipalities or ()),
        service_areas=tuple(row.service_areas or ()), driving_licence=bool(row.driving_licence),
        languages=tuple(row.languages or ()))


def skills_of(session: Session, client_id: str) -> list:
    """The client's skill entries, oldest first."""
    return list(session.execute(select(profile_skills).where(profile_skills.c.client_id == str(client_id))
                                .order_by(profile_skills.c.added_at, profile_skills.c.id)).mappings())


def share_profile(work: Work, client_row) -> bool:
    """Emit intake.profile.shared if the client has consented to profile sharing (b); return whether it did.

    Only an active case is shared: a closed or erased client's profile stays out of matching.
    """
    if client_row.status != "active" or not has_consent(work.session, client_row.id, "profile_sharing"):
        return False
    payload = shared_profile(client_row.id, availability_of(work.session, client_row.id),
                             skills_of(work.session, client_row.id), [client_row.field_of_education])
    work.emit("intake.profile.shared", payload, organisation=client_row.organisation)
    return True
