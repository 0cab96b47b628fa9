"""Matching in the embedded network, with matching on SQLite and on PostgreSQL: intake's API in, suggestions out.

A partner publishes a need; the clients who fit appear with explanations in their own managers' inboxes
and in intake's suggestions; withdrawn consent takes them out at once; a decline survives an engine rebuild.
"""
from __future__ import annotations

import json
import uuid

import pytest
from sqlalchemy import select

from services.intake.db import suggestions as intake_suggestions
from services.matching.db import decisions, profiles, suggestions
from services.matching.handlers.live import LiveEngine, install
from services.matching.handlers.maintenance import rebuild
from services.reporting.db import raw_events
from shared.reference import esco
from tests.support import network as net
from tests.support.intake_partners import record_partner
from tests.support.matching import register_client, unrelated_skills

pytestmark = pytest.mark.integration
INTAKE, MATCHING = "/intake/api/v1", "/matching/api/v1"


@pytest.fixture(scope="module")
def taxonomy():
    return esco.load_taxonomy()


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def network(request, tmp_path_factory, taxonomy):
    postgres = request.getfixturevalue("postgres") if request.param == "postgresql" else None
    url = postgres.create_database() if postgres else None
    network = net.build(tmp_path_factory.mktemp("matching"), database_urls={"matching": url} if url else None)
    yield network
    network.shutdown()
    if url:
        postgres.drop_database(url)


@pytest.fixture(scope="module")
def skills(taxonomy):
    """ESCO skills with nothing in common (no relation, no shared group): each test takes its own."""
    return unrelated_skills(taxonomy, 10)


@pytest.fixture(scope="module")
def partner(network):
    """partner1's company, registered by manager1 and linked to partner1's organisation."""
    return record_partner(network, net.client_as(network, "manager1"), name="Konepaja Virtanen Oy", kind="company",
                          business_id="2464491-9", municipality="214", organisation="konepaja-virtanen")["id"]


def publish_need(network, skill_levels: list[tuple[str, bool, int]], **overrides) -> str:
    body = {"title": "Hitsaaja osa-aikaiseksi", "work_type": "part_time", "municipality": "214",
            "languages": ["fi"], "skills": [{"uri": u, "essential": e, "level": lv} for u, e, lv in skill_levels]}
    body.update(overrides)
    response = net.client_as(network, "partner1").post(f"{INTAKE}/competence-needs", json=body)
    assert response.status_code == 201, response.get_json()
    return response.get_json()["id"]


def inbox(network, username: str, **query) -> list[dict]:
    response = net.client_as(network, username).get(f"{MATCHING}/suggestions", query_string=query)
    assert response.status_code == 200, response.get_json()
    return response.get_json()["items"]


def intake_rows(network, client_id: str) -> list:
    with network.runtimes["intake"].db.session() as session:
        return session.execute(select(intake_suggestions).where(intake_suggestions.c.client_id == client_id)).all()


def test_a_partners_new_need_reaches_the_right_managers_inboxes_with_explanations(network, partner, skills):
    welder, grinder, other = skills[:3]
    ours = register_client(net.client_as(network, "manager1"), {welder: 4, grinder: 2})
    theirs = register_client(net.client_as(network, "manager2"), {welder: 3})
    unrelated = register_client(net.client_as(network, "manager1"), {other: 5})
    need_id = publish_need(network, [(welder, True, 3), (grinder, False, 2)])
    assert network.settle()

    [mine] = inbox(network, "manager1", need_id=need_id, lang="en")
    assert mine["client_id"] == ours and mine["target_title"] == "Hitsaaja osa-aikaiseksi"
    assert mine["target_owner"] == "Konepaja Virtanen Oy"
    explanation = mine["explanation"]
    matched = [s for s in explanation["skills"] if s["held_uri"]]
    assert [s["uri"] for s in matched] == [welder, grinder] and matched[0]["label"]
    assert explanation["missing_essential"] == []
    assert {c["name"] for c in explanation["constraints"]} >= {"area", "languages", "work_type"}
    [samk] = inbox(network, "manager2", need_id=need_id)
    assert samk["client_id"] == theirs
    assert unrelated not in {i["client_id"] for i in inbox(network, "manager1")}

    [kept] = intake_rows(network, ours)
    assert (kept.id, kept.target_kind, kept.target_id, kept.status) == (mine["id"], "need", need_id, "new")
    assert kept.explanation["skills"][0]["uri"] == welder
    assert len(intake_rows(network, theirs)) == 1


def test_withdrawn_consent_takes_the_suggestions_away_at_once(network, partner, skills):
    manager = net.client_as(network, "manager1")
    client = register_client(manager, {skills[3]: 5})
    need_id = publish_need(network, [(skills[3], True, 2)], title="Hiomakoneen käyttäjä")
    assert network.settle()
    assert [i["client_id"] for i in inbox(network, "manager1", need_id=need_id, status="new")] == [client]

    response = manager.post(f"{INTAKE}/clients/{client}/consents", json={"purpose": "profile_sharing", "given": False})
    assert response.status_code == 201, response.get_json()
    assert network.settle()
    assert inbox(network, "manager1", need_id=need_id, status="new") == []
    [withdrawn] = inbox(network, "manager1", need_id=need_id)
    assert withdrawn["status"] == "withdrawn" and withdrawn["withdrawn_reason"] == "profile_withdrawn"
    assert [r.status for r in intake_rows(network, client)] == ["withdrawn"]
    with network.runtimes["matching"].db.session() as session:
        assert session.execute(select(profiles.c.status).where(profiles.c.client_id == client)).scalar() == "withdrawn"


def test_a_decline_needs_a_reason_and_survives_an_engine_rebuild(network, partner, skills):
    manager = net.client_as(network, "manager1")
    first, second = register_client(manager, {skills[4]: 5}), register_client(manager, {skills[4]: 4})
    need_id = publish_need(network, [(skills[4], True, 2)], title="Särmääjä")
    assert network.settle()
    items = {i["client_id"]: i for i in inbox(network, "manager1", need_id=need_id)}
    assert set(items) == {first, second}

    response = manager.post(f"{MATCHING}/suggestions/{items[first]['id']}/decision", json={"decision": "decline"})
    assert response.status_code == 422
    assert "reason" in response.get_json()["error"]["fields"]
    response = manager.post(f"{MATCHING}/suggestions/{items[first]['id']}/decision",
                            json={"decision": "decline", "reason": "Ei ajokorttia"})
    assert response.status_code == 200 and response.get_json()["status"] == "declined"
    assert network.settle()
    # The reason stays in matching, the decision's owner; the network hears only that there is one.
    runtime = network.runtimes["matching"]
    with runtime.db.session() as session:
        assert session.execute(select(decisions.c.reason).where(
            decisions.c.suggestion_id == items[first]["id"])).scalar_one() == "Ei ajokorttia"
        outbox = runtime.tables.outbox
        [declined] = [json.loads(b) for b in session.execute(select(outbox.c.body).where(
            outbox.c.type == "matching.suggestion.declined")).scalars()
            if json.loads(b)["payload"]["suggestion_id"] == items[first]["id"]]
    assert declined["payload"]["has_reason"] is True and "reason" not in declined["payload"]
    with network.runtimes["reporting"].db.session() as session:
        logged = session.execute(select(raw_events.c.payload).where(
            raw_events.c.type == "matching.suggestion.declined")).scalars().all()
    assert logged and all("Ei ajokorttia" not in json.dumps(p) for p in logged)

    install(runtime, LiveEngine(authoritative=True))  # as if the process restarted
    assert rebuild(runtime)["made"] == 0
    assert network.settle()
    with runtime.db.session() as session:
        statuses = session.execute(select(suggestions.c.status).where(suggestions.c.client_id == first)).scalars()
        assert list(statuses) == ["declined"]

    response = manager.post(f"{INTAKE}/clients/{first}/profile/skills",
                            json={"skill_uri": skills[5], "level": 2, "evidence": "self"})
    assert response.status_code == 201
    assert network.settle()  # the profile changed: the decline no longer holds
    assert [i["status"] for i in inbox(network, "manager1", client_id=first)] == ["new", "declined"]


def test_bad_input_is_422_with_the_fields(network):
    manager = net.client_as(network, "manager1")
    response = manager.get(f"{MATCHING}/suggestions", query_string={"status": "maybe", "per_page": 0})
    assert response.status_code == 422
    assert set(response.get_json()["error"]["fields"]) == {"status", "per_page"}
    response = manager.post(f"{MATCHING}/suggestions/{uuid.uuid4()}/decision", json={"decision": "perhaps"})
    assert response.status_code == 422 and "decision" in response.get_json()["error"]["fields"]
    response = manager.put(f"{MATCHING}/digest", json={"email": "not-an-address"})
    assert response.status_code == 422 and "email" in response.get_json()["error"]["fields"]
    response = net.client_as(network, "coordinator").get(f"{MATCHING}/fairness", query_string={"period": "2026-13"})
    assert response.status_code == 422 and "period" in response.get_json()["error"]["fields"]


def test_who_may_see_what(network, partner, skills):
    manager = net.client_as(network, "manager1")
    client = register_client(manager, {skills[6]: 4})
    need_id = publish_need(network, [(skills[6], True, 2)], title="Koneistaja")
    assert network.settle()
    [item] = inbox(network, "manager1", client_id=client)
    other = net.client_as(network, "manager2")
    assert other.get(f"{MATCHING}/suggestions/{item['id']}").status_code == 404
    assert other.post(f"{MATCHING}/suggestions/{item['id']}/decision",
                      json={"decision": "accept"}).status_code == 404
    assert client not in {i["client_id"] for i in inbox(network, "manager2")}
    for username in ("partner1", "coordinator", "student1"):
        assert net.client_as(network, username).get(f"{MATCHING}/suggestions").status_code == 403
    assert net.client_as(network, "partner1").get(f"{MATCHING}/fairness").status_code == 403
    assert net.client_as(network, "coordinator").get(f"{MATCHING}/fairness").status_code == 200
    assert net.client_as(network, "coordinator").post(
        f"{MATCHING}/suggestions/{item['id']}/decision", json={"decision": "accept"}).status_code == 403

    counts = net.client_as(network, "partner1").get(f"{MATCHING}/partner/needs")
    assert counts.status_code == 200
    [mine] = [n for n in counts.get_json() if n["need_id"] == need_id]
    assert mine["candidates"] >= 1 and "client_id" not in str(counts.get_json())
    assert net.client_as(network, "partner2").get(f"{MATCHING}/partner/needs").get_json() == []
    assert net.client_as(network, "manager1").get(f"{MATCHING}/partner/needs").status_code == 403
    from werkzeug.test import Client

    assert Client(network.wsgi).get(f"{MATCHING}/suggestions").status_code == 401


def test_accepting_tells_the_network(network, partner, skills):
    manager = net.client_as(network, "manager1")
    client = register_client(manager, {skills[7]: 4})
    publish_need(network, [(skills[7], True, 2)], title="Maalari")
    assert network.settle()
    [item] = inbox(network, "manager1", client_id=client)
    response = manager.post(f"{MATCHING}/suggestions/{item['id']}/decision", json={"decision": "accept"})
    assert response.status_code == 200
    assert manager.post(f"{MATCHING}/suggestions/{item['id']}/decision",
                        json={"decision": "accept"}).status_code == 409
    from tests.support.matching import outbox

    [accepted] = [e for e in outbox(network.runtimes["matching"], "matching.suggestion.accepted")
                  if e["payload"]["suggestion_id"] == item["id"]]
    assert accepted["payload"]["client_id"] == client and accepted["payload"]["target_kind"] == "need"


def test_simultaneous_decisions_on_one_suggestion_give_one_success_and_conflicts(network, partner, skills):
    """Managers (or one manager's retries) deciding the same suggestion at once: one decision is stored, the others
    answer 409 with a message to reload, never 500; exactly one event tells the network."""
    import threading

    manager = net.client_as(network, "manager1")
    client = register_client(manager, {skills[8]: 4})
    publish_need(network, [(skills[8], True, 2)], title="Kirvesmies")
    assert network.settle()
    [item] = inbox(network, "manager1", client_id=client)
    url, start, statuses = f"{MATCHING}/suggestions/{item['id']}/decision", threading.Barrier(6), []

    def decide() -> None:
        api = net.client_as(network, "manager1")
        start.wait()
        response = api.post(url, json={"decision": "accept"})
        statuses.append((response.status_code, response.get_json()["error"]["code"]
                         if response.status_code >= 400 else None))

    threads = [threading.Thread(target=decide) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(s for s, _ in statuses) == [200, 409, 409, 409, 409, 409], statuses
    assert {code for _, code in statuses if code} <= {"conflict", "simultaneous_change"}
    from tests.support.matching import outbox

    assert len([e for e in outbox(network.runtimes["matching"], "matching.suggestion.accepted")
                if e["payload"]["suggestion_id"] == item["id"]]) == 1
