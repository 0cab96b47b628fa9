"""Open Badges 2.0: a student asks for a badge of a completed participation; anyone may verify it."""
from __future__ import annotations

import uuid

from sqlalchemy import insert, select

from services.environments.db import badges, environments, participants
from services.environments.domain import N_, Conflict, Forbidden
from services.environments.domain import badges as ob
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


def badge_class_document(session, assertion_id, urls) -> dict | None:
    """The BadgeClass behind one assertion: what was done, aligned only with the skills this holder demonstrated.

    Each holder has a class of their own, because a class aligned with every skill of the environment's roles
    would claim skills that partners never confirmed for the holder. None when there is no such badge or it
    was revoked (its assertion then answers 410).
    """
    badge = _badge(session, assertion_id)
    if badge is None or badge.revoked_at is not None or badge.identity_hash is None:
        return None
    row = session.execute(select(environments).where(environments.c.id == badge.environment_id)).first()
    holder = session.execute(select(participants.c.demonstrated_skills)
                             .where(participants.c.id == badge.participant_id)).scalar()
    if row is None:
        return None
    p = views.parts(session, row)
    partners = ", ".join(x.name for x in p.partners)
    partners_word = "kumppanin" if len(p.partners) == 1 else "kumppanien"  # "yhdessä kumppanin X kanssa"
    fields_ = [views.field_name(c, "fi") for c in p.multidisciplinarity.fields]
    return ob.badge_class(
        urls.badge_class(badge.id), issuer_url=urls.issuer(), name=f"Projektioppimisympäristö: {row.name}",
        description=row.description or row.name, image=urls.image(),
        criteria=(f"Osallistui monialaiseen projektioppimisympäristöön \"{row.name}\""
                  + (f" yhdessä {partners_word} {partners} kanssa" if partners else "") + " ja suoritti sen."),
        alignments=[{"targetName": views.skill_label(s["uri"], "fi"), "targetUrl": s["uri"],
                     "targetFramework": "ESCO"} for s in sorted(holder or [], key=lambda s: s["uri"])],
        tags=fields_)


def _badge(session, assertion_id):
    try:
        key = str(uuid.UUID(str(assertion_id)))
    except ValueError:
        return None
    return session.execute(select(badges).where(badges.c.id == key)).first()


def assertion_document(session, assertion_id, urls) -> tuple[dict, int] | None:
    """The hosted assertion (200), its revocation (410), or None when there never was one."""
    row = _badge(session, assertion_id)
    if row is None:
        return None
    if row.revoked_at is not None or row.identity_hash is None:
        return ob.revoked(urls.assertion(row.id)), 410
    return ob.assertion(urls.assertion(row.id), badge_url=urls.badge_class(row.id),
                        identity_hash=row.identity_hash, identity_type=row.identity_type, salt=row.salt,
                        issued_on=row.issued_at), 200
