"""The compiled dump gives exactly what marshmallow's dump gives, on the list schemas that use it."""
from __future__ import annotations

import uuid
from datetime import UTC, date, datetime
from types import SimpleNamespace

from marshmallow import Schema, fields, post_dump

from services.intake.api.client_schemas import ClientPageSchema, ClientSchema
from shared.web.dump import dumper


def client_row(**overrides) -> dict:
    row = {"id": str(uuid.uuid4()), "organisation": "sataedu", "status": "active", "first_name": "Aino",
           "last_name": "Virtanen", "birth_date": date(2004, 5, 6), "email": None, "phone": "0401234567",
           "home_municipality": {"code": "609", "name": "Pori", "service_area": "pori"},
           "gender": "woman", "mother_tongue": "fi", "languages": [{"code": "fi", "level": "native"}],
           "education_status": "studying", "institution": None, "field_of_education": "041",
           "employment_status": "unemployed", "education_level": 3, "disadvantaged": 0,
           "entered_on": date(2026, 1, 2), "closed_on": None,
           "created_at": datetime(2026, 1, 2, 3, 4, 5, 678901, tzinfo=UTC), "updated_at": None,
           "person_key": "not in the schema: left out"}
    row.update(overrides)
    return row


def test_a_page_of_clients_is_dumped_as_marshmallow_dumps_it():
    page = {"items": [client_row(), client_row(home_municipality=None, languages=[], disadvantaged=True),
                      client_row(education_level=None, birth_date=None)],
            "total": 3, "page": 1, "per_page": 50, "extra": "left out"}
    expected = ClientPageSchema().dump(page)
    assert dumper(ClientPageSchema)(page) == expected
    assert "person_key" not in expected["items"][0] and expected["items"][1]["disadvantaged"] is True
    assert expected["items"][0]["created_at"] == "2026-01-02T03:04:05.678901+00:00"


def test_a_value_that_is_not_there_is_left_out_and_attributes_are_read_too():
    row = client_row()
    del row["phone"], row["updated_at"]
    assert dumper(ClientSchema)(row) == ClientSchema().dump(row)
    assert "phone" not in dumper(ClientSchema)(row)
    thing = SimpleNamespace(**client_row())
    assert dumper(ClientSchema)(thing) == ClientSchema().dump(thing)


class Hooked(Schema):
    name = fields.String()

    @post_dump
    def shout(self, data, **_kwargs):
        return {"name": data["name"].upper()}


class Odd(Schema):
    when = fields.DateTime(format="%d.%m.%Y")
    key = fields.String(data_key="Key")
    count = fields.Integer(as_string=True)
    hooked = fields.Nested(Hooked)
    many = fields.List(fields.Nested(Hooked))


def test_fields_and_schemas_it_does_not_compile_go_through_marshmallow():
    obj = {"when": datetime(2026, 12, 6, 10, 0), "key": 5, "count": 7, "hooked": {"name": "aino"},
           "many": [{"name": "leo"}]}
    expected = {"when": "06.12.2026", "Key": "5", "count": "7", "hooked": {"name": "AINO"}, "many": [{"name": "LEO"}]}
    assert Odd().dump(obj) == expected
    assert dumper(Odd)(obj) == expected


class Names(Schema):
    slug = fields.String()
    names = fields.Dict(keys=fields.String(), values=fields.String())


class Nesting(Schema):
    areas = fields.Nested(Names, many=True)
    one = fields.Nested(Names, allow_none=True)
    counts = fields.Dict(keys=fields.String(), values=fields.Integer())
    raw = fields.Dict(keys=fields.String())


def test_nested_lists_and_dicts_with_typed_keys_are_compiled_and_give_marshmallows_answer():
    obj = {"areas": [{"slug": "pori", "names": {"fi": "Pori", "sv": "Björneborg", "en": None}, "x": 1},
                     {"slug": "rauma", "names": {}}],
           "one": None, "counts": {"a": 1, 2: 3}, "raw": {"k": [1, 2]}}
    expected = Nesting().dump(obj)
    assert expected == {"areas": [{"slug": "pori", "names": {"fi": "Pori", "sv": "Björneborg", "en": None}},
                                  {"slug": "rauma", "names": {}}],
                        "one": None, "counts": {"a": 1, "2": 3}, "raw": {"k": [1, 2]}}
    assert dumper(Nesting)(obj) == expected
    assert dumper(Nesting)({"areas": None, "one": obj["areas"][0]}) == Nesting().dump(
        {"areas": None, "one": obj["areas"][0]})


def test_a_client_with_its_municipality_view_is_dumped_as_marshmallow_dumps_it():
    from services.intake.handlers.clients import municipality_view

    row = client_row(home_municipality=municipality_view("214"))  # Kankaanpää, in Pohjois-Satakunta
    assert row["home_municipality"]["service_areas"]  # the nested list of areas with their names
    assert dumper(ClientSchema)(row) == ClientSchema().dump(row)
    assert municipality_view("609") is municipality_view("609")  # reference data, built once
    assert municipality_view("999") is None and municipality_view(None) is None


def test_every_municipality_view_is_in_its_dumped_form_so_the_dumper_may_pass_it_as_it_is():
    from services.intake.api.client_schemas import ClientMunicipalitySchema
    from services.intake.handlers.clients import municipality_view
    from shared.reference import municipalities
    from shared.web.dump import Dumped

    codes = [m.code for m in municipalities.all()]
    assert len(codes) > 250
    for code in codes:
        view = municipality_view(code)
        assert type(view) is Dumped and ClientMunicipalitySchema().dump(view) == view, code
