"""Possible shared clients and the service catalogue in one intake serving all member organisations.

Runs on SQLite and PostgreSQL: the embedded default, where one intake instance serves all five
member organisations, so both sides of an overlap are served here.
"""
from __future__ import annotations

import uuid

import pytest
from sqlalchemy import select

from services.intake.db import services, shared_client_notices
from tests.support import network as net
from tests.support.factories import audit_entries
from tests.support.intake_partners import add_client, events

pytestmark = pytest.mark.integration
NOTICES = "/intake/api/v1/overlap/notices"
SERVICES = "/intake/api/v1/services"


@pytest.fixture(scope="module")
def managers(network):
    return {org: net.client_as(network, f"manager{i}")
            for i, org in enumerate(("sataedu", "samk", "winnova"), start=1)}


def register(api, first: str, last: str = "Mäkinen", birth: str = "2003-04-05", overlap: bool = True) -> str:
    """A client with consent to overlap detection (the two sides of a shared client need a basis)."""
    response = api.post("/intake/api/v1/clients", json={
        "first_name": first, "last_name": last, "birth_date": birth, "home_municipality": "214",
        "consents": {"service": True, "overlap": overlap}})
    assert response.status_code == 201, response.get_json()
    return response.get_json()["id"]


def notices_about(api, client_id: str) -> list[dict]:
    return [n for n in api.get(NOTICES).get_json() if n["client_id"] == client_id]


@pytest.fixture(scope="module")
def shared_person(network, managers):
    """The same person registered by sataedu and then by samk."""
    first = "Eveliina" + uuid.uuid4().hex[:5]
    sataedu_client = register(managers["sataedu"], first)
    network.settle()
    samk_client = register(managers["samk"], first.upper())  # the key is of the normalised name
    network.settle()
    return sataedu_client, samk_client


def test_both_managers_get_a_notice_naming_only_the_other_organisation(network, managers, shared_person):
    sataedu_client, samk_client = shared_person
    [ours] = notices_about(managers["sataedu"], sataedu_client)
    [theirs] = notices_about(managers["samk"], samk_client)
    assert ours["other_organisation"] == "samk" and theirs["other_organisation"] == "sataedu"
    assert ours["status"] == theirs["status"] == "open"
    assert set(ours) == {"id", "client_id", "other_organisation", "status", "lead_organisation", "created_at",
                         "resolved_at"}
    assert samk_client not in repr(ours) and sataedu_client not in repr(theirs)
    logged = {s for e in audit_entries(network.runtimes["intake"]) if e["action"] == "disclose"
              and e["object_type"] == "overlap_notice" for s in e["subject_ids"]}
    assert {sataedu_client, samk_client} <= logged  # the disclosure is logged for both sides


def test_other_managers_see_nothing_of_the_notices(managers, shared_person):
    sataedu_client, _ = shared_person
    [notice] = notices_about(managers["sataedu"], sataedu_client)
    outsider = managers["winnova"]
    assert notices_about(outsider, sataedu_client) == []
    assert outsider.get(f"{NOTICES}/{notice['id']}").status_code == 404
    resolve = outsider.post(f"{NOTICES}/{notice['id']}/resolve", json={"resolution": "dismissed"})
    assert resolve.status_code == 404
    assert managers["samk"].get(f"{NOTICES}/{notice['id']}").status_code == 404


def test_different_people_and_one_organisations_own_records_are_no_overlap(network, managers):
    first = "Onni" + uuid.uuid4().hex[:5]
    one = register(managers["sataedu"], first, birth="2002-01-01")
    two = register(managers["samk"], first, birth="2002-01-02")  # another birth date: another person
    three = register(managers["winnova"], first + "x", birth="2002-01-01")
    again = register(managers["sataedu"], first, birth="2002-01-01")  # sataedu's own duplicate
    network.settle()
    for org, client in (("sataedu", one), ("samk", two), ("winnova", three), ("sataedu", again)):
        assert notices_about(managers[org], client) == []


def test_a_lead_is_agreed_once_and_announced(network, managers, shared_person):
    sataedu_client, _ = shared_person
    [notice] = notices_about(managers["sataedu"], sataedu_client)
    url = f"{NOTICES}/{notice['id']}/resolve"
    api = managers["sataedu"]
    wrong_lead = api.post(url, json={"resolution": "lead_agreed", "lead_organisation": "winnova"})
    assert wrong_lead.status_code == 422 and "lead_organisation" in wrong_lead.get_json()["error"]["fields"]
    assert api.post(url, json={"resolution": "merge"}).get_json()["error"]["fields"].keys() == {"resolution"}
    assert api.post(url, json={}).status_code == 422
    assert api.get(f"{NOTICES}/{notice['id']}").get_json()["status"] == "open"

    agreed = api.post(url, json={"resolution": "lead_agreed", "lead_organisation": "samk"})
    assert agreed.status_code == 200
    assert agreed.get_json()["status"] == "lead_agreed" and agreed.get_json()["lead_organisation"] == "samk"
    assert api.post(url, json={"resolution": "dismissed"}).status_code == 409
    [event] = [e for e in events(network.runtimes["intake"], "intake.overlap.resolved")
               if e["payload"]["notice_id"] == notice["id"]]
    assert event["source"]["organisation"] == "sataedu"
    assert event["payload"] == {"client_id": sataedu_client, "notice_id": notice["id"],
                                "other_organisation": "samk", "resolution": "lead_agreed",
                                "lead_organisation": "samk"}


def test_the_other_side_dismisses_its_own_notice(managers, shared_person):
    _, samk_client = shared_person
    [notice] = notices_about(managers["samk"], samk_client)
    dismissed = managers["samk"].post(f"{NOTICES}/{notice['id']}/resolve", json={"resolution": "dismissed"})
    assert dismissed.status_code == 200 and dismissed.get_json()["lead_organisation"] is None
    assert [n["status"] for n in managers["samk"].get(NOTICES, query_string={"status": "dismissed"}).get_json()
            if n["id"] == notice["id"]] == ["dismissed"]


def test_a_key_published_again_gives_no_second_notice(network, managers):
    runtime = network.runtimes["intake"]
    both = ("service", "overlap")
    first = add_client(runtime, "posek", "Ilona", "Koski", consents_given=both)
    second = add_client(runtime, "prizztech", "Ilona", "Koski", consents_given=both)
    network.settle()
    with runtime.work() as work:  # a re-publication, e.g. after a replay
        work.emit("intake.person_key.published", {"client_id": second, "person_key": _key_of(runtime, second),
                                                  "overlap": True}, organisation="prizztech")
    network.settle()
    with runtime.db.session() as session:
        rows = session.execute(select(shared_client_notices.c.client_id, shared_client_notices.c.other_organisation)
                               .where(shared_client_notices.c.client_id.in_([first, second]))).all()
    assert sorted(rows) == sorted([(first, "prizztech"), (second, "posek")])


def _key_of(runtime, client_id):
    from services.intake.db import clients

    with runtime.db.session() as session:
        return session.execute(select(clients.c.person_key).where(clients.c.id == client_id)).scalar_one()


# --- the service catalogue ---------------------------------------------------------------------------
@pytest.mark.parametrize("body, field", [
    ({"description": "x"}, "name"),
    ({"name": "Ohjaus", "service_area": "lappi"}, "service_area"),
    ({"name": "x" * 201}, "name"),
    ({"name": "Ohjaus", "active": "perhaps"}, "active"),
    # Junk names (issue 17): blank, too short, only digits or punctuation, one letter over and over.
    ({"name": "   "}, "name"),
    ({"name": "Ab"}, "name"),
    ({"name": "12345"}, "name"),
    ({"name": "!?!?--.."}, "name"),
    ({"name": "xxxxxx"}, "name"),
])
def test_bad_service_input_names_the_field(managers, body, field):
    response = managers["samk"].post(SERVICES, json=body)
    assert response.status_code == 422 and field in response.get_json()["error"]["fields"]


def test_members_publish_their_services_and_only_they_change_them(network, managers):
    created = managers["samk"].post(SERVICES, json={
        "name": "Urasuunnittelu", "description": "Henkilökohtainen ohjaus", "target_group": "alle 30-vuotiaat",
        "service_area": "kaakkois-satakunta"})
    assert created.status_code == 201, created.get_json()
    service = created.get_json()
    assert service["organisation"] == "samk" and service["service_area_name"]
    assert service["id"] in {s["id"] for s in managers["sataedu"].get(SERVICES).get_json()}
    url = f"{SERVICES}/{service['id']}"
    assert managers["sataedu"].put(url, json={"name": "Kaapattu"}).status_code == 404
    assert managers["sataedu"].delete(url).status_code == 404
    assert net.client_as(network, "partner1").get(SERVICES).status_code == 403

    bad = managers["samk"].put(url, json={"name": "", "service_area": "lappi"})
    assert bad.status_code == 422 and set(bad.get_json()["error"]["fields"]) == {"name", "service_area"}
    renamed = managers["samk"].put(url, json={"name": "Urasuunnittelu ja ohjaus", "service_area": None})
    assert renamed.status_code == 200 and renamed.get_json()["service_area"] is None
    withdrawn = managers["samk"].delete(url)
    assert withdrawn.status_code == 200 and withdrawn.get_json()["active"] is False
    assert service["id"] not in {s["id"] for s in managers["sataedu"].get(SERVICES).get_json()}
    everything = managers["sataedu"].get(SERVICES, query_string={"include_inactive": "true"}).get_json()
    assert service["id"] in {s["id"] for s in everything}

    network.settle()  # our own events come back to this instance and change nothing
    published = [e for e in events(network.runtimes["intake"], "intake.service.published")
                 if e["payload"]["service_id"] == service["id"]]
    assert [e["payload"]["active"] for e in published] == [True, True, False]
    assert {e["source"]["organisation"] for e in published} == {"samk"}
    with network.runtimes["intake"].db.session() as session:
        row = session.execute(select(services).where(services.c.id == service["id"])).one()
    assert row.received_at is None and row.active is False and row.name == "Urasuunnittelu ja ohjaus"


def test_the_coordinator_hides_a_junk_entry_from_every_catalogue_and_only_the_coordinator(network, managers):
    created = managers["winnova"].post(SERVICES, json={"name": "Testipalvelu 123"}).get_json()
    url = f"{SERVICES}/{created['id']}/visibility"
    assert managers["winnova"].post(url, json={"hidden": True}).status_code == 403  # not even its owner
    assert net.client_as(network, "admin").post(url, json={"hidden": True}).status_code == 403
    coordinator = net.client_as(network, "coordinator")
    hidden = coordinator.post(url, json={"hidden": True})
    assert hidden.status_code == 200 and hidden.get_json()["hidden_at"]
    network.settle()
    assert created["id"] not in {s["id"] for s in managers["sataedu"].get(SERVICES).get_json()}
    assert created["id"] not in {s["id"] for s in managers["winnova"].get(SERVICES).get_json()}
    own_page = net.client_as(network, "manager3").get("/intake/services", headers={"Accept": "text/html"})
    assert "Testipalvelu 123" in own_page.get_data(as_text=True)  # its organisation still sees it, marked
    assert [e["payload"] for e in events(network.runtimes["intake"], "intake.service.hidden")
            if e["payload"]["service_id"] == created["id"]] == [{"service_id": created["id"], "hidden": True}]
    assert coordinator.post(url, json={"hidden": False}).get_json()["hidden_at"] is None
    network.settle()
    assert created["id"] in {s["id"] for s in managers["sataedu"].get(SERVICES).get_json()}
