"""Two member organisations, each with its own intake instance and database, joined by the event bus.

Possible shared clients are found across the instances in either order of registration, and a
referral travels from one instance to the other and its state comes back.
"""
from __future__ import annotations

import uuid

import pytest
from sqlalchemy import select

from services.intake.db import network_person_keys, referrals, services, shared_client_notices
from tests.integration.intake.instances import Instance, intake_instances
from tests.support.intake_partners import add_client

pytestmark = pytest.mark.integration


@pytest.fixture
def bus(tmp_path):
    """sataedu's and samk's intake instances, separate SQLite files, one in-process event network."""
    with intake_instances(tmp_path, ("sataedu", "samk")) as (instances, _transport, settle):
        yield instances, settle


def register(instance: Instance, first: str, last: str, birth: str = "2002-09-14") -> str:
    """Register a client through the instance's own API, as its manager does (the key is the real one)."""
    response = instance.api("POST", "/clients", json={"first_name": first, "last_name": last, "birth_date": birth,
                                                      "home_municipality": "050", "consents": {"service": True}})
    assert response.status_code == 201, response.get_json()
    return response.get_json()["id"]


def test_the_same_person_in_two_instances_gives_each_side_a_notice(bus):
    instances, settle = bus
    sataedu, samk = instances["sataedu"], instances["samk"]
    sataedu_client = register(sataedu, "Veera", "Lahtinen")
    settle()  # samk's instance now knows sataedu's key, though it has no such client yet
    [kept] = samk.rows(network_person_keys)
    assert (kept.organisation, kept.client_id) == ("sataedu", sataedu_client)
    assert samk.rows(shared_client_notices) == []

    samk_client = register(samk, "VEERA", "Lahtinen")  # the key is of the normalised name
    register(samk, "Veera", "Lahtinen-Eskola")  # someone else
    settle()

    [ours] = sataedu.api("GET", "/overlap/notices").get_json()
    [theirs] = samk.api("GET", "/overlap/notices").get_json()
    assert (ours["client_id"], ours["other_organisation"]) == (sataedu_client, "samk")
    assert (theirs["client_id"], theirs["other_organisation"]) == (samk_client, "sataedu")
    # each database holds only its own clients and the other side's pseudonymous key
    assert {r.organisation for r in sataedu.rows(network_person_keys)} == {"samk"}
    assert samk_client in {r.client_id for r in sataedu.rows(network_person_keys)}
    assert {r.organisation for r in samk.rows(network_person_keys)} == {"sataedu"}

    resolved = sataedu.api("POST", f"/overlap/notices/{ours['id']}/resolve",
                           json={"resolution": "lead_agreed", "lead_organisation": "sataedu"})
    assert resolved.status_code == 200
    settle()
    assert samk.api("GET", f"/overlap/notices/{theirs['id']}").get_json()["status"] == "open"


def test_a_referral_travels_to_the_other_instance_and_its_state_comes_back(bus):
    instances, settle = bus
    sataedu, samk = instances["sataedu"], instances["samk"]
    service = samk.api("POST", "/services", json={"name": "Korkeakouluopintoihin valmentava ohjaus",
                                                   "service_area": "kaakkois-satakunta"}).get_json()
    settle()
    [copy] = sataedu.rows(services)
    assert (copy.id, copy.organisation, copy.received_at is not None) == (service["id"], "samk", True)

    client = add_client(sataedu.runtime, "sataedu", "Joonas", "Heikkilä")
    sent = sataedu.api("POST", "/referrals", json={"client_id": client, "to_organisation": "samk",
                                                    "service_id": service["id"], "note": "Kiinnostunut tradenomiksi",
                                                    "client_agreed": True})
    assert sent.status_code == 201, sent.get_json()
    referral = sent.get_json()
    settle()

    [incoming] = samk.api("GET", "/referrals", query_string={"direction": "in"}).get_json()
    assert incoming["id"] == referral["id"] and incoming["reference"] == referral["reference"]
    assert incoming["client_id"] is None and incoming["from_organisation"] == "sataedu"
    assert incoming["service_name"] == "Korkeakouluopintoihin valmentava ohjaus"
    [row] = samk.rows(referrals)
    assert row.client_id is None  # the sender's client id is not kept by the receiver

    own = add_client(samk.runtime, "samk", "Joonas", "Heikkilä")
    accepted = samk.api("POST", f"/referrals/{referral['id']}/accept", json={"receiver_client_id": own})
    assert accepted.status_code == 200 and accepted.get_json()["receiver_client_id"] == own
    assert sataedu.api("POST", f"/referrals/{referral['id']}/complete", json={}).status_code == 409
    settle()
    assert sataedu.api("GET", f"/referrals/{referral['id']}").get_json()["status"] == "accepted"
    assert samk.api("POST", f"/referrals/{referral['id']}/complete", json={}).status_code == 200
    settle()
    back = sataedu.api("GET", f"/referrals/{referral['id']}").get_json()
    assert back["status"] == "completed" and back["receiver_client_id"] is None
    [sender_row] = sataedu.rows(referrals)
    assert sender_row.receiver_client_id is None and sender_row.client_id == client


def outbox_of(instance: Instance, type_: str) -> list[dict]:
    import json

    table = instance.runtime.tables.outbox
    with instance.runtime.db.session() as session:
        return [json.loads(b) for b in session.execute(select(table.c.body).where(table.c.type == type_)
                                                       .order_by(table.c.id)).scalars()]


def referred(bus_instances, settle, note: str = "Kiinnostunut tradenomiksi") -> tuple[str, str]:
    """sataedu refers its client to samk's service with a note; the referral's id and sataedu's client id."""
    sataedu, samk = bus_instances["sataedu"], bus_instances["samk"]
    service = samk.api("POST", "/services", json={"name": "Urapolku"}).get_json()
    settle()
    client = register(sataedu, "Joonas", "Heikkilä")
    sent = sataedu.api("POST", "/referrals", json={"client_id": client, "to_organisation": "samk",
                                                    "service_id": service["id"], "note": note, "client_agreed": True})
    assert sent.status_code == 201, sent.get_json()
    settle()
    return sent.get_json()["id"], client


def test_the_note_travels_only_to_the_receiving_organisation_and_the_broadcast_says_only_that_there_is_one(bus):
    instances, settle = bus
    sataedu, samk = instances["sataedu"], instances["samk"]
    referral_id, _client = referred(instances, settle)
    [sent] = outbox_of(sataedu, "intake.referral.sent")
    assert sent["payload"]["has_note"] is True and "note" not in sent["payload"]
    assert "tradenomiksi" not in str(sent)
    [note] = outbox_of(sataedu, "intake.referral_note.shared")
    assert note["recipient"] == {"organisation": "samk"} and note["payload"] == {
        "referral_id": referral_id, "note": "Kiinnostunut tradenomiksi"}
    assert "intake.referral_note.shared" in samk.received()
    assert "intake.referral_note.shared" not in sataedu.received()
    assert samk.api("GET", f"/referrals/{referral_id}").get_json()["note"] == "Kiinnostunut tradenomiksi"
    assert sataedu.api("GET", f"/referrals/{referral_id}").get_json()["note"] == "Kiinnostunut tradenomiksi"


def test_erasing_the_senders_client_removes_the_note_on_both_sides(bus):
    instances, settle = bus
    sataedu, samk = instances["sataedu"], instances["samk"]
    referral_id, client = referred(instances, settle)
    erased = sataedu.api("POST", f"/clients/{client}/erasure", json={"reason": "data_subject_request",
                                                                       "confirm": True})
    assert erased.status_code in (200, 204), erased.get_json()
    settle()
    [gone] = outbox_of(sataedu, "intake.referral_note.erased")
    assert gone["recipient"] == {"organisation": "samk"} and gone["payload"] == {"referral_id": referral_id}
    assert sataedu.rows(referrals)[0].note is None and samk.rows(referrals)[0].note is None
    assert samk.api("GET", f"/referrals/{referral_id}").get_json()["note"] is None
    assert samk.api("GET", f"/referrals/{referral_id}").get_json()["reference"], "the referral itself stays"


def test_erasing_the_receivers_linked_client_removes_the_note_on_both_sides(bus):
    instances, settle = bus
    sataedu, samk = instances["sataedu"], instances["samk"]
    referral_id, _client = referred(instances, settle)
    own = register(samk, "Joonas", "Heikkilä")
    assert samk.api("POST", f"/referrals/{referral_id}/accept", json={"receiver_client_id": own}).status_code == 200
    settle()
    erased = samk.api("POST", f"/clients/{own}/erasure", json={"reason": "data_subject_request", "confirm": True})
    assert erased.status_code in (200, 204), erased.get_json()
    settle()
    assert samk.rows(referrals)[0].note is None and sataedu.rows(referrals)[0].note is None
    assert sataedu.api("GET", f"/referrals/{referral_id}").get_json()["status"] == "accepted"


def test_a_note_that_arrives_before_its_referral_waits_for_it(bus):
    """The note and the referral travel as two events; if the note comes first it is retried, not lost."""
    from shared.bus.inbox import InboxProcessor
    from shared.events.envelope import new_event

    instances, _settle = bus
    samk = instances["samk"]
    referral_id = str(uuid.uuid4())
    note = samk.runtime.registry.validate(new_event("intake.referral_note.shared", {
        "referral_id": referral_id, "note": "Tulee ensin"}, organisation="sataedu", service="intake",
        recipient="samk"))
    [early] = InboxProcessor(samk.runtime).process_batch([note])
    assert early.status == "failed"
    sent = samk.runtime.registry.validate(new_event("intake.referral.sent", {
        "client_id": str(uuid.uuid4()), "referral_id": referral_id, "to_organisation": "samk", "service_id": None,
        "reference": "ABCD-EFHJ", "has_note": True}, organisation="sataedu", service="intake"))
    assert [o.status for o in InboxProcessor(samk.runtime).process_batch([sent, note])] == ["applied", "applied"]
    [row] = samk.rows(referrals, referrals.c.id == referral_id)
    assert row.note == "Tulee ensin"
    forged = samk.runtime.registry.validate(new_event("intake.referral_note.shared", {
        "referral_id": referral_id, "note": "Väärennetty"}, organisation="winnova", service="intake",
        recipient="samk"))
    assert InboxProcessor(samk.runtime).process_batch([forged])[0].status == "applied"
    assert samk.rows(referrals, referrals.c.id == referral_id)[0].note == "Tulee ensin", "only the sender writes it"
