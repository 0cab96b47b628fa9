"""The service catalogue: what each member organisation offers, so that managers refer instead of duplicating."""
from __future__ import annotations

import uuid

from sqlalchemy import insert, or_, select, update

from services.intake.db import services
from services.intake.domain.catalogue import name_problem
from shared.auth.principal import Principal
from shared.errors import N_, Forbidden, Invalid, NotFound
from shared.events.envelope import utcnow
from shared.reference import municipalities
from shared.runtime import Work

FIELDS = ("name", "description", "target_group", "service_area", "active")


def service_row(session, service_id):
    """A service by id, or None (also for a malformed id)."""
    try:
        key = str(uuid.UUID(str(service_id)))
    except ValueError:
        return None
    return session.execute(select(services).where(services.c.id == key)).first()


def describe(row, lang: str) -> dict:
    """A service with the name of its service area in the reader's language."""
    data = dict(row._mapping)
    area = municipalities.service_areas().get(row.service_area) if row.service_area else None
    data["service_area_name"] = area.name(lang) if area else None
    return data


def service(session, service_id, lang: str) -> dict:
    """One service of the catalogue, or NotFound."""
    row = service_row(session, service_id)
    if row is None:
        raise NotFound("No such service")
    return describe(row, lang)


def catalogue(session, lang: str, *, include_inactive: bool = False, organisation: str | None = None) -> list[dict]:
    """The network's services by organisation and name (active ones unless asked otherwise; none the coordinator
    hid)."""
    stmt = select(services).where(services.c.hidden_at.is_(None)).order_by(services.c.organisation, services.c.name)
    if not include_inactive:
        stmt = stmt.where(services.c.active.is_(True))
    if organisation:
        stmt = stmt.where(services.c.organisation == organisation)
    return [describe(row, lang) for row in session.execute(stmt)]


def catalogue_page(session, lang: str, organisation: str | None = None) -> list[dict]:
    """Every service, by organisation, active ones first, then by name (the catalogue page's order); those the
    coordinator hid only to their own organisation (None: to nobody but the coordinator's review)."""
    stmt = select(services).order_by(services.c.organisation, services.c.active.desc(), services.c.name)
    if organisation != "*":
        stmt = stmt.where(or_(services.c.hidden_at.is_(None), services.c.organisation == organisation))
    return [describe(row, lang) for row in session.execute(stmt)]


def active_services(session, lang: str, *, organisation: str | None = None, exclude: str | None = None) -> list[dict]:
    """Active services of the catalogue by organisation and name (optionally one organisation's, or not one's)."""
    stmt = select(services).where(services.c.active.is_(True), services.c.hidden_at.is_(None)).order_by(
        services.c.organisation, services.c.name)
    if organisation:
        stmt = stmt.where(services.c.organisation == organisation)
    if exclude:
        stmt = stmt.where(services.c.organisation != exclude)
    return [describe(row, lang) for row in session.execute(stmt)]


def own_service(session, principal: Principal, service_id):
    """A service of the principal's own organisation (only that one edits it), else NotFound."""
    row = service_row(session, service_id)
    if row is None or row.organisation != principal.organisation or row.received_at is not None:
        raise NotFound("No such service of your organisation")
    return row


def save_service(work: Work, principal: Principal, data: dict, service_id: str | None = None, *,
                 check_name: bool = True) -> str:
    """Add or change a service of the principal's organisation and publish it to the network; an empty or junk
    name is refused (a withdrawal keeps the name it had)."""
    problem = name_problem(data.get("name")) if check_name else None
    if problem:
        raise Invalid({"name": [problem]})
    now = utcnow()
    values = {k: data.get(k) for k in FIELDS}
    values["name"] = " ".join(values["name"].split())
    if service_id is None:
        service_id = str(uuid.uuid4())
        work.session.execute(insert(services).values(id=service_id, organisation=principal.organisation,
                                                     created_at=now, updated_at=now, **values))
    else:
        work.session.execute(update(services).where(services.c.id == service_id).values(updated_at=now, **values))
    work.emit("intake.service.published", {"service_id": service_id, **values}, organisation=principal.organisation)
    return service_id


def change_service(work: Work, principal: Principal, service_id, data: dict, lang: str) -> dict:
    """Change a service of the principal's organisation; returns it as it now is."""
    row = own_service(work.session, principal, service_id)
    save_service(work, principal, data, row.id)
    return describe(service_row(work.session, row.id), lang)


def withdraw_service(work: Work, principal: Principal, service_id, lang: str) -> dict:
    """Withdraw a service of the principal's organisation from the catalogue (it stays for past referrals)."""
    row = own_service(work.session, principal, service_id)
    data = {k: getattr(row, k) for k in FIELDS} | {"active": False}
    save_service(work, principal, data, row.id, check_name=False)
    return describe(service_row(work.session, row.id), lang)


def hide_service(work: Work, principal: Principal, service_id, hidden: bool, lang: str) -> dict:
    """The network's coordinator hides a catalogue entry (or shows it again) in every member's catalogue."""
    if not principal.has("coordinator"):
        raise Forbidden(N_("Only the network's coordinator hides catalogue entries."))
    row = service_row(work.session, service_id)
    if row is None:
        raise NotFound("No such service")
    now = utcnow()
    work.session.execute(update(services).where(services.c.id == row.id).values(hidden_at=now if hidden else None))
    work.emit("intake.service.hidden", {"service_id": row.id, "hidden": hidden})
    return describe(service_row(work.session, row.id), lang)
