"""Marshmallow schemas of clients, consents and the data subject's rights (the HTTP contract)."""
from __future__ import annotations

import json
from collections.abc import Sequence
from operator import itemgetter

from flask import Response, current_app, jsonify
from flask.json.provider import DefaultJSONProvider
from marshmallow import Schema, validate

from services.intake.domain import clients as rules
from services.intake.domain import consent as consent_rules
from services.intake.handlers.clients import municipality_view
from shared.web import fields
from shared.web.dump import as_moment, as_text
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
    return clients_out([row])[0]


# The columns of ClientSchema's answer by how they are dumped. A text column's value is a str from the driver (or
# None), which fields.String dumps as it is; the others convert.
_TEXTS = ("organisation", "status", "first_name", "last_name", "email", "phone", "gender", "mother_tongue",
          "education_status", "institution", "field_of_education", "employment_status")
_OTHERS = ("id", "birth_date", "entered_on", "closed_on", "created_at", "updated_at", "languages", "education_level",
           "disadvantaged", "home_municipality")
_positions: dict[tuple, tuple[itemgetter, itemgetter]] = {}  # a row shape's keys -> its texts' and others' getters


def _getters(keys: tuple) -> tuple[itemgetter, itemgetter]:
    """Getters of a row shape's text columns and other columns by position (SQLAlchemy's Row gives a column by
    position many times faster than by name)."""
    found = _positions.get(keys)
    if found is None:
        index = {key: n for n, key in enumerate(keys)}
        found = _positions[keys] = (itemgetter(*(index[k] for k in _TEXTS)), itemgetter(*(index[k] for k in _OTHERS)))
        if len(_positions) > 64:  # a few statements' shapes; never many
            _positions.clear()
    return found


def clients_out(rows: Sequence, *, municipality: bool = True) -> list[dict]:
    """`client_out` of each row of one result (the rows share their columns, so positions are looked up once);
    without `municipality`, the answers leave out `home_municipality` (`client_page_json` adds it encoded)."""
    if not rows:
        return []
    texts, others = _getters(tuple(rows[0]._fields))
    out = []
    for row in rows:
        item = dict(zip(_TEXTS, texts(row)))
        key, born, entered, closed, created, updated, languages, level, disadvantaged, home = others(row)
        item["id"] = None if key is None else str(key)
        item["birth_date"] = None if born is None else born.isoformat()
        item["entered_on"] = None if entered is None else entered.isoformat()
        item["closed_on"] = None if closed is None else closed.isoformat()
        item["created_at"] = as_moment(created)
        item["updated_at"] = as_moment(updated)
        item["languages"] = _languages_of(languages) if type(languages) is str else (
            [_language(each) for each in languages] if languages else [])
        item["education_level"] = None if level is None else int(level)
        item["disadvantaged"] = disadvantaged
        if municipality:
            item["home_municipality"] = municipality_view(home)
        out.append(item)
    return out


_languages: dict[str, list] = {}  # a languages column's JSON text -> its dumped list


def _languages_of(text: str) -> list:
    """The dumped languages of their JSON text (the API's lists read it as text: `LISTED_TEXTS`), parsed once per
    distinct text (most clients share a few). The list is shared between answers: read it, do not change it."""
    found = _languages.get(text)
    if found is None:
        found = [_language(each) for each in json.loads(text) or ()]
        if len(_languages) >= 1000:
            _languages.clear()
        _languages[text] = found
    return found


def _language(each: dict) -> dict:
    """ClientLanguageSchema's dump: its two keys where present (a stored language may lack its level)."""
    return {key: as_text(value) for key, value in each.items() if key in ("code", "level")}


_encoded: dict[tuple, tuple[object, str]] = {}  # (municipality code, encoder's settings) -> (its view, its JSON)


def client_page_json(rows: Sequence, page: dict) -> Response:
    """The JSON answer of a page of clients (`page` without its items; `rows`, the page's client rows): the bytes
    `jsonify(dict(page, items=[client_out(row) for row in rows]))` gives, made with each municipality's JSON
    encoded once per code (a municipality with its names and areas was most of the encoder's work on a page).

    A client is encoded without `home_municipality`, whose encoded view is put in its place: with the keys
    sorted, right before `,"id":`, which every client has and which is the first key after it. The first `,"id":`
    of a client's JSON is that key: inside an encoded string a quote is always escaped, so `,"` occurs only
    between members, and the members before `id` (birth_date ... gender) hold no objects. With an app's JSON that
    does not sort its keys or is not compact, it answers with `jsonify` as it is."""
    provider = current_app.json
    if not (isinstance(provider, DefaultJSONProvider) and provider.sort_keys
            and not ((provider.compact is None and current_app.debug) or provider.compact is False)):
        return jsonify(dict(page, items=clients_out(rows)))
    encode = json.JSONEncoder(ensure_ascii=provider.ensure_ascii, sort_keys=True, separators=(",", ":"),
                              default=provider.default).encode
    settings = (provider.ensure_ascii, provider.default)
    texts = []
    on_page: dict[str | None, str] = {}  # a code's encoded view, looked up once a page
    for row, item in zip(rows, clients_out(rows, municipality=False), strict=True):
        code = row.home_municipality
        encoded = on_page.get(code)
        if encoded is None:
            view = municipality_view(code)
            kept = _encoded.get((code, settings))
            if kept is None or kept[0] is not view:
                kept = _encoded[(code, settings)] = (view, encode(view))
                if len(_encoded) > 2000:  # the few hundred municipalities (and None) per setting
                    _encoded.clear()
            encoded = on_page[code] = kept[1]
        text = encode(item)
        at = text.index(',"id":')
        texts.append(f"{text[:at]},\"home_municipality\":{encoded}{text[at:]}")
    rest = encode({key: value for key, value in page.items() if key != "items"})
    if rest == "{}" or min(page) < "items":  # "items" must come first in the sorted keys
        return jsonify(dict(page, items=clients_out(rows)))
    return current_app.response_class(f"{{\"items\":[{','.join(texts)}],{rest[1:]}\n",
                                      mimetype=provider.mimetype)


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

