"""Partners: companies, associations and public bodies whose competence needs the network serves.

Every service manager reads the network's partners. The organisation that recorded a partner changes it;
the partner's own users keep their contact persons up to date; only an administrator links a partner to the
login organisation whose users act for it, and each such change is recorded (`partner_links`).
"""
from __future__ import annotations

import uuid

from flask.views import MethodView
from flask_smorest import Blueprint
from marshmallow import Schema, ValidationError, validate
from sqlalchemy import delete, func, insert, select, update

from services.intake.context import lang, runtime
from services.intake.db import partner_contacts, partner_links, partners
from services.intake.domain import N_
from services.intake.domain.partners import (PARTNER_KINDS, PartnerRights, normalise_business_id, partner_event,
                                             partner_rights, partner_user_may_edit)
from shared.auth import allow, current_principal
from shared.events.envelope import ORG_PATTERN, utcnow
from shared.reference import industries, municipalities
from shared.web import fields
from shared.web.errors import ApiError

blp = Blueprint("partners", __name__, url_prefix="/api/v1/partners",
                description="Partners (companies, associations, public bodies) and their contact persons.")
PHONE = r"^\+?[0-9 ()-]{5,40}$"
FILL_IN = N_("Fill this in.")
TOO_LONG = N_("This is too long.")


def _length(limit: int):
    """A validator: not blank, not longer than `limit`."""
    def check(value: str) -> None:
        if not value.strip():
            raise ValidationError(FILL_IN)
        if len(value) > limit:
            raise ValidationError(TOO_LONG)
    return check


def Text(limit: int, *, required: bool = False, **kwargs) -> fields.String:  # noqa: N802
    """A text field with readable reasons: required ones must not be blank, none may exceed `limit`."""
    if required:
        metadata = {"maxLength": limit, **kwargs.pop("metadata", {})}
        return fields.String(required=True, validate=_length(limit), error_messages={
            "required": FILL_IN, "null": FILL_IN}, metadata=metadata, **kwargs)
    return fields.String(allow_none=True, load_default=None, validate=validate.Length(max=limit, error=TOO_LONG),
                         **kwargs)


class _Code(fields.String):
    """A code of a reference classification, normalised; blank means none."""

    def __init__(self, *, normalise, message: str, **kwargs) -> None:
        super().__init__(allow_none=True, load_default=None, **kwargs)
        self._normalise = normalise
        self._message = message

    def _deserialize(self, value, attr, data, **kwargs):
        text = (super()._deserialize(value, attr, data, **kwargs) or "").strip()
        if not text:
            return None
        try:
            return self._normalise(text)
        except (KeyError, ValueError) as exc:
            raise ValidationError(self._message) from exc


def Municipality(**kwargs) -> _Code:  # noqa: N802 - a field factory reads like a field class
    """An official municipality code (Statistics Finland), zero-padded: "50" -> "050"."""
    return _Code(normalise=lambda c: municipalities.get(c).code, message=N_("Unknown municipality code."),
                 metadata={"description": "Official municipality code, e.g. 609 (Pori)"}, **kwargs)


def Industry(**kwargs) -> _Code:  # noqa: N802
    """A TOL 2008 section (letter) or division (two digits)."""
    return _Code(normalise=lambda c: industries.get(c).code, message=N_("Unknown TOL 2008 industry code."),
                 metadata={"description": "TOL 2008 section or division, e.g. C or 25"}, **kwargs)


def BusinessId(**kwargs) -> _Code:  # noqa: N802
    """A Y-tunnus, checksum-validated, in the form 1234567-8."""
    return _Code(normalise=normalise_business_id,
                 message=N_("Not a valid Y-tunnus (business ID): check the digits and the check digit."),
                 metadata={"description": "Y-tunnus, e.g. 2464491-9"}, **kwargs)


class PartnerContactSchema(Schema):
    """A contact person of a partner (personal data: never on the bus)."""
    name = Text(200, required=True)
    role = Text(100)
    email = fields.Email(allow_none=True, load_default=None, validate=validate.Length(max=254, error=TOO_LONG),
                         error_messages={"invalid": N_("Give an email address such as name@example.fi.")})
    phone = fields.String(allow_none=True, load_default=None,
                          validate=validate.Regexp(PHONE, error=N_("Give a phone number, e.g. +358 40 123 4567.")))


def LoginOrganisation(**kwargs) -> fields.String:  # noqa: N802
    """The slug of the login organisation whose users (role partner) act for a partner."""
    return fields.String(allow_none=True, validate=validate.Regexp(ORG_PATTERN, error=N_(
        "Give the organisation's identifier: lower-case letters, digits and hyphens.")), **kwargs)


class PartnerIn(Schema):
    """A partner as the manager of the organisation that records it enters it."""
    name = Text(200, required=True)
    kind = fields.String(required=True, validate=validate.OneOf(PARTNER_KINDS))
    business_id = BusinessId()
    municipality = Municipality()
    industry = Industry()
    organisation = LoginOrganisation(metadata={
        "description": "Slug of the partner's own login organisation, whose users (role partner) then act for it. "
                       "Read-only here: only an administrator changes it (PUT .../organisation); a value other "
                       "than the current one is refused with 403."})
    contacts = fields.List(fields.Nested(PartnerContactSchema), load_default=list, validate=validate.Length(max=20))


class PartnerContactsIn(Schema):
    """A partner's contact persons, as its recording organisation's managers or its own users keep them."""
    contacts = fields.List(fields.Nested(PartnerContactSchema), required=True, validate=validate.Length(max=20))


class PartnerLinkIn(Schema):
    """The login organisation whose users act for a partner (none: nobody logs in for it)."""
    organisation = LoginOrganisation(required=True)


class PartnerLinkChangeOut(Schema):
    """One recorded change of a partner's login organisation."""
    at = fields.DateTime()
    actor = fields.String(allow_none=True, metadata={"description": "user id of the administrator"})
    actor_username = fields.String(allow_none=True)
    old_organisation = fields.String(allow_none=True)
    new_organisation = fields.String(allow_none=True)


class PartnerLinkOut(Schema):
    """A partner's login organisation and the record of its changes, newest first."""
    partner_id = fields.UUID()
    name = fields.String()
    organisation = fields.String(allow_none=True)
    changes = fields.List(fields.Nested(PartnerLinkChangeOut))


class PartnerOut(PartnerIn):
    """A partner with its contacts and the names of its codes."""
    id = fields.UUID()
    municipality_name = fields.String(allow_none=True)
    industry_name = fields.String(allow_none=True)
    recorded_by_organisation = fields.String()
    created_at = fields.DateTime()
    updated_at = fields.DateTime()


class PartnerQuery(Schema):
    """Filters of the partner list."""
    kind = fields.String(validate=validate.OneOf(PARTNER_KINDS))
    name = fields.String(validate=validate.Length(1, 100), metadata={"description": "part of the name"})


def partner_row(session, partner_id):
    """A partner by id, or None (also for a malformed id)."""
    try:
        key = str(uuid.UUID(str(partner_id)))
    except ValueError:
        return None
    return session.execute(select(partners).where(partners.c.id == key)).first()


def partner_of_organisation(session, organisation: str | None):
    """The partner that a partner user's organisation is linked to, or None."""
    if not organisation:
        return None
    return session.execute(select(partners).where(partners.c.organisation == organisation)).first()


def visible_partner(session, principal, partner_id):
    """A partner the principal may see (managers and administrators: any; partner users: their own), else 404."""
    row = partner_row(session, partner_id)
    own = principal.has("partner") and partner_user_may_edit(principal.organisation, row.organisation) if row else False
    if row is None or not (principal.has("manager", "admin") or own):
        raise ApiError(404, "No such partner")
    return row


def rights_of(principal, row) -> PartnerRights:
    """What the principal may change of the partner `row`."""
    return partner_rights(principal.roles, principal.organisation, row.recorded_by_organisation, row.organisation)


ONLY_OWNER = N_("Only the organisation that recorded the partner changes it.")
ONLY_ADMIN_LINKS = N_("Only an administrator links a partner to its users' organisation.")


def refuse_link_change(data: dict, current: str | None) -> None:
    """403 naming `organisation` when a manager's input would change a partner's login organisation."""
    if "organisation" in data and data["organisation"] != current:
        raise ApiError(403, "Only an administrator links a partner to its users' organisation",
                       {"organisation": [ONLY_ADMIN_LINKS]})


def describe(session, row) -> dict:
    """A partner with its contacts and the names of its codes, for the API and pages."""
    contacts = session.execute(select(partner_contacts).where(partner_contacts.c.partner_id == row.id)
                               .order_by(partner_contacts.c.name)).mappings().all()
    data = dict(row._mapping)
    data["contacts"] = [dict(c) for c in contacts]
    data["municipality_name"] = municipalities.name(row.municipality, lang()) if row.municipality else None
    data["industry_name"] = industries.name(row.industry, lang()) if row.industry else None
    return data


def _check_unique(session, data: dict, partner_id: str | None) -> None:
    for column in ("business_id", "organisation"):
        value = data.get(column)
        if value is None:
            continue
        taken = session.execute(select(partners.c.id).where(partners.c[column] == value)).scalar()
        if taken and taken != partner_id:
            raise ApiError(409, "Another partner already has this value",
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
        raise ApiError(403, "Only the organisation that recorded the partner changes it", {"_schema": [ONLY_OWNER]})
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
        raise ApiError(403, "Only the organisation that recorded the partner or the partner's own users change its "
                            "contact persons", {"_schema": [ONLY_OWNER]})
    _replace_contacts(work.session, row.id, contacts)
    work.session.execute(update(partners).where(partners.c.id == row.id).values(updated_at=utcnow()))


def link_partner(work, principal, row, organisation: str | None) -> None:
    """Link the partner to the login organisation whose users act for it (an administrator), recorded."""
    if not rights_of(principal, row).link:
        raise ApiError(403, "Only an administrator links a partner to its users' organisation",
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


@blp.route("")
class Partners(MethodView):
    """The network's partners."""
    @allow("manager", "admin")
    @blp.arguments(PartnerQuery, location="query")
    @blp.response(200, PartnerOut(many=True))
    def get(self, query):
        """List the network's partners, optionally by kind or part of the name."""
        stmt = select(partners).order_by(partners.c.name).limit(1000)
        if query.get("kind"):
            stmt = stmt.where(partners.c.kind == query["kind"])
        if query.get("name"):
            stmt = stmt.where(func.lower(partners.c.name).contains(query["name"].lower(), autoescape=True))
        with runtime().db.session() as session:
            return [describe(session, row) for row in session.execute(stmt)]

    @allow("manager")
    @blp.arguments(PartnerIn)
    @blp.response(201, PartnerOut)
    def post(self, data):
        """Record a partner (company, association or public body) that your organisation then owns."""
        with runtime().work() as work:
            partner_id = save_partner(work, current_principal(), data)
            return describe(work.session, partner_row(work.session, partner_id))


@blp.route("/<uuid:partner_id>")
class Partner(MethodView):
    """One partner."""
    @allow("manager", "partner", "admin")
    @blp.response(200, PartnerOut)
    def get(self, partner_id):
        """Show a partner with its contacts (a partner user: only their own)."""
        with runtime().db.session() as session:
            return describe(session, visible_partner(session, current_principal(), partner_id))

    @allow("manager")
    @blp.arguments(PartnerIn)
    @blp.response(200, PartnerOut)
    def put(self, data, partner_id):
        """Replace a partner's details and contacts (the organisation that recorded it)."""
        with runtime().work() as work:
            row = visible_partner(work.session, current_principal(), partner_id)
            save_partner(work, current_principal(), data, row.id)
            return describe(work.session, partner_row(work.session, row.id))


@blp.route("/<uuid:partner_id>/contacts")
class PartnerContacts(MethodView):
    """A partner's contact persons."""
    @allow("manager", "partner")
    @blp.arguments(PartnerContactsIn)
    @blp.response(200, PartnerOut)
    def put(self, data, partner_id):
        """Replace a partner's contact persons (the organisation that recorded it, or the partner's own users)."""
        with runtime().work() as work:
            row = visible_partner(work.session, current_principal(), partner_id)
            save_contacts(work, current_principal(), row, data["contacts"])
            return describe(work.session, partner_row(work.session, row.id))


@blp.route("/<uuid:partner_id>/organisation")
class PartnerLink(MethodView):
    """Which login organisation's users act for a partner."""
    @allow("admin")
    @blp.response(200, PartnerLinkOut)
    def get(self, partner_id):
        """The partner's login organisation and who changed it when, newest first (an administrator)."""
        with runtime().db.session() as session:
            return link_of(session, visible_partner(session, current_principal(), partner_id))

    @allow("admin")
    @blp.arguments(PartnerLinkIn)
    @blp.response(200, PartnerLinkOut)
    @blp.alt_response(409, description="Another partner is already linked to this organisation")
    def put(self, data, partner_id):
        """Link the partner to its users' login organisation, or unlink it (an administrator; recorded)."""
        with runtime().work() as work:
            row = visible_partner(work.session, current_principal(), partner_id)
            link_partner(work, current_principal(), row, data["organisation"])
            return link_of(work.session, partner_row(work.session, row.id))
