"""The client lists' and card's hand-built answer (`client_out`) is what ClientSchema dumps of the same row."""
from __future__ import annotations

import json
import uuid
from collections import namedtuple
from datetime import UTC, date, datetime

import pytest
from flask import Flask, jsonify

from services.intake.api.client_schemas import ClientSchema, client_out, client_page_json, clients_out
from services.intake.db import clients
from services.intake.handlers.clients import client_view


class Row(namedtuple("Columns", [column.name for column in clients.columns])):
    """A client row as SQLAlchemy gives it: its columns as attributes and as `_mapping` (client_view reads it)."""

    __slots__ = ()

    @property
    def _mapping(self) -> dict:
        return self._asdict()


def client_row(**overrides) -> Row:
    values: dict = dict.fromkeys(Row._fields)
    values.update(id=uuid.uuid4(), organisation="sataedu", status="active", first_name="Aino", last_name="Virtanen",
                  birth_date=date(2004, 5, 6), email="aino@example.fi", phone="0401234567", home_municipality="609",
                  gender="woman", mother_tongue="fi", languages=[{"code": "fi", "level": "native"}],
                  education_status="studying", institution="Sataedu", field_of_education="041",
                  employment_status="unemployed", education_level=3, disadvantaged=False,
                  entered_on=date(2026, 1, 2), closed_on=date(2026, 3, 4), person_key="kept from the answer",
                  search_name="aino virtanen", created_at=datetime(2026, 1, 2, 3, 4, 5, 678901, tzinfo=UTC),
                  updated_at=datetime(2026, 2, 3, 4, 5, 6))  # naive, as SQLite gives it: UTC
    values.update(overrides)
    return Row(**values)


ROWS = {
    "every field": client_row(),
    "optional fields empty": client_row(email=None, phone=None, gender=None, mother_tongue=None, languages=[],
                                        education_status=None, institution=None, field_of_education=None,
                                        employment_status=None, education_level=None, disadvantaged=None,
                                        closed_on=None, updated_at=None),
    "no municipality, languages without a level, disadvantaged": client_row(
        home_municipality=None, languages=[{"code": "sv"}, {"code": "en", "level": None, "note": "not shown"}],
        disadvantaged=True, education_level=0, status="closed"),
    "an unknown municipality code, no languages at all": client_row(home_municipality="999", languages=None),
    "a string id (SQLite)": client_row(id=str(uuid.uuid4())),
}


def test_client_out_is_what_the_schema_dumps_for_every_kind_of_row():
    for name, row in ROWS.items():
        expected = ClientSchema().dump(client_view(row))
        assert client_out(row) == expected, name


def test_the_rows_cover_what_the_answer_can_hold():
    """The cases above are not vacuous: each optional value is both present and empty, and nothing hidden shows."""
    dumped = {name: ClientSchema().dump(client_view(row)) for name, row in ROWS.items()}
    assert dumped["every field"]["home_municipality"]["code"] == "609"
    assert dumped["every field"]["updated_at"] == "2026-02-03T04:05:06+00:00"
    assert dumped["optional fields empty"]["education_level"] is None
    assert dumped["no municipality, languages without a level, disadvantaged"]["languages"] == [
        {"code": "sv"}, {"code": "en", "level": None}]
    assert dumped["an unknown municipality code, no languages at all"]["home_municipality"] is None
    assert dumped["an unknown municipality code, no languages at all"]["languages"] == []
    assert not {"person_key", "search_name"} & set(dumped["every field"])


def _as_text(row: Row) -> Row:
    """The row as the API's lists read it (handlers.clients.LISTED_TEXTS): its languages as their JSON text."""
    return row._replace(languages=None if row.languages is None else json.dumps(row.languages))


def test_a_page_of_rows_gives_each_rows_client_out_with_the_languages_read_as_json_or_as_text():
    rows = list(ROWS.values())
    expected = [client_out(row) for row in rows]
    assert clients_out(rows) == expected
    assert clients_out([_as_text(row) for row in rows]) == expected
    assert clients_out([_as_text(row) for row in rows]) == expected  # the texts' languages kept: the same again
    without = clients_out(rows, municipality=False)
    assert all("home_municipality" not in item for item in without)
    assert [dict(item, home_municipality=e["home_municipality"]) for item, e in zip(without, expected)] == expected
    assert clients_out([]) == []


# Texts that would break a JSON put together by hand: a member's separator and key inside a string, quotes,
# backslashes, letters outside ASCII (escaped by Flask's JSON)
AWKWARD = client_row(first_name='Äijälä ,"id":"x"', last_name='\\",\\"home_municipality":{', institution="\\",
                     email="a\u2028b@example.fi", gender=None, languages=[{"code": "fi", "level": "Ä"}])


@pytest.mark.parametrize("sort_keys", [True, False])
def test_a_page_s_json_is_jsonify_s_byte_for_byte(sort_keys):
    app = Flask(__name__)
    app.json.sort_keys = sort_keys  # an app whose JSON does not sort its keys gets jsonify's answer as it is
    rows = [*ROWS.values(), AWKWARD, client_row(home_municipality="214"), client_row(home_municipality="609")]
    page = {"total": 42, "page": 2, "per_page": 9}
    with app.app_context():
        for given in (rows, [_as_text(row) for row in rows], rows[:1], []):
            answer = client_page_json(given, dict(page))
            expected = jsonify(dict(page, items=[client_out(row) for row in rows[:len(given)]]))
            assert answer.get_data() == expected.get_data()
            assert answer.mimetype == expected.mimetype == "application/json"
        assert json.loads(client_page_json([AWKWARD], dict(page)).get_data())["items"][0]["first_name"] == \
            'Äijälä ,"id":"x"'
