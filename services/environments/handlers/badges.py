"""Open Badges 2.0: a student asks for a badge of a completed participation; anyone may verify it."""
from __future__ import annotations

import uuid

from sqlalchemy import insert, select

from services.environments.db import badges, environments, roles
from services.environments.domain import N_, Conflict, Forbidden
from services.environments.domain import badges as ob
from services.environments.domain.lifecycle import COMPLETED, EVALUATED
from services.environments.domain.participation import COMPLETED as PARTICIPANT_COMPLETED
from services.environments.handlers import access as acl
from services.environments.handlers import views
from shared.auth.principal import Principal
from shared.events.envelope import utcnow
from shared.runtime import Work

ISSUER_NAME = "Sosiaalinen kampus – projektioppimisympäristöt"


def issue_badge(work: Work, principal: Principal, person, identity: str, identity_type: str) -> str:
    """A badge for the student's own completed participation; the identity is kept only as a salted hash."""
    if not acl.is_own_client(principal, person):
        raise Forbidden("Only the student themself asks for their badge")
    if person.status != PARTICIPANT_COMPLETED:
        raise Conflict(N_("A badge is given for a completed participation."))
    if views.badge_of(work.session, person.id) is not None:
        raise Conflict(N_("The badge has already been given."))
    salt = ob.new_salt()
    assertion_id = str(uuid.uuid4())
    work.session.execute(insert(badges).values(
        id=assertion_id, participant_id=person.id, environment_id=person.environment_id, identity_type=identity_type,
        identity_hash=ob.hash_identity(ob.normalise_identity(identity, identity_type), salt), salt=salt,
        issued_at=utcnow()))
    return assertion_id


def badge_class_document(session, environment_id, urls) -> dict | None:
    """The BadgeClass of a completed environment: what was done, and the skills of its roles."""
    row = session.execute(select(environments).where(environments.c.id == str(environment_id))).first()
    if row is None or row.status not in (COMPLETED, EVALUATED):
        return None
    p = views.parts(session, row)
    skills = {s["uri"] for r in session.execute(select(roles.c.skills).where(roles.c.environment_id == row.id))
              .scalars() for s in r or []}
    partners = ", ".join(x.name for x in p.partners)
    fields_ = [views.field_name(c, "fi") for c in p.multidisciplinarity.fields]
    return ob.badge_class(
        urls.badge_class(row.id), issuer_url=urls.issuer(), name=f"Projektioppimisympäristö: {row.name}",
        description=row.description or row.name, image=urls.image(),
        criteria=(f"Osallistui monialaiseen projektioppimisympäristöön \"{row.name}\""
                  + (f" yhdessä kumppanien {partners} kanssa" if partners else "") + " ja suoritti sen."),
        alignments=[{"targetName": views.skill_label(uri, "fi"), "targetUrl": uri, "targetFramework": "ESCO"}
                    for uri in sorted(skills)],
        tags=fields_)


def assertion_document(session, assertion_id, urls) -> tuple[dict, int] | None:
    """The hosted assertion (200), its revocation (410), or None when there never was one."""
    try:
        key = str(uuid.UUID(str(assertion_id)))
    except ValueError:
        return None
    row = session.execute(select(badges).where(badges.c.id == key)).first()
    if row is None:
        return None
    if row.revoked_at is not None or row.identity_hash is None:
        return ob.revoked(urls.assertion(row.id)), 410
    return ob.assertion(urls.assertion(row.id), badge_url=urls.badge_class(row.environment_id),
                        identity_hash=row.identity_hash, identity_type=row.identity_type, salt=row.salt,
                        issued_on=row.issued_at), 200
