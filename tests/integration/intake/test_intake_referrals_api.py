"""Referrals as a closed loop in one intake serving several organisations, on SQLite and PostgreSQL."""
from __future__ import annotations

import pytest
from sqlalchemy import func, select

from services.intake.db import referrals
from tests.support import network as net
from tests.support.erasure import erase, via
from tests.support.factories import audit_entries
from tests.support.intake_partners import add_client, events, record_service

# service (a) rests on consent
pytestmark = [pytest.mark.integration, pytest.mark.bases(guidance="consent")]
REFERRALS = "/intake/api/v1/referrals"


@pytest.fixture(scope="module")
def api(network):
    return net.managers(network)


@pytest.fixture(scope="module")
def service(api):
    return record_service(api["samk"], "Opintoihin valmentava ohjaus")


@pytest.fixture
def client(network):
    return add_client(network.runtimes["intake"], "sataedu", "Joel", "Salonen")


def refer(api, client, service, **overrides):
    body = {"client_id": client, "to_organisation": "samk", "service_id": service["id"],
            "note": "Haluaa ammattikorkeakouluun", "client_agreed": True}
    body.update(overrides)
    return api["sataedu"].post(REFERRALS, json=body)


def stored(network) -> int:
    with network.runtimes["intake"].db.session() as session:
        return session.execute(select(func.count()).select_from(referrals)).scalar_one()


@pytest.mark.parametrize("overrides, status, field", [
    ({"client_agreed": False}, 422, "client_agreed"),
    ({"client_agreed": None}, 422, "client_agreed"),
    ({"to_organisation": "sataedu"}, 422, "to_organisation"),
    ({"to_organisation": "Not valid"}, 422, "to_organisation"),
    ({"to_organisation": "winnova"}, 422, "service_id"),  # the service is samk's
    ({"service_id": None, "to_organisation": "nowhere"}, 422, "to_organisation"),
    ({"service_id": "9d2b6a58-3a53-4cf0-9a55-2f1c1a7c8e11"}, 422, "service_id"),
    ({"note": "x" * 501}, 422, "note"),
    ({"client_id": "not-a-uuid"}, 422, "client_id"),
])
def test_bad_referrals_name_the_field_and_store_nothing(network, api, service, client, overrides, status, field):
    before = stored(network)
    response = refer(api, client, service, **overrides)
    assert response.status_code == status and field in response.get_json()["error"]["fields"]
    assert stored(network) == before


def test_every_problem_of_a_referral_is_told_at_once(network, api, service, client):
    before = stored(network)
    response = refer(api, client, service, client_agreed=False, to_organisation="sataedu")
    assert response.status_code == 422
    assert set(response.get_json()["error"]["fields"]) == {"client_agreed", "to_organisation"}
    response = refer(api, client, service, client_agreed=False, to_organisation="winnova")
    assert set(response.get_json()["error"]["fields"]) == {"client_agreed", "service_id"}
    assert stored(network) == before


def test_a_referral_needs_the_clients_consent_to_service(network, api, service):
    no_consent = add_client(network.runtimes["intake"], "sataedu", "Emma", "Laine", consents_given=())
    response = refer(api, no_consent, service)
    assert response.status_code == 409 and response.get_json()["error"]["code"] == "consent_required"


def test_another_organisations_client_cannot_be_referred(api, service, client):
    response = api["winnova"].post(REFERRALS, json={"client_id": client, "to_organisation": "samk",
                                                     "service_id": service["id"], "client_agreed": True})
    assert response.status_code == 404


def test_the_loop_sent_accepted_completed_seen_by_both_and_nobody_else(network, api, service, client):
    sent = refer(api, client, service)
    assert sent.status_code == 201, sent.get_json()
    referral = sent.get_json()
    assert referral["status"] == "sent" and referral["direction"] == "out" and referral["client_id"] == client
    assert len(referral["reference"]) == 9 and referral["client_agreed_at"]

    [event] = [e for e in events(network.runtimes["intake"], "intake.referral.sent")
               if e["payload"]["referral_id"] == referral["id"]]
    assert event["source"]["organisation"] == "sataedu"
    assert set(event["payload"]) == {"client_id", "referral_id", "to_organisation", "service_id", "reference",
                                     "has_note"}
    assert event["payload"]["has_note"] is True
    assert "Joel" not in repr(event) and "Salonen" not in repr(event) and "ammattikorkeakouluun" not in repr(event)
    # One instance serves both organisations here: the note stays in its one row and travels nowhere.
    assert [e for e in events(network.runtimes["intake"], "intake.referral_note.shared")
            if e["payload"]["referral_id"] == referral["id"]] == []

    incoming = [r for r in api["samk"].get(REFERRALS, query_string={"direction": "in"}).get_json()
                if r["id"] == referral["id"]]
    assert len(incoming) == 1 and incoming[0]["client_id"] is None and incoming[0]["direction"] == "in"
    found = api["samk"].get(REFERRALS, query_string={"reference": referral["reference"].lower()}).get_json()
    assert [r["id"] for r in found] == [referral["id"]]
    assert api["winnova"].get(f"{REFERRALS}/{referral['id']}").status_code == 404
    assert referral["id"] not in {r["id"] for r in api["winnova"].get(REFERRALS).get_json()}
    assert api["winnova"].post(f"{REFERRALS}/{referral['id']}/accept", json={}).status_code == 404

    url = f"{REFERRALS}/{referral['id']}"
    assert api["sataedu"].post(f"{url}/accept", json={}).status_code == 409  # only the receiver accepts
    assert api["samk"].post(f"{url}/complete", json={}).status_code == 409  # accept first
    receiver_client = add_client(network.runtimes["intake"], "samk", "Joel", "Salonen")
    foreign_client = add_client(network.runtimes["intake"], "winnova", "Joel", "Salonen")
    wrong_link = api["samk"].post(f"{url}/accept", json={"receiver_client_id": foreign_client})
    assert wrong_link.status_code == 422 and "receiver_client_id" in wrong_link.get_json()["error"]["fields"]

    accepted = api["samk"].post(f"{url}/accept", json={"receiver_client_id": receiver_client})
    assert accepted.status_code == 200 and accepted.get_json()["status"] == "accepted"
    assert accepted.get_json()["receiver_client_id"] == receiver_client
    seen_by_sender = api["sataedu"].get(url).get_json()
    assert seen_by_sender["status"] == "accepted" and seen_by_sender["receiver_client_id"] is None
    assert api["samk"].post(f"{url}/accept", json={}).status_code == 409
    assert api["samk"].post(f"{url}/decline", json={}).status_code == 409

    completed = api["samk"].post(f"{url}/complete")
    assert completed.status_code == 200 and completed.get_json()["status"] == "completed"
    for side, action in (("sataedu", "cancel"), ("samk", "decline"), ("samk", "complete")):
        assert api[side].post(f"{url}/{action}", json={}).status_code == 409
    assert api["samk"].post(f"{url}/archive", json={}).status_code == 404

    network.settle()  # our own events come back and change nothing
    assert api["sataedu"].get(url).get_json()["status"] == "completed"
    updates = [(e["source"]["organisation"], e["payload"]["status"])
               for e in events(network.runtimes["intake"], "intake.referral.updated")
               if e["payload"]["referral_id"] == referral["id"]]
    assert updates == [("samk", "accepted"), ("samk", "completed")]


def test_the_sender_cancels_and_the_receiver_declines(network, api, service, client):
    first = refer(api, client, service).get_json()
    cancelled = api["sataedu"].post(f"{REFERRALS}/{first['id']}/cancel", json={})
    assert cancelled.status_code == 200 and cancelled.get_json()["status"] == "cancelled"
    assert api["samk"].post(f"{REFERRALS}/{first['id']}/accept", json={}).status_code == 409
    second = refer(api, client, service).get_json()
    assert second["reference"] != first["reference"]
    declined = api["samk"].post(f"{REFERRALS}/{second['id']}/decline", json={})
    assert declined.status_code == 200 and declined.get_json()["status"] == "declined"
    assert api["sataedu"].post(f"{REFERRALS}/{second['id']}/cancel", json={}).status_code == 409


def test_making_a_referral_is_in_the_clients_audit_trail(network, api, service, client):
    refer(api, client, service)
    whats = [(e["action"], e["object_type"], e["purpose"], e["actor_organisation"])
             for e in audit_entries(network.runtimes["intake"], client)]
    assert ("create", "referral", "referral", "sataedu") in whats
    sent = [e["detail"] for e in audit_entries(network.runtimes["intake"], client) if e["action"] == "disclose"]
    assert {"event_type": "intake.referral.sent", "recipient": "network", "count": 1} in sent


def test_moves_and_queries_refuse_bad_input(api, service, client):
    referral = refer(api, client, service).get_json()
    bad_link = api["samk"].post(f"{REFERRALS}/{referral['id']}/accept", json={"receiver_client_id": "x"})
    assert bad_link.status_code == 422 and "receiver_client_id" in bad_link.get_json()["error"]["fields"]
    linked_decline = api["samk"].post(f"{REFERRALS}/{referral['id']}/decline",
                                      json={"receiver_client_id": client})
    assert linked_decline.status_code == 422 and "receiver_client_id" in linked_decline.get_json()["error"]["fields"]
    assert api["samk"].get(f"{REFERRALS}/{referral['id']}").get_json()["status"] == "sent"
    assert api["samk"].get(REFERRALS, query_string={"direction": "sideways"}).status_code == 422


@pytest.mark.parametrize("erased_side", ["sender", "receiver"])
def test_erasing_the_client_on_either_side_removes_the_note_for_both(network, api, service, erased_side):
    from tests.integration.intake.client_helpers import browser

    note = f"Muistiinpano {erased_side}"
    client = add_client(network.runtimes["intake"], "sataedu", "Ilona", "Poistuva")
    referral = refer(api, client, service, note=note).get_json()
    url = f"{REFERRALS}/{referral['id']}"
    receiver_client = add_client(network.runtimes["intake"], "samk", "Ilona", "Poistuva")
    assert api["samk"].post(f"{url}/accept", json={"receiver_client_id": receiver_client}).status_code == 200
    assert api["samk"].get(url).get_json()["note"] == note and api["sataedu"].get(url).get_json()["note"] == note

    side, erased = ("sataedu", client) if erased_side == "sender" else ("samk", receiver_client)
    response = erase(via(api[side]), erased)
    assert response.status_code == 200, response.get_json()
    network.settle()
    assert api["sataedu"].get(url).get_json()["note"] is None
    assert api["samk"].get(url).get_json()["note"] is None
    for org in ("sataedu", "samk"):
        page = browser(api[org]).get("/intake/referrals").get_data(as_text=True)
        assert note not in page and referral["reference"] in page
