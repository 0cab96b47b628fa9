"""A manager accepts or declines a suggestion of their own organisation's client."""
from __future__ import annotations

from sqlalchemy import select, update

from services.matching.db import decisions, environment_roles, environments, needs, profiles, suggestions
from services.matching.domain import targets
from services.matching.handlers.suggestion_list import suggestion_of
from services.matching.handlers.suggestions import OPEN, ref
from shared.auth import Principal
from shared.errors import N_, Conflict, Invalid
from shared.events.envelope import utcnow
from shared.runtime import Work


class AlreadyDecided(Conflict):
    """The suggestion is no longer open; the API reports the status it has now under `status`."""

    def __init__(self, current: str) -> None:
        super().__init__(N_("The suggestion has already been decided or withdrawn"))
        self.current = current

    @property
    def fields(self) -> dict:
        return {"status": [self.current]}


def current_fingerprints(session, row, index) -> tuple[str, str] | None:
    """The (target, profile) fingerprints as they are now, or None when the pair cannot be matched any more."""
    profile = session.execute(select(profiles.c.record).where(profiles.c.client_id == row.client_id,
                                                              profiles.c.status == "shared")).scalar()
    if profile is None:
        return None
    if row.target_kind == targets.NEED:
        record = session.execute(select(needs.c.record).where(needs.c.need_id == row.target_id)).scalar()
        target = targets.need(row.target_id, record, index) if record is not None else None
    else:
        role = session.execute(select(environment_roles.c.record, environment_roles.c.environment_id)
                               .where(environment_roles.c.role_id == row.target_id)).first()
        environment = None if role is None else session.execute(
            select(environments.c.record).where(environments.c.environment_id == role.environment_id)).scalar()
        target = targets.role(row.target_id, role.record, environment, index) if role is not None else None
    if target is None:
        return None
    return target.fingerprint(), targets.profile(row.client_id, profile, index).fingerprint()


def decide(work: Work, principal: Principal, suggestion_id: str, accepted: bool, reason: str | None,
           index) -> dict:
    """Record the decision with the fingerprints it is made under, and tell the network."""
    if not accepted and not (reason or "").strip():
        raise Invalid({"reason": [N_("Give a reason for declining.")]})
    row = suggestion_of(work.session, principal, suggestion_id)
    if row.status != OPEN:
        raise AlreadyDecided(row.status)
    fingerprints = current_fingerprints(work.session, row, index)
    if fingerprints is None:
        raise Conflict(N_("The profile is no longer shared or the target is closed"), on=None)
    now = utcnow()
    status = "accepted" if accepted else "declined"
    work.session.execute(update(suggestions).where(suggestions.c.id == row.id).values(status=status, decided_at=now))
    work.session.execute(decisions.insert().values(
        suggestion_id=row.id, client_id=row.client_id, organisation=row.organisation, target_kind=row.target_kind,
        target_id=row.target_id, accepted=accepted, reason=reason, need_fingerprint=fingerprints[0],
        profile_fingerprint=fingerprints[1], rank=row.rank, decided_at=now, decided_by=principal.user_id,
        in_force=True))
    work.emit(f"matching.suggestion.{status}", {**ref(row), "has_reason": bool((reason or "").strip())})
    return {"id": row.id, "status": status, "decided_at": now, "reason": reason}
