"""The client lists' and card's hand-built answer (`client_out`) is what ClientSchema dumps of the same row."""
from __future__ import annotations

import uuid
from collections import namedtuple
from datetime import UTC, date, datetime

from services.intake.api.client_schemas import ClientSchema, client_out
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
