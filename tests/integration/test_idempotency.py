"""Safe retries: a POST sent again with the same Idempotency-Key creates nothing new and gets the first answer
(intake on SQLite and on PostgreSQL; every service with the table takes the header the same way)."""
from __future__ import annotations

import uuid

import pytest
from sqlalchemy import insert

from services.intake.db import clients, idempotency_keys
from shared.events.envelope import utcnow
from tests.integration.intake.client_helpers import API, count, network_on, outbox, unique_client
from tests.support import network as net
from tests.support.erasure import erase, via


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def network(request, tmp_path_factory):
    postgres = request.getfixturevalue("postgres") if request.param == "postgresql" else None
    with network_on(tmp_path_factory, postgres) as built:
        yield built


def post(api, body: dict, key: str | None):
    return api.post(API, json=body, headers={"Idempotency-Key": key} if key else {})


def assert_key_refused(network, api, key: str) -> None:
    """A new registration sent with `key` is refused (422) naming the header, and no client is registered."""
    before = count(network, clients)
    response = post(api, unique_client(), key)
    assert response.status_code == 422 and "Idempotency-Key" in response.get_json()["error"]["fields"]
    assert count(network, clients) == before


def test_a_retried_registration_returns_the_first_answer_and_registers_once(network):
    manager, body, key = net.client_as(network, "manager1"), unique_client(), str(uuid.uuid4())
    before, events = count(network, clients), len(outbox(network))
    first = post(manager, body, key)
    again = post(manager, body, key)
    assert first.status_code == again.status_code == 201
    assert again.get_json() == first.get_json() and again.headers["Idempotent-Replayed"] == "true"
    assert "Idempotent-Replayed" not in first.headers
    assert count(network, clients) == before + 1
    assert len(outbox(network)) - events == len(outbox(network, first.get_json()["id"]))  # one registration's
    without_key = post(manager, body, None)  # no key: a second request is a second registration
    assert without_key.status_code == 201 and without_key.get_json()["id"] != first.get_json()["id"]


def test_the_same_key_for_another_request_is_refused_naming_the_header(network):
    manager, key = net.client_as(network, "manager1"), str(uuid.uuid4())
    assert post(manager, unique_client(), key).status_code == 201
    assert_key_refused(network, manager, key)


def test_a_refusal_is_not_kept_so_the_corrected_request_may_use_the_key(network):
    manager, key, body = net.client_as(network, "manager1"), str(uuid.uuid4()), unique_client()
    refused = post(manager, {**body, "birth_date": "2999-01-01"}, key)
    assert refused.status_code == 422 and "birth_date" in refused.get_json()["error"]["fields"]
    corrected = post(manager, body, key)
    assert corrected.status_code == 201 and "Idempotent-Replayed" not in corrected.headers


def test_keys_are_each_users_own(network):
    key = str(uuid.uuid4())
    sataedu, samk = net.client_as(network, "manager1"), net.client_as(network, "manager2")
    mine, theirs = post(sataedu, unique_client(), key), post(samk, unique_client(), key)
    assert mine.status_code == theirs.status_code == 201
    assert mine.get_json()["id"] != theirs.get_json()["id"] and "Idempotent-Replayed" not in theirs.headers


@pytest.mark.parametrize("key", ["has space", "x" * 201, "ääkkönen"])
def test_a_malformed_key_is_refused(network, key):
    assert_key_refused(network, net.client_as(network, "manager1"), key)


def test_while_the_first_is_being_processed_a_retry_gets_409(network):
    manager, key, body = net.client_as(network, "manager1"), str(uuid.uuid4()), unique_client()
    runtime = network.runtimes["intake"]
    first = post(manager, body, key)  # learn the request's fingerprint from the row it leaves
    with runtime.db.transaction() as session:
        [row] = session.execute(idempotency_keys.select().where(idempotency_keys.c.key == key)).all()
        other = str(uuid.uuid4())
        session.execute(insert(idempotency_keys).values(owner=row.owner, key=other, fingerprint=row.fingerprint,
                                                        created_at=utcnow()))  # in progress: no answer yet
    assert first.status_code == 201
    busy = post(manager, body, other)
    assert busy.status_code == 409 and busy.get_json()["error"]["code"] == "in_progress"


def test_every_post_of_the_openapi_documents_the_header(network):
    from werkzeug.test import Client

    for service in ("intake", "matching", "environments", "reporting"):
        spec = Client(network.wsgi).get(f"/{service}/api/openapi.json").get_json()
        every = [op for ops in spec["paths"].values() for m, op in ops.items() if m == "post"]
        posts = [op for op in every if not op.get("x-kampus-read-only")]
        assert posts or service == "reporting", service  # reporting's API only reads (today)
        assert all("IdempotencyKey" not in str(op.get("parameters")) for op in every if op not in posts), service
        if service == "intake":  # the client search is the one read-only POST: it names no key
            assert [path for path, ops in spec["paths"].items() if ops.get("post", {}).get("x-kampus-read-only")
                    ] == ["/api/v1/clients/search"]
        assert all({"$ref": "#/components/parameters/IdempotencyKey"} in op["parameters"] for op in posts), service
        assert spec["components"]["parameters"]["IdempotencyKey"]["in"] == "header", service


def test_erasing_the_client_forgets_the_remembered_answer_that_names_them(network):
    from sqlalchemy import select

    manager, key = net.client_as(network, "manager1"), str(uuid.uuid4())
    created = post(manager, unique_client(), key).get_json()
    erased = erase(via(manager), created["id"])
    assert erased.status_code == 200, erased.get_json()
    with network.runtimes["intake"].db.session() as session:
        assert session.execute(select(idempotency_keys.c.key).where(idempotency_keys.c.key == key)).first() is None


def test_a_search_keeps_no_key_and_answers_afresh_every_time(network):
    """The client search is a POST only so that no name is in a URL: it creates nothing, so a key is neither
    claimed nor kept (no idempotency bookkeeping), and the same key sent again gets a fresh answer."""
    from sqlalchemy import func, select

    manager, key = net.client_as(network, "manager1"), str(uuid.uuid4())
    body = unique_client()
    search = {"q": body["first_name"]}  # a name of its own
    before = manager.post(f"{API}/search", json=search, headers={"Idempotency-Key": key})
    assert before.status_code == 200 and before.get_json()["total"] == 0
    assert post(manager, body, None).status_code == 201
    after = manager.post(f"{API}/search", json=search, headers={"Idempotency-Key": key})
    assert after.status_code == 200 and after.get_json()["total"] == 1  # not the first answer replayed
    assert "Idempotent-Replayed" not in after.headers
    with network.runtimes["intake"].db.session() as session:
        assert session.execute(select(func.count()).select_from(idempotency_keys)
                               .where(idempotency_keys.c.key == key)).scalar_one() == 0


def test_a_key_older_than_a_day_is_forgotten_and_claimed_anew(network):
    from datetime import timedelta

    manager, key = net.client_as(network, "manager1"), str(uuid.uuid4())
    first = post(manager, unique_client(), key)
    assert first.status_code == 201
    runtime = network.runtimes["intake"]
    with runtime.db.transaction() as session:  # as if the first request was made 25 hours ago
        session.execute(idempotency_keys.update().where(idempotency_keys.c.key == key).values(
            created_at=utcnow() - timedelta(hours=25)))
    before = count(network, clients)
    other = post(manager, unique_client(), key)  # another request: within a day this key would be refused
    assert other.status_code == 201 and "Idempotent-Replayed" not in other.headers
    assert other.get_json()["id"] != first.get_json()["id"] and count(network, clients) == before + 1
    assert post(manager, unique_client(), key).status_code == 422  # the key now belongs to the new request
