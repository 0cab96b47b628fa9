"""Accepted suggestions the seat rules refused: what the environment's page shows its managers."""
from __future__ import annotations

from sqlalchemy import and_, bindparam, exists, select

from services.environments.db import participants, refused_enrolments, roles
from services.environments.handlers import access as acl
from services.environments.handlers.kept import read_of
from shared.auth.principal import Principal
from shared.db import Read


def refused_for(session, principal: Principal, row, access: acl.Access) -> list:
    """Still-unresolved refusals: all for the host's managers, their own clients' for other managers."""
    wanted = refused_read(principal, row, access)
    return [] if wanted is None else read_of(session, wanted).all()


def refused_read(principal: Principal, row, access: acl.Access) -> Read | None:
    """`refused_for`'s read (None: the principal sees no refusals)."""
    if not access.enrol:
        return None
    if access.edit:
        return Read("refused.all", lambda d: _refused(), {"environment_id": row.id})
    return Read("refused.own", lambda d: _refused().where(
        refused_enrolments.c.client_organisation == bindparam("organisation")),
        {"environment_id": row.id, "organisation": principal.organisation})


def _refused():
    r = refused_enrolments
    enrolled_since = exists().where(and_(participants.c.environment_id == r.c.environment_id,
                                         participants.c.client_id == r.c.client_id,
                                         participants.c.client_organisation == r.c.client_organisation))
    return (select(r.c.suggestion_id, r.c.client_organisation, r.c.reason, r.c.refused_at,
                   roles.c.title.label("role_title"))
            .outerjoin(roles, roles.c.id == r.c.role_id)
            .where(r.c.environment_id == bindparam("environment_id"), ~enrolled_since).order_by(r.c.refused_at))
