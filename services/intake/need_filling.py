"""Counting accepted matches against a need this instance holds, and marking the need filled."""
from __future__ import annotations

from sqlalchemy import func, insert, or_, select, update

from services.intake.db import competence_needs, need_acceptances, need_skills, partners
from services.intake.domain.partners import RequiredSkill, need_event
from shared.events.envelope import utcnow
from shared.runtime import Work


def held_need(session, need_id: str):
    """The competence need row when this instance holds it, else None."""
    return session.execute(select(competence_needs).where(competence_needs.c.id == str(need_id))).first()


def record_acceptance(work: Work, need, client_id: str, suggestion_id: str) -> None:
    """Count one accepted client once; an open need with as many acceptances as people becomes filled."""
    t = need_acceptances
    seen = work.session.execute(select(t.c.id).where(or_(
        t.c.suggestion_id == suggestion_id, (t.c.need_id == need.id) & (t.c.client_id == client_id)))).first()
    if seen is not None:
        return
    work.session.execute(insert(t).values(need_id=need.id, client_id=client_id, suggestion_id=suggestion_id,
                                          accepted_at=utcnow()))
    accepted = work.session.execute(select(func.count()).select_from(t).where(t.c.need_id == need.id)).scalar_one()
    if need.status == "open" and accepted >= need.people:
        mark_filled(work, need)


def mark_filled(work: Work, need) -> None:
    """Set the need's status to filled and publish it as intake publishes every change of a need."""
    work.session.execute(update(competence_needs).where(competence_needs.c.id == need.id)
                         .values(status="filled", updated_at=utcnow()))
    skills = [RequiredSkill(s.skill_uri, s.essential, s.level) for s in work.session.execute(
        select(need_skills).where(need_skills.c.need_id == need.id).order_by(need_skills.c.id))]
    # Announced, as every change of a need is, by the member organisation that hosts the partner.
    host = work.session.execute(select(partners.c.recorded_by_organisation)
                                .where(partners.c.id == need.partner_id)).scalar_one()
    values = {**need._mapping, "status": "filled"}
    work.emit("intake.need.published", need_event(values, skills), organisation=host)
