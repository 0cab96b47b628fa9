"""Competence needs of partners: recording and changing them, counting introductions, and filling a need this
instance holds when its positions are taken by hires."""
from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import delete, insert, or_, select, update

from services.intake.db import competence_needs, need_acceptances, need_skills, partners
from services.intake.domain import N_
from services.intake.domain.errors import ForbiddenFor
from services.intake.domain.partners import (
    RequiredSkill,
    fills_need,
    need_event,
    need_notices,
    need_problems,
    same_title,
)
from services.intake.handlers.partners import partner_of_organisation, partner_row, rights_of
from shared.auth.principal import Principal
from shared.db import WRITTEN
from shared.errors import Conflict, Invalid, NotFound, require
from shared.events.envelope import utcnow
from shared.reference import esco
from shared.runtime import Work

FIELDS = ("title", "description", "work_type", "hours_per_week", "municipality", "start_date", "end_date",
          "people", "hidden_job", "languages", "driving_licence", "status")


def held_need(session, need_id: str):
    """The competence need row when this instance holds it, else None."""
    return session.execute(select(competence_needs).where(competence_needs.c.id == str(need_id))).first()


def record_acceptance(work: Work, need, client_id: str, suggestion_id: str) -> None:
    """Count one accepted client (an introduction) once. An acceptance does not fill the need: a hire does
    (`record_hires`), or the partner saying so."""
    t = need_acceptances
    seen = work.session.execute(select(t.c.id).where(or_(
        t.c.suggestion_id == suggestion_id, (t.c.need_id == need.id) & (t.c.client_id == client_id)))).first()
    if seen is not None:
        return
    work.session.execute(insert(t).values(need_id=need.id, client_id=client_id, suggestion_id=suggestion_id,
                                          accepted_at=utcnow()))


def record_hires(work: Work, need, hires: int) -> None:
    """The partner has hired `hires` candidates for the need: an open need whose positions are taken is filled."""
    if need.status == "open" and fills_need(need.people, hires):
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


def _known_skill(uri: str) -> bool:
    return uri in esco.load_taxonomy().index


def _skills(data: dict) -> list[RequiredSkill]:
    return [RequiredSkill(s["uri"].strip(), bool(s["essential"]), int(s["level"])) for s in data.get("skills") or []]


def need_row(session, need_id):
    """A need by id, or None (also for a malformed id)."""
    try:
        key = str(uuid.UUID(str(need_id)))
    except ValueError:
        return None
    return session.execute(select(competence_needs).where(competence_needs.c.id == key)).first()


ONLY_OWNERS = N_("Only the organisation that recorded the partner and the partner's own users record and change "
                  "its competence needs.")


def visible_need(session, principal, need_id):
    """A need the principal may see (managers: any; partner users: their partner's), else NotFound."""
    row = need_row(session, need_id)
    if row is None:
        raise NotFound("No such competence need")
    if not principal.has("manager"):
        own = partner_of_organisation(session, principal.organisation)
        if own is None or own.id != row.partner_id:
            raise NotFound("No such competence need")
    return row


def require_need_rights(principal, partner) -> None:
    """Forbidden unless the principal may record and change the partner's competence needs."""
    if not rights_of(principal, partner).needs:
        raise ForbiddenFor("Only the organisation that recorded the partner and the partner's own users change its "
                           "competence needs", {"partner_id": [ONLY_OWNERS]})


def target_partner(session, principal, partner_id):
    """The partner a new need belongs to: one the manager's organisation recorded, the own one for a partner user."""
    if principal.has("manager"):
        if partner_id is None:
            raise Invalid({"partner_id": [N_("Choose the partner whose need this is.")]})
        row = partner_row(session, partner_id)
    else:
        row = partner_of_organisation(session, principal.organisation)
        if row is not None and partner_id is not None and str(partner_id) != row.id:
            row = None
    if row is None:
        raise Invalid({"partner_id": [N_("No such partner.")]})
    require_need_rights(principal, row)
    return row


def describe(session, row, lang: str) -> dict:
    """A need with its skills (labelled in the reader's language) and its partner's name."""
    skills = [RequiredSkill(s.skill_uri, s.essential, s.level) for s in session.execute(
        select(need_skills).where(need_skills.c.need_id == row.id)
        .order_by(need_skills.c.essential.desc(), need_skills.c.id))]
    name = session.execute(select(partners.c.name).where(partners.c.id == row.partner_id)).scalar()
    return described(row, skills, name, lang)


def described(row, skills: list[RequiredSkill], partner_name: str | None, lang: str) -> dict:
    """`describe` of a need whose skills (essential first, else as stored) and partner's name are at hand."""
    taxonomy = esco.load_taxonomy()
    data = dict(row._mapping)
    data["skills"] = [{"uri": s.uri, "essential": s.essential, "level": s.level,
                       "label": taxonomy.shown(taxonomy.index[s.uri], lang) if s.uri in taxonomy.index else s.uri}
                      for s in skills]
    data["partner_name"] = partner_name
    data["notices"] = need_notices(row.status, skills)
    return data


def problems_of(data: dict) -> dict:
    """The domain rules' field problems of a need's input (after the schema)."""
    return need_problems(data.get("start_date"), data.get("end_date"), _skills(data), _known_skill)


TWICE = N_("The partner already has an open need with this title: change that need, or give this one a title "
           "of its own.")


def open_namesake(session, partner_id: str, title: str, need_id: str | None = None) -> str | None:
    """The id of the partner's other open need with the same title (letter case and spacing aside), else None."""
    # The database passes on only titles with the same words in the same order (ILIKE, the words joined by `%`), so
    # a partner with thousands of open needs sends back a few rows, not thousands; the exact rule is then
    # `same_title`. (SQLite folds only ASCII letters' case in LIKE: there the check misses "Ä" against "ä".)
    words = [w.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") for w in title.split()]
    rows = session.execute(select(competence_needs.c.id, competence_needs.c.title).where(
        competence_needs.c.partner_id == partner_id, competence_needs.c.status == "open",
        competence_needs.c.id != (need_id or ""),
        competence_needs.c.title.ilike("%".join(words), escape="\\"))).all()
    return next((row.id for row in rows if same_title(row.title, title)), None)


def refuse_twice(session, partner_id: str, data: dict, need_id: str | None = None) -> None:
    """Conflict (409 on the title) when an open need would be recorded a second time for the same partner."""
    if data.get("status", "open") != "open":
        return
    # One statement, no lock: a retried request is answered by its Idempotency-Key, not recorded again.
    if open_namesake(session, partner_id, data["title"], need_id) is not None:
        raise Conflict(TWICE, on="title", code="duplicate_need")


# A new need's INSERT, built once: its values are the parameters of each execution (building the statement with
# `.values()` and its cache key for every need cost ~0.3 ms of a POST's CPU).
INSERT_NEED = insert(competence_needs).returning(*competence_needs.c)
INSERT_SKILLS = insert(need_skills).inline()  # no id asked back (Work.write_at_commit)


def save_need(work, principal, partner, data: dict, need_id: str | None = None) -> tuple[Any, list[RequiredSkill]]:
    """Record or replace a need after checking its rules; publish it in the same transaction. Returns its row as
    stored and its skills in `describe`'s order, so that nothing needs to be read back."""
    skills = _skills(data)
    require(problems_of(data))
    session, now = work.session, utcnow()
    refuse_twice(session, partner.id, data, need_id)
    values = {k: data.get(k) for k in FIELDS}
    values["title"] = values["title"].strip()
    if need_id is None:
        need_id = str(uuid.uuid4())
        row = WRITTEN.execute(session, INSERT_NEED, dict(
            id=need_id, partner_id=partner.id, recorded_by_organisation=principal.organisation,
            created_by=principal.user_id, created_at=now, updated_at=now, **values)).one()
    else:
        row = session.execute(update(competence_needs).where(competence_needs.c.id == need_id)
                              .values(updated_at=now, **values).returning(*competence_needs.c)).one()
        session.execute(delete(need_skills).where(need_skills.c.need_id == need_id))
    if skills:  # sent with the COMMIT: nothing reads them back, and each was checked (known, listed once)
        work.write_at_commit(INSERT_SKILLS, [dict(need_id=need_id, skill_uri=s.uri, essential=s.essential,
                                                  level=s.level) for s in skills])
    # A need is announced by the member organisation that recorded (and hosts) its partner.
    work.emit("intake.need.published", need_event({"id": need_id, "partner_id": partner.id, **values}, skills),
              organisation=partner.recorded_by_organisation)
    return row, sorted(skills, key=lambda s: not s.essential)  # describe's order: essential first, then as stored


def need_as_input(session, row) -> dict:
    """A stored need in the shape of CompetenceNeedIn (for partial changes and edit forms)."""
    data = {k: getattr(row, k) for k in FIELDS}
    data["partner_id"] = row.partner_id
    data["skills"] = [{"uri": s["uri"], "essential": s["essential"], "level": s["level"]}
                      for s in describe(session, row, "en")["skills"]]
    return data


def change_need(work: Work, principal: Principal, need_id, data: dict, lang: str, *, partial: bool) -> dict:
    """Replace (or, when partial, amend) a need the principal may edit; it stays with its partner."""
    row = visible_need(work.session, principal, need_id)
    partner = partner_row(work.session, row.partner_id)
    require_need_rights(principal, partner)
    if data.get("partner_id") is not None and str(data["partner_id"]) != row.partner_id:
        raise Invalid({"partner_id": [N_("A need stays with its partner.")]})
    if partial:
        data = {**need_as_input(work.session, row), **data}
    return described(*save_need(work, principal, partner, data, row.id), partner.name, lang)


def needs_list(session, principal: Principal, lang: str, *, partner_id=None, status: str | None = None) -> list[dict]:
    """Competence needs, newest change first (a partner user: only their own partner's)."""
    stmt = select(competence_needs).order_by(competence_needs.c.updated_at.desc()).limit(1000)
    if not principal.has("manager"):
        own = partner_of_organisation(session, principal.organisation)
        if own is None:
            return []
        stmt = stmt.where(competence_needs.c.partner_id == own.id)
    if partner_id:
        stmt = stmt.where(competence_needs.c.partner_id == str(partner_id))
    if status:
        stmt = stmt.where(competence_needs.c.status == status)
    return [describe(session, row, lang) for row in session.execute(stmt)]


def needs_of_partner(session, partner_id: str, lang: str) -> list[dict]:
    """Every competence need of one partner, newest change first."""
    rows = session.execute(select(competence_needs).where(competence_needs.c.partner_id == partner_id)
                           .order_by(competence_needs.c.updated_at.desc()))
    return [describe(session, row, lang) for row in rows]


def record_need(work: Work, principal: Principal, data: dict, lang: str) -> dict:
    """Record a need of a partner the principal may record needs for; returns it as stored."""
    partner = target_partner(work.session, principal, data.get("partner_id"))
    return described(*save_need(work, principal, partner, data), partner.name, lang)


def show_need(session, principal: Principal, need_id, lang: str) -> dict:
    """A need the principal may see."""
    return describe(session, visible_need(session, principal, need_id), lang)
