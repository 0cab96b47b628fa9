"""Commands on environments: create and edit them, their roles, the gender-neutral review and the lifecycle."""
from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import delete, func, insert, select, update

from services.environments.db import (
    assessments,
    competence_needs,
    environment_needs,
    environment_partners,
    environments,
    participants,
    partners,
    review_items,
    roles,
)
from services.environments.domain import N_, Conflict, Invalid, NotFound, lifecycle, require, review
from services.environments.domain import environment as rules
from services.environments.domain.evaluation import OVERALL
from services.environments.domain.participation import ENROLLED
from services.environments.handlers import access as acl
from services.environments.handlers import payloads, reminders, views
from services.environments.handlers.evidence import complete_participant
from shared import clock
from shared.auth.principal import Principal
from shared.events.envelope import utcnow
from shared.reference import education, esco, municipalities
from shared.runtime import Work

DETAILS = ("name", "description", "fields_of_education", "municipality", "service_area", "starts_on", "ends_on",
           "capacity", "learning_goals")
TIMESTAMP_OF = {lifecycle.OPEN: "opened_at", lifecycle.RUNNING: "started_at", lifecycle.COMPLETED: "completed_at",
                lifecycle.EVALUATED: "evaluated_at", lifecycle.CANCELLED: "cancelled_at"}


def known_skill(uri: str) -> bool:
    return uri in esco.load_taxonomy().index


def _role_spec(data: dict) -> rules.RoleSpec:
    return rules.RoleSpec(title=data["title"], seats=data["seats"], description=data.get("description"),
                          fields=tuple(data.get("fields") or ()),
                          skills=tuple(rules.RoleSkill(s["uri"], s["level"]) for s in data.get("skills") or ()))


def _place(data: dict) -> dict:
    """The service area checked against the configured areas, or derived from the municipality."""
    areas = municipalities.service_areas()
    area, municipality = data.get("service_area"), data.get("municipality")
    if area and area not in areas:
        return {"service_area": [N_("Unknown service area.")]}
    problems = rules.place_problems(municipality, area, lambda m: municipalities.service_area_of(m, areas))
    if not problems and municipality and not area:
        found = municipalities.service_area_of(municipality, areas)
        data["service_area"] = found[0] if found else None
    return problems


def _partners_and_needs(session, data: dict) -> tuple[list, list, dict]:
    """The chosen partners and needs from the read models; problems when one is unknown or does not fit."""
    problems: dict = {}
    partner_ids = [str(p) for p in data.get("partner_ids") or []]
    found = {r.id: r for r in session.execute(select(partners).where(partners.c.id.in_(partner_ids)))}
    bad = {str(i): [N_("Unknown partner: it must be recorded in intake first.")]
           for i, pid in enumerate(partner_ids) if pid not in found}
    if len(set(partner_ids)) != len(partner_ids):
        problems["partner_ids"] = [N_("The same partner is listed twice.")]
    elif bad:
        problems["partner_ids"] = bad
    need_ids = [str(n) for n in data.get("need_ids") or []]
    needs = {r.id: r for r in session.execute(select(competence_needs).where(competence_needs.c.id.in_(need_ids)))}
    bad = {}
    for i, nid in enumerate(need_ids):
        if nid not in needs:
            bad[str(i)] = [N_("Unknown competence need.")]
        elif needs[nid].partner_id not in partner_ids:
            bad[str(i)] = [N_("The need belongs to a partner that is not in this environment.")]
    if bad:
        problems["need_ids"] = bad
    return [found[p] for p in dict.fromkeys(partner_ids) if p in found], \
        [needs[n] for n in dict.fromkeys(need_ids) if n in needs], problems


def _detail_problems(session, data: dict) -> tuple[list, list, dict]:
    problems = {**rules.field_problems(data.get("fields_of_education") or [], education.is_valid),
                **rules.period_problems(data.get("starts_on"), data.get("ends_on")), **_place(data)}
    chosen_partners, chosen_needs, partner_problems = _partners_and_needs(session, data)
    return chosen_partners, chosen_needs, {**problems, **partner_problems}


def _set_partners(session, environment_id: str, chosen_partners: list, chosen_needs: list) -> None:
    session.execute(delete(environment_partners).where(environment_partners.c.environment_id == environment_id))
    session.execute(delete(environment_needs).where(environment_needs.c.environment_id == environment_id))
    if chosen_partners:
        session.execute(insert(environment_partners), [
            {"environment_id": environment_id, "partner_id": p.id, "name": p.name, "kind": p.kind,
             "organisation": p.organisation} for p in chosen_partners])
    if chosen_needs:
        session.execute(insert(environment_needs), [
            {"environment_id": environment_id, "need_id": n.id, "partner_id": n.partner_id, "title": n.title}
            for n in chosen_needs])


def _institutions(principal: Principal, given) -> list[str]:
    return list(dict.fromkeys([principal.organisation, *(given or [])]))


def create_environment(work: Work, principal: Principal, data: dict) -> str:
    """Draft an environment hosted by the manager's organisation, with its partners, needs and roles."""
    session = work.session
    chosen_partners, chosen_needs, problems = _detail_problems(session, data)
    role_data = data.get("roles") or []
    role_problems = {str(i): p for i, r in enumerate(role_data)
                     if (p := rules.role_problems(_role_spec(r), education.is_valid, known_skill))}
    if role_problems:
        problems["roles"] = role_problems
    require(problems)
    env_id, now = str(uuid.uuid4()), utcnow()
    values = {k: data.get(k) for k in DETAILS}
    values["fields_of_education"] = list(values["fields_of_education"] or [])
    session.execute(insert(environments).values(
        id=env_id, host_organisation=principal.organisation, institutions=_institutions(principal, data.get(
            "institutions")), status=lifecycle.DRAFT, created_by=principal.user_id, created_at=now, updated_at=now,
        **values))
    _set_partners(session, env_id, chosen_partners, chosen_needs)
    for position, role in enumerate(role_data):
        _insert_role(session, env_id, role, position)
    reminders.touched(work, env_id)
    work.emit("environments.environment.created", payloads.described(views.parts(session, views.environment_row(
        session, env_id))))
    return env_id


def update_environment(work: Work, principal: Principal, row, access: acl.Access, data: dict) -> None:
    """Change an environment's details and partners while it is a draft or open."""
    acl.require_edit(access)
    session = work.session
    if row.status not in lifecycle.EDITABLE:
        raise Conflict(N_("Only a draft or open environment can be edited."))
    chosen_partners, chosen_needs, problems = _detail_problems(session, data)
    taken = sum(views.taken_seats(session, row.id).values())
    require({**problems, **rules.capacity_problems(data["capacity"], taken)})
    values = {k: data.get(k) for k in DETAILS}
    values["fields_of_education"] = list(values["fields_of_education"] or [])
    session.execute(update(environments).where(environments.c.id == row.id).values(
        institutions=_institutions(principal, data.get("institutions")), updated_at=utcnow(), **values))
    reminders.touched(work, row.id)  # its name, its texts (the review's language check), its partners
    before = set(session.execute(select(environment_partners.c.partner_id)
                                 .where(environment_partners.c.environment_id == row.id)).scalars())
    _set_partners(session, row.id, chosen_partners, chosen_needs)
    if before != {p.id for p in chosen_partners}:  # who may read the team's conversation changed
        work.emit("environments.environment.partners_changed", {
            "environment_id": row.id, "host_organisation": row.host_organisation,
            "partner_ids": sorted(p.id for p in chosen_partners)})
    _announce_change(work, row)


def _announce_change(work: Work, row) -> None:
    """An open environment's new shape after a change of its details or roles, for matching to match its roles as
    they are now (a draft's shape is announced whole when it opens)."""
    if row.status == lifecycle.OPEN:
        session = work.session
        work.emit("environments.environment.changed", payloads.described(views.parts(
            session, views.environment_row(session, row.id))))


# --- roles -----------------------------------------------------------------------------------------
def _role_values(role: dict) -> dict:
    return {"title": role["title"].strip(), "description": (role.get("description") or "").strip() or None,
            "seats": role["seats"], "fields": list(role.get("fields") or []),
            "skills": [{"uri": s["uri"], "level": s["level"]} for s in role.get("skills") or []]}


def _insert_role(session, environment_id: str, role: dict, position: int) -> str:
    role_id = str(uuid.uuid4())
    session.execute(insert(roles).values(id=role_id, environment_id=environment_id, position=position,
                                         **_role_values(role)))
    return role_id


def _editable_roles(row, access: acl.Access) -> None:
    acl.require_edit(access)
    if row.status not in lifecycle.EDITABLE:
        raise Conflict(N_("Roles can be changed only while the environment is a draft or open."))


def add_role(work: Work, row, access: acl.Access, data: dict) -> str:
    """Add a role (seats with wanted skills and fields)."""
    _editable_roles(row, access)
    require(rules.role_problems(_role_spec(data), education.is_valid, known_skill))
    position = work.session.execute(select(func.count()).select_from(roles)
                                    .where(roles.c.environment_id == row.id)).scalar_one()
    role_id = _insert_role(work.session, row.id, data, position)
    reminders.touched(work, row.id)  # the role's texts (the review's language check)
    work.session.execute(update(environments).where(environments.c.id == row.id).values(updated_at=utcnow()))
    _announce_change(work, row)
    return role_id


def role_row(session, environment_id: str, role_id):
    found = session.execute(select(roles).where(roles.c.id == str(role_id), roles.c.environment_id == environment_id)
                            ).first()
    if found is None:
        raise NotFound("No such role")
    return found


def update_role(work: Work, row, access: acl.Access, role_id, data: dict) -> None:
    """Change a role; its seats cannot go under the people already in it."""
    _editable_roles(row, access)
    role = role_row(work.session, row.id, role_id)
    problems = rules.role_problems(_role_spec(data), education.is_valid, known_skill)
    taken = views.taken_seats(work.session, row.id).get(role.id, 0)
    if data["seats"] < taken:
        problems["seats"] = [N_("There are more participants in this role than that.")]
    require(problems)
    work.session.execute(update(roles).where(roles.c.id == role.id).values(**_role_values(data)))
    reminders.touched(work, row.id)
    _announce_change(work, row)


def delete_role(work: Work, row, access: acl.Access, role_id) -> None:
    """Remove a role nobody has taken part in."""
    _editable_roles(row, access)
    role = role_row(work.session, row.id, role_id)
    used = work.session.execute(select(participants.c.id).where(participants.c.role_id == role.id)).first()
    if used is not None:
        raise Conflict(N_("Somebody has taken part in this role: it cannot be removed."))
    work.session.execute(delete(roles).where(roles.c.id == role.id))
    reminders.touched(work, row.id)
    _announce_change(work, row)


# --- the gender-neutral review -------------------------------------------------------------------
def save_review(work: Work, principal: Principal, row, access: acl.Access, items: list[dict]) -> None:
    """Record checklist items as reviewed by this manager now (unchanged items keep who reviewed them)."""
    acl.require_edit(access)
    if row.status not in lifecycle.EDITABLE:
        raise Conflict(N_("The review can be changed only while the environment is a draft or open."))
    p = views.parts(work.session, row)
    findings = len(p.findings)
    problems = {str(i): found for i, item in enumerate(items)
                if (found := review.item_problems(item["item"], item["checked"], item.get("note"), findings))}
    keys = [item["item"] for item in items]
    if len(set(keys)) != len(keys):
        problems["_schema"] = [N_("An item is listed twice.")]
    if problems:
        raise Invalid({"items": problems})
    now = utcnow()
    reminders.touched(work, row.id)
    for item in items:
        note = (item.get("note") or "").strip() or None
        old = p.review.get(item["item"])
        if old is not None and old.checked == item["checked"] and (old.note or None) == note:
            continue
        work.session.execute(delete(review_items).where(review_items.c.environment_id == row.id,
                                                        review_items.c.item == item["item"]))
        work.session.execute(insert(review_items).values(
            environment_id=row.id, item=item["item"], checked=item["checked"], note=note,
            reviewed_by=principal.user_id, reviewer_name=principal.name or principal.username, reviewed_at=now))


# --- the lifecycle -------------------------------------------------------------------------------
def busy_elsewhere(session, environment_id: str) -> set[tuple]:
    """Enrolled students of this environment who are enrolled in another running environment, as (client id,
    organisation)."""
    here = select(participants.c.client_id, participants.c.client_organisation).where(
        participants.c.environment_id == environment_id, participants.c.status == ENROLLED,
        participants.c.client_id.is_not(None))
    mine = {(r.client_id, r.client_organisation) for r in session.execute(here)}
    if not mine:
        return set()
    others = session.execute(select(participants.c.client_id, participants.c.client_organisation).join(
        environments, environments.c.id == participants.c.environment_id).where(
        environments.c.id != environment_id, environments.c.status == lifecycle.RUNNING,
        participants.c.status == ENROLLED, participants.c.client_id.in_([c for c, _ in mine]))).all()
    return {(r.client_id, r.client_organisation) for r in others} & mine


def situation(session, p: views.Parts, target: str, reason: str | None) -> lifecycle.Situation:
    """What the conditions of a move look at, read from the database."""
    row = p.row
    enrolled = session.execute(select(func.count()).select_from(participants).where(
        participants.c.environment_id == row.id, participants.c.status == ENROLLED)).scalar_one()
    overall = set(session.execute(select(assessments.c.partner_id).where(
        assessments.c.environment_id == row.id, assessments.c.subject == OVERALL)).scalars())
    return lifecycle.Situation(
        review_complete=not p.review_missing, roles_with_seats=sum(1 for r in p.roles if r.seats > 0),
        enrolled=enrolled, students_busy_elsewhere=len(busy_elsewhere(session, row.id)) if target == lifecycle.RUNNING
        else 0, partners_without_overall=sum(1 for x in p.partners if x.partner_id not in overall),
        cancel_reason=reason)


def move(work: Work, principal: Principal, row, access: acl.Access, target: str, reason: str | None = None,
         on: date | None = None) -> None:
    """Move an environment to `target` when its rules allow it, and announce it dated `on` (the day it happened,
    today unless given: a start or an end recorded afterwards keeps its own date)."""
    acl.require_edit(access)
    session = work.session
    p = views.parts(session, row)
    lifecycle.check_move(row.status, target, situation(session, p, target, reason))
    now = utcnow()
    on = on or clock.day_of(now)
    previous = getattr(row, TIMESTAMP_OF.get(row.status, "created_at"), None) or row.created_at
    lifecycle.check_move_date(on, clock.day_of(now), clock.day_of(previous))
    values = {"status": target, "updated_at": now, TIMESTAMP_OF[target]: now}
    if target == lifecycle.CANCELLED:
        values["cancel_reason"] = reason.strip()
    session.execute(update(environments).where(environments.c.id == row.id).values(**values))
    reminders.touched(work, row.id)
    if target == lifecycle.COMPLETED:
        for person in session.execute(select(participants).where(
                participants.c.environment_id == row.id, participants.c.status == ENROLLED)).all():
            complete_participant(work, person, row.name, person.ended_on or on)
    p = views.parts(session, views.environment_row(session, row.id))
    if target == lifecycle.OPEN:
        work.emit(lifecycle.EVENT_OF[target], payloads.described(p))
    else:
        work.emit(lifecycle.EVENT_OF[target], payloads.moved(p, target, row.status, on))
