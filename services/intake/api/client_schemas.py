"""Marshmallow schemas of clients, consents and the data subject's rights (the HTTP contract)."""
from __future__ import annotations

from marshmallow import Schema, validate

from services.intake.domain import clients as rules
from services.intake.domain import consent as consent_rules
from services.intake.handlers.clients import municipality_view
from shared.web import fields
from shared.web.dump import as_day, as_int, as_moment, as_text
from shared.web.schemas import PageArgs, PageOut, Timestamps

Names = fields.Dict(keys=fields.String(), values=fields.String())


def _optional(field_class, **kwargs):
    return field_class(allow_none=True, **kwargs)


class ClientLanguageSchema(Schema):
    code = fields.String(required=True, metadata={"description": "ISO 639-1 code, e.g. fi"})
    level = _optional(fields.String, validate=validate.OneOf(rules.LANGUAGE_LEVELS))


class ClientFields(Schema):
    """What a manager records about a client (PATCH takes any subset)."""

    first_name = fields.String(required=True, validate=validate.Length(1, 100))
    last_name = fields.String(required=True, validate=validate.Length(1, 100))
    birth_date = fields.Date(required=True)
    email = _optional(fields.String, validate=validate.Length(max=254))
    phone = _optional(fields.String, validate=validate.Length(max=40))
    home_municipality = fields.String(required=True, metadata={"description": "Official municipality code, "
                                                                              "e.g. 214 (Kankaanpää)"})
    gender = _optional(fields.String, validate=validate.OneOf(rules.GENDERS),
                       metadata={"description": "As the client self-identifies; optional"})
    mother_tongue = _optional(fields.String, metadata={"description": "ISO 639-1 code"})
    languages = fields.List(fields.Nested(ClientLanguageSchema))
    education_status = _optional(fields.String, validate=validate.OneOf(rules.EDUCATION_STATUSES))
    institution = _optional(fields.String, validate=validate.Length(max=200))
    field_of_education = _optional(fields.String, metadata={"description": "Field of education code "
                                                                           "(koulutusala 2016), e.g. 07 or 071"})
    employment_status = _optional(fields.String, validate=validate.OneOf(rules.EMPLOYMENT_STATUSES),
                                  metadata={"description": "Situation at entry"})
    education_level = _optional(fields.Integer, validate=validate.Range(0, 8),
                                metadata={"description": "ISCED 2011 level at entry"})
    disadvantaged = _optional(fields.Boolean, metadata={"description": "Disadvantaged participant (ESF)"})
    entered_on = _optional(fields.Date, metadata={"description": "Date of entry; today when not given"})


class RegistrationSchema(ClientFields):
    consents = fields.Dict(keys=fields.String(validate=validate.OneOf(consent_rules.PURPOSES)),
                           values=fields.Boolean(), load_default=dict,
                           metadata={"description": "Decision per purpose the organisation asks consent for "
                                                    "(its register's consent purposes); service must be true only "
                                                    "where service rests on consent. Decisions about purposes on "
                                                    "another basis are not recorded."})
    consent_version = fields.String(load_default=consent_rules.CURRENT_VERSION)
    consent_method = fields.String(load_default="in_person",
                                   validate=validate.OneOf(("in_person", "written", "guardian")),
                                   metadata={"description": "guardian: a minor's guardian gave the consents"})


class RegionalAreaSchema(Schema):
    code = fields.String()
    names = Names


class NetworkServiceAreaSchema(Schema):
    slug = fields.String()
    names = Names


class ClientMunicipalitySchema(RegionalAreaSchema):
    subregion = fields.Nested(RegionalAreaSchema)
    region = fields.Nested(RegionalAreaSchema)
    service_areas = fields.List(fields.Nested(NetworkServiceAreaSchema))


class ClientSchema(ClientFields, Timestamps):
    """A client as intake holds it: what the manager recorded, the municipality with its areas, and the case."""

    id = fields.String()
    organisation = fields.String()
    status = fields.String()
    home_municipality = fields.Nested(ClientMunicipalitySchema, allow_none=True)
    entered_on = fields.Date()
    closed_on = fields.Date(allow_none=True)


def client_out(row) -> dict:
    """What `ClientSchema().dump(client_view(row))` gives for a client row, built by hand: the lists and the card
    answer with it, so that a page of 50 clients pays for no field machinery (issue 18);
    tests/unit/intake/test_intake_client_out.py keeps the two equal."""
    return {
        "id": as_text(row.id), "organisation": as_text(row.organisation), "status": as_text(row.status),
        "first_name": as_text(row.first_name), "last_name": as_text(row.last_name),
        "birth_date": as_day(row.birth_date), "email": as_text(row.email), "phone": as_text(row.phone),
        "home_municipality": municipality_view(row.home_municipality), "gender": as_text(row.gender),
        "mother_tongue": as_text(row.mother_tongue), "languages": [_language(each) for each in row.languages or ()],
        "education_status": as_text(row.education_status), "institution": as_text(row.institution),
        "field_of_education": as_text(row.field_of_education), "employment_status": as_text(row.employment_status),
        "education_level": as_int(row.education_level),
        "disadvantaged": row.disadvantaged, "entered_on": as_day(row.entered_on), "closed_on": as_day(row.closed_on),
        "created_at": as_moment(row.created_at), "updated_at": as_moment(row.updated_at),
    }


def _language(each: dict) -> dict:
    """ClientLanguageSchema's dump: its two keys where present (a stored language may lack its level)."""
    return {key: as_text(value) for key, value in each.items() if key in ("code", "level")}


class ClientListArgs(PageArgs):
    status = fields.String(validate=validate.OneOf(("active", "closed")))
    municipality = fields.String(metadata={"description": "Official municipality code"})
    service_area = fields.String(metadata={"description": "Slug of a service area, e.g. pohjois-satakunta"})
    entered_from = fields.Date()
    entered_to = fields.Date()


class ClientSearchArgs(ClientListArgs):
    q = fields.String(validate=validate.Length(max=200), metadata={"description": "Words of the client's name"})


class ClientPageSchema(PageOut):
    items = fields.List(fields.Nested(ClientSchema))


class CaseClosingSchema(Schema):
    closed_on = fields.Date(allow_none=True, metadata={"description": "Today when not given"})


class ConsentDecisionSchema(Schema):
    purpose = fields.String(required=True, validate=validate.OneOf(consent_rules.PURPOSES))
    given = fields.Boolean(required=True)
    version = fields.String(load_default=consent_rules.CURRENT_VERSION)
    method = fields.String(validate=validate.OneOf(consent_rules.METHODS),
                           metadata={"description": "in_person or written (manager); self_service (the client)"})


class ConsentDecisionOutSchema(ConsentDecisionSchema):
    decided_at = fields.DateTime()
    recorded_by = fields.String(allow_none=True)


class ConsentsSchema(Schema):
    current = fields.Dict(keys=fields.String(), values=fields.Nested(ConsentDecisionOutSchema, allow_none=True))
    history = fields.List(fields.Nested(ConsentDecisionOutSchema))
    not_asked = fields.List(fields.String(), metadata={
        "description": "purposes the organisation does not ask consent for: its register gives them another "
                       "legal basis (the privacy notice names it)"})


class ClientAuditEntrySchema(Schema):
    """One entry of the client's trail, in codes (shared/audit/codes.py names them in fi/sv/en)."""
    at = fields.DateTime()
    service = fields.String()
    actor = fields.String(allow_none=True)
    actor_organisation = fields.String(allow_none=True)
    actor_role = fields.String(allow_none=True)
    action = fields.String()
    object_type = fields.String()
    purpose = fields.String()
    category = fields.String()
    detail = fields.Dict()
    clients = fields.Integer(metadata={"description": "How many clients the entry names (a list names many)"})


class ClientExportSchema(Schema):
    format = fields.String()
    exported_at = fields.String()
    controller = fields.String()
    client = fields.Dict()
    data = fields.Dict(keys=fields.String(), values=fields.List(fields.Dict()))

