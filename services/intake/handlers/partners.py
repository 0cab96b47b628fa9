"""Partners: companies, associations and public bodies whose competence needs the network serves.

Every service manager reads the network's partners. The organisation that recorded a partner changes it;
the partner's own users keep their contact persons up to date; only an administrator links a partner to the
login organisation whose users act for it, and each such change is recorded (`partner_links`).
"""
from __future__ import annotations

import uuid

from sqlalchemy import bindparam, delete, func, insert, select, update

from services.intake.db import competence_needs, partner_contacts, partner_links, partners
from services.intake.domain import N_
from services.intake.domain.errors import ConflictWith, ForbiddenFor
from services.intake.domain.partners import PartnerRights, partner_event, partner_rights, partner_user_may_edit
from shared.auth.principal import Principal
from shared.db import Kept
from shared.errors import NotFound
from shared.events.envelope import utcnow
from shared.reference import industries, municipalities
from shared.runtime import Work

# A partner read by id, built once and kept compiled (shared.db.Kept): a new need reads its partner for the rights,
# and building the select through SQLAlchemy on each was a tenth of its CPU (issue 18's twelfth round).
# bench/api_ab.py's switch `partner-kept` turns it off (`KEPT.on`).
KEPT = Kept()


def _by_id(_dialect: str):
    return select(partners).where(partners.c.id == bindparam("key"))


def partner_row(session, partner_id):
    """A partner by id, or None (also for a malformed id)."""
    try:
        key = str(uuid.UUID(str(partner_id)))
    except ValueError:
        return None
    return KEPT.execute(session, "partner_row", _by_id, key=key).first()


def partner_of_organisation(session, organisation: str | None):
    """The partner that a partner user's organisation is linked to, or None."""
    if not organisation:
        return None
    return session.execute(select(partners).where(partners.c.organisation == organisation)).first()


def visible_partner(session, principal, partner_id):
    """A partner the principal may see (managers and administrators: any; partner users: their own), else NotFound."""
    row = partner_row(session, partner_id)
    own = principal.has("partner") and partner_user_may_edit(principal.organisation, row.organisation) if row else False
    if row is None or not (principal.has("manager", "admin") or own):
        raise NotFound("No such partner")
    return row


def rights_of(principal, row) -> PartnerRights:
    """What the principal may change of the partner `row`."""
    return partner_rights(principal.roles, principal.organisation, row.recorded_by_organisation, row.organisation)


ONLY_OWNER = N_("Only the organisation that recorded the partner changes it.")
ONLY_ADMIN_LINKS = N_("Only an administrator links a partner to its users' organisation.")


def refuse_link_change(data: dict, current: str | None) -> None:
    """Forbidden, naming `organisation`, when a manager's input would change a partner's login organisation."""
    if "organisation" in data and data["organisation"] != current:
        raise ForbiddenFor("Only an administrator links a partner to its users' organisation",
                           {"organisation": [ONLY_ADMIN_LINKS]})


def describe(session, row, lang: str) -> dict:
    """A partner with its contacts and the names of its codes, for the API and pages."""
    contacts = session.execute(select(partner_contacts).where(partner_contacts.c.partner_id == row.id)
                               .order_by(partner_contacts.c.name)).mappings().all()
    data = dict(row._mapping)
    data["contacts"] = [dict(c) for c in contacts]
    data["municipality_name"] = municipalities.name(row.municipality, lang) if row.municipality else None
    data["industry_name"] = industries.name(row.industry, lang) if row.industry else None
    return data


def _check_unique(session, data: dict, partner_id: str | None) -> None:
    for column in ("business_id", "organisation"):
        value = data.get(column)
        if value is None:
            continue
        taken = session.execute(select(partners.c.id).where(partners.c[column] == value)).scalar()
        if taken and taken != partner_id:
            raise ConflictWith("Another partner already has this value",
                               {column: [N_("Already recorded for another partner.")]})


DETAILS = ("name", "kind", "business_id", "municipality", "industry")


def _replace_contacts(session, partner_id: str, contacts: list[dict]) -> None:
    session.execute(delete(partner_contacts).where(partner_contacts.c.partner_id == partner_id))
    rows = [dict(id=str(uuid.uuid4()), partner_id=partner_id, **c) for c in contacts or []]
    if rows:
        session.execute(insert(partner_contacts), rows)


def _announce(work, row) -> None:
    """Publish the partner as it now is, without contact persons, from the organisation that recorded it."""
    work.emit("intake.partner.registered", partner_event(dict(row._mapping)), organisation=row.recorded_by_organisation)


def save_partner(work, principal, data: dict, partner_id: str | None = None) -> str:
    """Record a new partner, or replace the details and contacts of one the principal's organisation recorded;
    announce it without contact persons. The login organisation is the administrator's (`link_partner`)."""
    session, now = work.session, utcnow()
    current = partner_row(session, partner_id) if partner_id is not None else None
    if current is not None and not rights_of(principal, current).details:
        raise ForbiddenFor("Only the organisation that recorded the partner changes it", {"_schema": [ONLY_OWNER]})
    refuse_link_change(data, current.organisation if current is not None else None)
    _check_unique(session, data, partner_id)
    values = {k: data.get(k) for k in DETAILS}
    values["name"] = values["name"].strip()
    if current is None:
        partner_id = str(uuid.uuid4())
        session.execute(insert(partners).values(id=partner_id, recorded_by_organisation=principal.organisation,
                                                organisation=None, created_at=now, updated_at=now, **values))
    else:
        session.execute(update(partners).where(partners.c.id == partner_id).values(updated_at=now, **values))
    _replace_contacts(session, partner_id, data.get("contacts"))
    _announce(work, partner_row(session, partner_id))
    return partner_id


def save_contacts(work, principal, row, contacts: list[dict]) -> None:
    """Replace a partner's contact persons (its recording organisation's managers, or its own users)."""
    if not rights_of(principal, row).contacts:
        raise ForbiddenFor("Only the organisation that recorded the partner or the partner's own users change its "
                           "contact persons", {"_schema": [ONLY_OWNER]})
    _replace_contacts(work.session, row.id, contacts)
    work.session.execute(update(partners).where(partners.c.id == row.id).values(updated_at=utcnow()))


def link_partner(work, principal, row, organisation: str | None) -> None:
    """Link the partner to the login organisation whose users act for it (an administrator), recorded."""
    if not rights_of(principal, row).link:
        raise ForbiddenFor("Only an administrator links a partner to its users' organisation",
                           {"organisation": [ONLY_ADMIN_LINKS]})
    if organisation == row.organisation:
        return
    _check_unique(work.session, {"organisation": organisation}, row.id)
    now = utcnow()
    work.session.execute(update(partners).where(partners.c.id == row.id).values(organisation=organisation,
                                                                              updated_at=now))
    work.session.execute(insert(partner_links).values(
        partner_id=row.id, at=now, actor=principal.user_id, actor_username=principal.username,
        actor_organisation=principal.organisation, old_organisation=row.organisation, new_organisation=organisation))
    _announce(work, partner_row(work.session, row.id))


def link_of(session, row) -> dict:
    """The partner's login organisation and every recorded change of it, newest first."""
    changes = session.execute(select(partner_links).where(partner_links.c.partner_id == row.id)
                              .order_by(partner_links.c.at.desc(), partner_links.c.id.desc())).mappings().all()
    return {"partner_id": row.id, "name": row.name, "organisation": row.organisation,
            "changes": [dict(c) for c in changes]}




def partner_list(session, lang: str, *, kind: str | None = None, name: str | None = None) -> list[dict]:
    """The network's partners by name, optionally of one kind or with part of the name."""
    stmt = select(partners).order_by(partners.c.name).limit(1000)
    if kind:
        stmt = stmt.where(partners.c.kind == kind)
    if name:
        stmt = stmt.where(func.lower(partners.c.name).contains(name.lower(), autoescape=True))
    return [describe(session, row, lang) for row in session.execute(stmt)]


def open_need_counts(session) -> dict[str, int]:
    """How many open competence needs each partner has, by partner id."""
    return dict(session.execute(select(competence_needs.c.partner_id, func.count())
                                .where(competence_needs.c.status == "open")
                                .group_by(competence_needs.c.partner_id)).all())


def record_partner(work: Work, principal: Principal, data: dict, lang: str, partner_id=None) -> dict:
    """Record a new partner (no id), or replace one the principal may see; returns it as it now is."""
    if partner_id is not None:
        partner_id = visible_partner(work.session, principal, partner_id).id
    saved = save_partner(work, principal, data, partner_id)
    return describe(work.session, partner_row(work.session, saved), lang)


def replace_contacts(work: Work, principal: Principal, partner_id, contacts: list[dict], lang: str) -> dict:
    """Replace the contact persons of a partner the principal may see; returns the partner as it now is."""
    row = visible_partner(work.session, principal, partner_id)
    save_contacts(work, principal, row, contacts)
    return describe(work.session, partner_row(work.session, row.id), lang)


def change_link(work: Work, principal: Principal, partner_id, organisation: str | None) -> dict:
    """Link a partner the principal sees to its users' login organisation; returns the link and its record."""
    row = visible_partner(work.session, principal, partner_id)
    link_partner(work, principal, row, organisation)
    return link_of(work.session, partner_row(work.session, row.id))


def show_partner(session, principal: Principal, partner_id, lang: str) -> dict:
    """A partner the principal may see, with its contacts."""
    return describe(session, visible_partner(session, principal, partner_id), lang)
