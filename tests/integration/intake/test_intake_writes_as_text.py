"""A registration and a new need store the same rows, put the same events in the outbox and answer the same
whether their writes go through the ORM session or as their SQL text compiled once (shared.db.Written, issue 18's
twelfth round; bench/api_ab.py's switch `writes-text`); a partner read by id from its statement kept compiled
(handlers.partners.KEPT, switch `partner-kept`) is the row SQLAlchemy's execution reads."""
from __future__ import annotations

import json
import re
import uuid

import pytest
from sqlalchemy import select

from services.intake.db import clients, competence_needs, consents, need_skills
from services.intake.handlers import competence_needs as needs
from services.intake.handlers import consents as consents_handlers
from services.intake.handlers import partners, registration
from shared.db import WRITTEN, Written
from tests.integration.intake.client_helpers import API, network_on, unique_client
from tests.support import network as net
from tests.support.intake_partners import some_skill

# what differs between two writes of the same input: new ids, correlation ids and the moments they were made
FRESH = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[0-9a-f]{32}"
                   r"|\d{4}-\d\d-\d\d[T ][\d:.]+(?:[+-]\d\d:\d\d|Z)?")
ANSWERED = ("Content-Type", "Cache-Control", "X-Content-Type-Options", "Content-Security-Policy", "Location")


@pytest.fixture(scope="module")
def network(tmp_path_factory, postgres):
    with network_on(tmp_path_factory, postgres) as built:
        yield built


@pytest.fixture
def written():
    yield Written
    Written.on = True


@pytest.fixture
def kept():
    yield partners.KEPT
    partners.KEPT.on = True


def _masked(value) -> str:
    return FRESH.sub("<new>", json.dumps(value, default=str, sort_keys=True))


def _rows(network, table, column, key) -> list[dict]:
    with network.runtimes["intake"].db.session() as session:
        found = session.execute(select(table).where(column == key).order_by(*table.primary_key.columns)).mappings()
        return [{k: v for k, v in row.items() if k != "id"} for row in found]


def _outbox(network, key: str) -> list[dict]:
    """The outbox rows naming `key`, as the relay will publish them (type, routing key, body)."""
    runtime = network.runtimes["intake"]
    table = runtime.tables.outbox
    with runtime.db.session() as session:
        found = session.execute(select(table.c.type, table.c.routing_key, table.c.body, table.c.attempts)
                                .where(table.c.body.contains(key)).order_by(table.c.id)).mappings()
        return [dict(row) for row in found]


def _sent_as_text(statement) -> bool:
    """Whether WRITTEN sent `statement` as its SQL text (not through SQLAlchemy's execution) in this process."""
    return any(kept is statement and sql is not None for kept, sql, _processors in WRITTEN._forms.values())


def _answer(response) -> tuple:
    return (response.status_code, _masked(response.get_json()),
            {name: FRESH.sub("<new>", response.headers.get(name, "")) for name in ANSWERED})


def _both_ways(network, written, post, row, children) -> tuple[str, tuple, tuple]:
    """`post(key)` with the writes through the ORM session, then as their SQL text; each time the answer, the new
    row (`row`: its table and key column), its children's rows (`children`: likewise) and the outbox's events
    naming it, masked. Returns the new id of the second and both."""
    seen = []
    for on in (False, True):
        written.on = on
        answer = post(uuid.uuid4().hex)  # a key of its own each time
        assert answer.status_code == 201, answer.get_json()
        new = answer.get_json()["id"]
        seen.append((_answer(answer), _masked(_rows(network, *row, new)), _masked(_rows(network, *children, new)),
                     _masked(_outbox(network, new))))
    return new, seen[0], seen[1]


def test_a_registration_is_the_same_both_ways(network, written):
    manager = net.client_as(network, "manager1")
    body = unique_client(consents={"service": True, "profile_sharing": True, "contact_to_partner": False,
                                   "statistics": True, "overlap": False})
    _new, before, after = _both_ways(network, written, lambda key: manager.post(API, json=body, headers={
        "Idempotency-Key": key}), (clients, clients.c.id), (consents, consents.c.client_id))
    assert after == before
    assert _sent_as_text(registration._INSERT_RETURNING) and _sent_as_text(consents_handlers._INSERT)
    assert _sent_as_text(network.runtimes["intake"].outbox._insert)
    # what was stored: the client, the three decisions asked, the five events (the same person: the same key)
    assert json.loads(after[1])[0]["first_name"] == body["first_name"]
    assert [c["purpose"] for c in json.loads(after[2])] == ["profile_sharing", "contact_to_partner", "overlap"]
    assert [e["type"] for e in json.loads(after[3])] == [
        "intake.client.registered", "intake.person_key.published", "intake.consent.given",
        "intake.profile.shared", "intake.statistics.recorded"]


def test_a_new_need_is_the_same_both_ways(network, written):
    manager = net.client_as(network, "manager1")
    partner = manager.post("/intake/api/v1/partners", json={"name": "Tekstiä Oy", "kind": "company"}).get_json()
    body = {"partner_id": partner["id"], "title": "Sama tarve", "work_type": "part_time",
            "skills": [{"uri": some_skill(1), "essential": False, "level": 3},
                       {"uri": some_skill(0), "essential": True, "level": 2}]}
    url = "/intake/api/v1/competence-needs"

    def post(key):  # the first need closed before the second: the same open need is not recorded twice
        for need in manager.get(url, query_string={"partner_id": partner["id"], "status": "open"}).get_json():
            assert manager.patch(f"{url}/{need['id']}", json={"status": "closed"}).status_code == 200
        return manager.post(url, json=body, headers={"Idempotency-Key": key})

    new, before, after = _both_ways(network, written, post, (competence_needs, competence_needs.c.id),
                                    (need_skills, need_skills.c.need_id))
    assert after == before
    assert _sent_as_text(needs.INSERT_NEED) and _sent_as_text(needs.INSERT_SKILLS)
    stored = _rows(network, need_skills, need_skills.c.need_id, new)
    assert [(s["skill_uri"], s["essential"], s["level"]) for s in stored] == [
        (some_skill(1), False, 3), (some_skill(0), True, 2)]
    assert [e["type"] for e in json.loads(after[3])] == ["intake.need.published"]


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
