"""Member organisations, each with its own intake instance and database, joined by the event bus.

Possible shared clients are found by the network's overlap detection (matching) and told only to the two
organisations concerned, each with a basis; a member that registers a person it knows learns nothing
otherwise (no membership oracle); keys rotate. A referral travels from one instance to the other and
its state comes back. Overlap runs on SQLite and PostgreSQL.
"""
from __future__ import annotations

import uuid

import pytest
from sqlalchemy import select

from services.intake.db import clients, referrals, services
from services.matching.db import person_keys
from tests.integration.intake.instances import Instance, intake_instances
from tests.support.erasure import erase
from tests.support.intake_partners import add_client

pytestmark = pytest.mark.integration


@pytest.fixture
def bus(tmp_path):
    """sataedu's and samk's intake instances, separate SQLite files, one in-process event network."""
    with intake_instances(tmp_path, ("sataedu", "samk")) as (instances, _transport, settle):
        yield instances, settle


@pytest.fixture(params=["sqlite", "postgresql"])
def overlap_bus(request, tmp_path):
    """sataedu's, samk's and winnova's intakes and the network's matching (overlap detection), each with its
    own database; samk's officer has configured a legal basis (public task) for overlap detection."""
    created = []

    def database_url(name: str) -> str:
        if request.param != "postgresql":
            return f"sqlite:///{tmp_path / (name + '.sqlite3')}"
        created.append(request.getfixturevalue("postgres").create_database())
        return created[-1]

    with intake_instances(tmp_path, ("sataedu", "samk", "winnova"), database_url, matching=True,
                          extra={"samk": {"overlap_basis": "public_task"}}) as (instances, _transport, settle):
        yield instances, settle
    for url in created:
        request.getfixturevalue("postgres").drop_database(url)


def register(instance: Instance, first: str, last: str, birth: str = "2002-09-14", **consents) -> str:
    """Register a client through the instance's own API, as its manager does (the key is the real one)."""
    response = instance.api("POST", "/clients", json={"first_name": first, "last_name": last, "birth_date": birth,
                                                      "home_municipality": "050",
                                                      "consents": {"service": True, **consents}})
    assert response.status_code == 201, response.get_json()
    return response.get_json()["id"]


def disclosures(instance: Instance) -> list[dict]:
    """The overlap disclosures in the instance's audit store."""
    from tests.support.factories import audit_entries

    return [e for e in audit_entries(instance.runtime) if e["action"] == "disclose"
            and e["object_type"] == "overlap_notice"]


def test_a_member_that_registers_a_person_it_knows_learns_nothing_without_a_basis(overlap_bus):
    """The membership oracle: winnova registers (even with a forged consent) a person it knows and learns
    nothing, since sataedu's client has neither consent nor a legal basis for overlap detection."""
    instances, settle = overlap_bus
    sataedu, winnova, matching = instances["sataedu"], instances["winnova"], instances["matching"]
    register(sataedu, "Veera", "Lahtinen")  # no consent to overlap detection; sataedu has no legal basis
    settle()
    assert matching.rows(person_keys) == [], "a key without a basis is not kept at the network's place either"
    probe = register(winnova, "VEERA", "Lahtinen", overlap=True)
    settle()
    assert winnova.api("GET", "/overlap/notices").get_json() == []
    assert sataedu.api("GET", "/overlap/notices").get_json() == []
    for member in (sataedu, winnova):
        assert "intake.person_key.published" not in member.received(), "no member receives another's keys"
        assert "matching.shared_client.found" not in member.received()
        assert disclosures(member) == []
    assert [r.client_id for r in matching.rows(person_keys)] == [probe]


def test_with_a_basis_on_both_sides_the_two_are_told_and_both_log_it(overlap_bus):
    instances, settle = overlap_bus
    sataedu, samk, winnova = instances["sataedu"], instances["samk"], instances["winnova"]
    sataedu_client = register(sataedu, "Veera", "Lahtinen", overlap=True)  # the client's consent
    register(winnova, "Veera", "Lahtinen")  # winnova's client gave no consent: it stays out
    settle()
    samk_client = register(samk, "VEERA", "Lahtinen")  # samk's basis: a public task
    register(samk, "Veera", "Lahtinen-Eskola")  # someone else
    settle()

    [ours] = sataedu.api("GET", "/overlap/notices").get_json()
    [theirs] = samk.api("GET", "/overlap/notices").get_json()
    assert (ours["client_id"], ours["other_organisation"]) == (sataedu_client, "samk")
    assert (theirs["client_id"], theirs["other_organisation"]) == (samk_client, "sataedu")
    assert winnova.api("GET", "/overlap/notices").get_json() == []
    assert "matching.shared_client.found" not in winnova.received(), "addressed to the two organisations only"
    [logged_here] = disclosures(sataedu)
    [logged_there] = disclosures(samk)
    assert (logged_here["subject_ids"], logged_there["subject_ids"]) == ([sataedu_client], [samk_client])
    assert (logged_here["detail"]["other_organisation"], logged_there["detail"]["other_organisation"]) == (
        "samk", "sataedu")
    assert disclosures(winnova) == []

    resolved = sataedu.api("POST", f"/overlap/notices/{ours['id']}/resolve",
                           json={"resolution": "lead_agreed", "lead_organisation": "sataedu"})
    assert resolved.status_code == 200
    settle()
    there = samk.api("GET", f"/overlap/notices/{theirs['id']}").get_json()
    assert (there["status"], there["lead_organisation"]) == ("lead_agreed", "sataedu"), "the agreement is the pair's"
    assert "intake.overlap.agreed" not in winnova.received(), "addressed to the other organisation only"


def test_an_agreement_settles_only_the_other_sides_open_notice_and_a_dismissal_stays_home(overlap_bus):
    """samk dismisses its notice (its own judgement): sataedu's stays open. Then sataedu records that sataedu
    leads: samk's notice, resolved there already, stays as samk's manager left it. samk's page tells a notice
    settled by the other side from its own."""
    instances, settle = overlap_bus
    sataedu, samk = instances["sataedu"], instances["samk"]
    register(sataedu, "Veera", "Lahtinen", overlap=True)
    register(samk, "Veera", "Lahtinen")
    register(sataedu, "Iida", "Mäki", overlap=True)
    register(samk, "Iida", "Mäki")
    settle()
    theirs = samk.api("GET", "/overlap/notices").get_json()
    assert len(theirs) == 2
    dismissed = samk.api("POST", f"/overlap/notices/{theirs[0]['id']}/resolve", json={"resolution": "dismissed"})
    assert dismissed.status_code == 200
    settle()
    assert [n["status"] for n in sataedu.api("GET", "/overlap/notices").get_json()] == ["open", "open"]
    for notice in sataedu.api("GET", "/overlap/notices").get_json():
        answer = sataedu.api("POST", f"/overlap/notices/{notice['id']}/resolve",
                             json={"resolution": "lead_agreed", "lead_organisation": "sataedu"})
        assert answer.status_code == 200
    settle()
    statuses = {n["id"]: (n["status"], n["lead_organisation"]) for n in samk.api("GET", "/overlap/notices").get_json()}
    assert statuses == {theirs[0]["id"]: ("dismissed", None), theirs[1]["id"]: ("lead_agreed", "sataedu")}
    page = notices_page(samk)
    assert page.count("kirjaaja: ") == 1, "only the notice settled by sataedu says who recorded it"


def notices_page(instance: Instance) -> str:
    """The instance's page of possible shared clients in Finnish, as its manager sees it."""
    from shared.auth.principal import Principal

    principal = Principal(user_id=str(uuid.uuid4()), username=f"manager-{instance.organisation}", name="M",
                          organisation=instance.organisation, roles=frozenset({"manager"}))
    response = instance.app.test_client().get("/overlap", headers={
        "Authorization": f"Bearer {instance.identity.token(principal)}", "Accept-Language": "fi"})
    assert response.status_code == 200
    return response.get_data(as_text=True)


def test_a_consent_given_later_finds_the_shared_client_then(overlap_bus):
    instances, settle = overlap_bus
    sataedu, samk = instances["sataedu"], instances["samk"]
    sataedu_client = register(sataedu, "Aada", "Nieminen")
    register(samk, "Aada", "Nieminen")
    settle()
    assert sataedu.api("GET", "/overlap/notices").get_json() == []
    given = sataedu.api("POST", f"/clients/{sataedu_client}/consents", json={"purpose": "overlap", "given": True})
    assert given.status_code in (200, 201), given.get_json()
    settle()
    assert [n["other_organisation"] for n in sataedu.api("GET", "/overlap/notices").get_json()] == ["samk"]


def rotate_secret(instance: Instance, secret: str, version: int) -> int:
    """The organisation's operator sets the network's new PERSON_KEY_SECRET and version, then rotates."""
    from dataclasses import replace

    from services.intake import config as intake_config
    from services.intake.handlers.person_keys import rotate

    config = instance.runtime.config
    intake_config._BUILT[id(config)] = (config, replace(intake_config.settings(config), person_key_secret=secret,
                                                        person_key_version=version))
    return rotate(instance.runtime)


def test_rotation_keeps_shared_clients_found_while_members_rotate_one_by_one(overlap_bus):
    instances, settle = overlap_bus
    sataedu, samk, matching = instances["sataedu"], instances["samk"], instances["matching"]
    first = register(sataedu, "Ilona", "Koski", overlap=True)
    settle()
    new_secret = "n" * 40
    assert rotate_secret(sataedu, new_secret, 2) == 1
    settle()
    assert {r.key_version for r in matching.rows(person_keys, person_keys.c.client_id == first)} == {1, 2}
    samk_first = register(samk, "Ilona", "Koski")  # samk has not rotated yet: version 1 still matches
    settle()
    assert [n["client_id"] for n in samk.api("GET", "/overlap/notices").get_json()] == [samk_first]
    assert rotate_secret(samk, new_secret, 2) >= 1
    settle()
    assert len(sataedu.api("GET", "/overlap/notices").get_json()) == 1, "a pair is told once, in any version"
    second = register(sataedu, "Oona", "Salo", overlap=True)  # both on version 2 now
    samk_second = register(samk, "Oona", "Salo")
    settle()
    assert {n["client_id"] for n in samk.api("GET", "/overlap/notices").get_json()} == {samk_first, samk_second}
    assert second in {n["client_id"] for n in sataedu.api("GET", "/overlap/notices").get_json()}
    [row] = sataedu.rows(clients, clients.c.id == second)
    assert row.person_key_version == 2


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
    erased = erase(lambda path, **kwargs: sataedu.api("POST", path, **kwargs), client)
    assert erased.status_code == 200, erased.get_json()
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
    erased = erase(lambda path, **kwargs: samk.api("POST", path, **kwargs), own)
    assert erased.status_code == 200, erased.get_json()
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
