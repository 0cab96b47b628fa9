"""Partners: companies, associations and public bodies whose competence needs the network serves.

Every service manager reads the network's partners. The organisation that recorded a partner changes it;
the partner's own users keep their contact persons up to date; only an administrator links a partner to the
login organisation whose users act for it, and each such change is recorded (`partner_links`).
"""
from __future__ import annotations

from flask.views import MethodView
from flask_smorest import Blueprint
from marshmallow import Schema, ValidationError, validate

from services.intake.context import lang, runtime
from services.intake.domain import N_
from services.intake.domain.partners import COOPERATION_KINDS, PARTNER_KINDS, normalise_business_id
from services.intake.handlers import cooperation, partners
from shared import clock
from shared.auth import allow, current_principal
from shared.events.envelope import ORG_PATTERN
from shared.reference import industries, municipalities
from shared.web import fields
from shared.web.schemas import Timestamps

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


class PartnerOut(PartnerIn, Timestamps):
    """A partner with its contacts and the names of its codes."""
    id = fields.UUID()
    municipality_name = fields.String(allow_none=True)
    industry_name = fields.String(allow_none=True)
    recorded_by_organisation = fields.String()


class PartnerQuery(Schema):
    """Filters of the partner list."""
    kind = fields.String(validate=validate.OneOf(PARTNER_KINDS))
    name = fields.String(validate=validate.Length(1, 100), metadata={"description": "part of the name"})


@blp.route("")
class Partners(MethodView):
    """The network's partners."""
    @allow("manager", "admin")
    @blp.arguments(PartnerQuery, location="query")
    @blp.response(200, PartnerOut(many=True))
    def get(self, query):
        """List the network's partners, optionally by kind or part of the name."""
        with runtime().db.session() as session:
            return partners.partner_list(session, lang(), kind=query.get("kind"), name=query.get("name"))

    @allow("manager")
    @blp.arguments(PartnerIn)
    @blp.response(201, PartnerOut)
    def post(self, data):
        """Record a partner (company, association or public body) that your organisation then owns."""
        with runtime().work() as work:
            return partners.record_partner(work, current_principal(), data, lang())


@blp.route("/<uuid:partner_id>")
class Partner(MethodView):
    """One partner."""
    @allow("manager", "partner", "admin")
    @blp.response(200, PartnerOut)
    def get(self, partner_id):
        """Show a partner with its contacts (a partner user: only their own)."""
        with runtime().db.session() as session:
            return partners.show_partner(session, current_principal(), partner_id, lang())

    @allow("manager")
    @blp.arguments(PartnerIn)
    @blp.response(200, PartnerOut)
    def put(self, data, partner_id):
        """Replace a partner's details and contacts (the organisation that recorded it)."""
        with runtime().work() as work:
            return partners.record_partner(work, current_principal(), data, lang(), partner_id)


@blp.route("/<uuid:partner_id>/contacts")
class PartnerContacts(MethodView):
    """A partner's contact persons."""
    @allow("manager", "partner")
    @blp.arguments(PartnerContactsIn)
    @blp.response(200, PartnerOut)
    def put(self, data, partner_id):
        """Replace a partner's contact persons (the organisation that recorded it, or the partner's own users)."""
        with runtime().work() as work:
            return partners.replace_contacts(work, current_principal(), partner_id, data["contacts"], lang())


@blp.route("/<uuid:partner_id>/organisation")
class PartnerLink(MethodView):
    """Which login organisation's users act for a partner."""
    @allow("admin")
    @blp.response(200, PartnerLinkOut)
    def get(self, partner_id):
        """The partner's login organisation and who changed it when, newest first (an administrator)."""
        with runtime().db.session() as session:
            return partners.link_of(session, partners.visible_partner(session, current_principal(), partner_id))

    @allow("admin")
    @blp.arguments(PartnerLinkIn)
    @blp.response(200, PartnerLinkOut)
    @blp.alt_response(409, description="Another partner is already linked to this organisation")
    def put(self, data, partner_id):
        """Link the partner to its users' login organisation, or unlink it (an administrator; recorded)."""
        with runtime().work() as work:
            return partners.change_link(work, current_principal(), partner_id, data["organisation"])


class CooperationIn(Schema):
    """A cooperation opportunity with the partner that names nobody."""
    kind = fields.String(required=True, validate=validate.OneOf(COOPERATION_KINDS),
                         metadata={"description": "order (a new order), project, or thesis (a thesis topic)"})
    started_on = fields.Date(required=True, metadata={"description": "the day it began (not in the future)"})
    description = Text(500)


class CooperationOut(CooperationIn):
    id = fields.String()
    partner_id = fields.String()
    recorded_by_organisation = fields.String()


@blp.route("/<uuid:partner_id>/cooperation")
class PartnerCooperation(MethodView):
    """Cooperation opportunities with a partner, without a participant."""
    @allow("manager")
    @blp.arguments(CooperationIn)
    @blp.response(201, CooperationOut)
    def post(self, data, partner_id):
        """Record a new order, a project or a thesis topic with a partner your organisation recorded."""
        with runtime().work() as work:
            return cooperation.record_cooperation(work, current_principal(), partner_id, data,
                                                  today=clock.today())
