"""A partner read by id from its statement kept compiled (intake's handlers.partners.KEPT, issue 18's twelfth round)
gives the row SQLAlchemy's execution gives, and None for an unknown or malformed id."""
from __future__ import annotations

import uuid

import pytest

from services.intake.handlers import partners
from tests.integration.intake.client_helpers import network_on
from tests.support import network as net


@pytest.fixture(scope="module")
def network(tmp_path_factory, postgres):
    with network_on(tmp_path_factory, postgres) as built:
        yield built


@pytest.fixture
def kept():
    yield partners.KEPT
    partners.KEPT.on = True


def test_a_partner_read_kept_is_the_row_sqlalchemy_reads(network, kept):
    manager = net.client_as(network, "manager1")
    made = manager.post("/intake/api/v1/partners", json={"name": "Luettu Oy", "kind": "company",
                                                         "municipality": "609"}).get_json()
    found = {}
    for on in (False, True):
        kept.on = on
        with network.runtimes["intake"].db.session() as session:
            row = partners.partner_row(session, made["id"])
            found[on] = (row._fields, tuple(row), partners.partner_row(session, str(uuid.uuid4())),
                         partners.partner_row(session, "not an id"))
    assert found[True] == found[False]
    fields, values, unknown, malformed = found[True]
    assert dict(zip(fields, values, strict=True))["name"] == "Luettu Oy" and values[0] == made["id"]
    assert unknown is None and malformed is None
    # sent as the kept statement's SQL text on PostgreSQL
    assert kept._statements and all(s._form(network.runtimes["intake"].db.engine.dialect) is not None
                                    for s in kept._statements.values())
