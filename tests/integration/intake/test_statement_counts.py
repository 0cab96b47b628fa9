"""How many SQL statements the hot requests of intake's API send (issue #18): each is a round trip and the
driver's and SQLAlchemy's work, so a change that adds one to every request shows here, not in a benchmark.
Counted on PostgreSQL with an event listener on every engine (the service's and the audit store's)."""
from __future__ import annotations

from collections import Counter

import pytest
from sqlalchemy import event
from sqlalchemy.engine import Engine

from tests.integration.intake.client_helpers import API, network_on, register, unique_client
from tests.support import network as net


@pytest.fixture(scope="module")
def network(tmp_path_factory, postgres):
    with network_on(tmp_path_factory, postgres) as built:
        yield built


def statements(network, call) -> tuple[Counter, object]:
    """The statements `call` sends to intake's database ("service") and to its audit store ("audit"), and its
    answer. (The embedded network's portal answers the token check from its own database in the same process;
    behind gunicorn that is an HTTP call whose answer is kept for a while, so it is not counted here.)"""
    seen: Counter = Counter()
    runtime = network.runtimes["intake"]
    where = {runtime.db.engine.url.database: "service", runtime.audit.engine.url.database: "audit"}

    def count(conn, _cursor, text, *_args):
        if conn.engine.url.database in where and text.strip().upper() not in ("BEGIN", "COMMIT", "ROLLBACK"):
            seen[where[conn.engine.url.database]] += 1

    event.listen(Engine, "before_cursor_execute", count)
    try:
        answer = call()
    finally:
        event.remove(Engine, "before_cursor_execute", count)
    return seen, answer


def test_the_hot_reads_send_their_queries_and_one_audit_statement(network):
    manager = net.client_as(network, "manager1")
    client = register(manager)
    manager.get(f"{API}/{client['id']}")  # the first request of a process looks things up once

    card, answer = statements(network, lambda: manager.get(f"{API}/{client['id']}"))
    assert answer.status_code == 200
    # the client's row; the audit entry in one server-side statement (kampus_audit_append)
    assert card == {"service": 1, "audit": 1}

    listed, answer = statements(network, lambda: manager.get(f"{API}?per_page=50"))
    assert answer.status_code == 200 and answer.get_json()["items"]
    assert listed == {"service": 2, "audit": 1}  # how many match, one page of rows; one entry naming them all

    found, answer = statements(network, lambda: manager.post(f"{API}/search", json={"q": client["first_name"]},
                                                     headers={"Idempotency-Key": "search-1"}))
    assert answer.status_code == 200 and answer.get_json()["total"] == 1
    assert found == listed  # a search is a read: no idempotency key is claimed or kept


def test_registering_a_client(network):
    manager = net.client_as(network, "manager1")
    register(manager)
    body = unique_client()
    counted, answer = statements(network, lambda: manager.post(API, json=body, headers={"Idempotency-Key": "r-1"}))
    assert answer.status_code == 201
    # the key claimed (one INSERT); the client inserted and read back, the processing restrictions, the event
    # into the outbox and the relay woken (NOTIFY); the answer kept under the key; the audit entries in one
    assert counted == {"service": 7, "audit": 1}
