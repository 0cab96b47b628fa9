"""Registering, reading, correcting, closing, listing and searching clients, on SQLite and PostgreSQL."""
from __future__ import annotations

import pytest

from services.intake.db import clients, consents
from tests.integration.intake.client_helpers import (
    API,
    PERSONAL_VALUES,
    as_student,
    event_types,
    outbox,
    register,
    stored,
    types,
    unique_client,
)
from tests.support import network as net

pytestmark = pytest.mark.integration


def test_registration_stores_every_field_and_explains_the_municipality(manager):
    created = register(manager, entered_on="2026-01-15", disadvantaged=False)
    assert created["organisation"] == "sataedu" and created["status"] == "active"
    assert created["last_name"] == "Äijälä" and created["birth_date"] == "2004-05-17"
    assert created["languages"] == [{"code": "en", "level": "good"}, {"code": "sv", "level": "basic"}]
    assert (created["education_level"], created["disadvantaged"], created["entered_on"]) == (3, False, "2026-01-15")
    municipality = created["home_municipality"]
    assert municipality["code"] == "214" and municipality["names"] == {
        "fi": "Kankaanpää", "sv": "Kankaanpää", "en": "Kankaanpää"}
    assert municipality["subregion"]["code"] == "044" and municipality["region"]["names"]["fi"] == "Satakunta"
    assert [a["slug"] for a in municipality["service_areas"]] == ["pohjois-satakunta"]
    assert "person_key" not in created and "search_name" not in created
    again = manager.get(f"{API}/{created['id']}").get_json()
    assert again == created


def test_registration_publishes_only_pseudonymous_events(manager, network):
    created = register(manager)
    events = outbox(network, created["id"])
    # The default register: service and statistics on a public task, so no consent is recorded and the
    # entry facts travel (pseudonymously, gender and age band only there) for statistics and the ESF report.
    assert types(events) == ["intake.client.registered", "intake.person_key.published", "intake.statistics.recorded"]
    assert all(e["source"]["organisation"] == "sataedu" for e in events)
    for personal in (*PERSONAL_VALUES, created["first_name"], "Sataedu"):
        assert personal not in repr(events)
    assert "woman" not in repr(events[:2])


def test_the_same_person_gets_the_same_key_in_any_organisation(network):
    body = unique_client(birth_date="2003-02-01")
    first = net.client_as(network, "manager1").post(API, json=body).get_json()
    variant = {**body, "first_name": "  " + body["first_name"].upper() + " ", "last_name": "äijälä"}
    second = net.client_as(network, "manager3").post(API, json=variant).get_json()
    other = net.client_as(network, "manager3").post(API, json={**body, "last_name": "Aijala"}).get_json()

    def key(client):
        return next(e["payload"]["person_key"] for e in outbox(network, client["id"])
                    if e["type"] == "intake.person_key.published")

    assert key(first) == key(second) != key(other)


INVALID = [
    ("first_name", {"first_name": ""}), ("first_name", {"first_name": None}), ("last_name", {"last_name": "x" * 101}),
    ("birth_date", {"birth_date": "2999-01-01"}), ("birth_date", {"birth_date": "17.5.2004"}),
    ("birth_date", {"birth_date": "2020-01-01"}), ("email", {"email": "aino@"}), ("phone", {"phone": "call me"}),
    ("home_municipality", {"home_municipality": "999"}), ("home_municipality", {"home_municipality": None}),
    ("gender", {"gender": "female"}), ("mother_tongue", {"mother_tongue": "xx"}),
    ("languages", {"languages": [{"code": "zz"}]}), ("languages", {"languages": [{"code": "en", "level": "expert"}]}),
    ("languages", {"languages": "fi"}), ("education_status", {"education_status": "dropped"}),
    ("field_of_education", {"field_of_education": "075"}), ("employment_status", {"employment_status": "retired"}),
    ("education_level", {"education_level": 9}), ("education_level", {"education_level": "three"}),
    ("disadvantaged", {"disadvantaged": "maybe"}), ("entered_on", {"entered_on": "2999-01-01"}),
    ("consents", {"consents": {"service": True, "marketing": True}}), ("consent_method", {"consent_method": "phone"}),
    ("consents", {"consent_version": "1999-1"}), ("nickname", {"nickname": "Ainska"}),
]


@pytest.mark.parametrize("field, change", INVALID, ids=[f"{f}-{i}" for i, (f, _c) in enumerate(INVALID)])
def test_bad_input_is_422_naming_the_field_and_nothing_is_stored(manager, network, field, change):
    before = stored(network, clients, consents)
    response = manager.post(API, json=unique_client(**change))
    assert response.status_code == 422
    error = response.get_json()["error"]
    assert error["code"] == "invalid" and field in error["fields"], error
    assert stored(network, clients, consents) == before


def test_a_missing_required_field_is_named(manager):
    body = unique_client()
    del body["birth_date"]
    response = manager.post(API, json=body)
    assert response.status_code == 422 and "birth_date" in response.get_json()["error"]["fields"]


def test_correcting_data_republishes_the_key_only_when_the_identity_changes(manager, network):
    created = register(manager)
    changed = manager.patch(f"{API}/{created['id']}", json={"email": "uusi@example.fi", "phone": None})
    assert changed.status_code == 200 and changed.get_json()["email"] == "uusi@example.fi"
    assert changed.get_json()["phone"] is None
    assert event_types(network, created["id"]).count("intake.person_key.published") == 1
    renamed = manager.patch(f"{API}/{created['id']}", json={"last_name": "Laine"})
    assert renamed.get_json()["last_name"] == "Laine"
    keys = [e["payload"]["person_key"] for e in outbox(network, created["id"])
            if e["type"] == "intake.person_key.published"]
    assert len(keys) == 2 and keys[0] != keys[1]


@pytest.mark.parametrize("field, change", [
    ("birth_date", {"birth_date": "2999-01-01"}), ("first_name", {"first_name": None}),
    ("entered_on", {"entered_on": None}), ("entered_on", {"birth_date": "2010-01-01"}),
    ("home_municipality", {"home_municipality": "000"}), ("status", {"status": "closed"}),
])
def test_bad_corrections_are_422_and_change_nothing(manager, network, field, change):
    created = register(manager, entered_on="2009-06-01")
    events = len(outbox(network))
    response = manager.patch(f"{API}/{created['id']}", json={"email": "muutos@example.fi", **change})
    assert response.status_code == 422 and field in response.get_json()["error"]["fields"]
    assert manager.get(f"{API}/{created['id']}").get_json()["email"] == created["email"]
    assert len(outbox(network)) == events


def test_closing_a_case(manager, network):
    created = register(manager, entered_on="2026-01-01")
    assert manager.post(f"{API}/{created['id']}/close", json={"closed_on": "2999-01-01"}).status_code == 422
    assert manager.post(f"{API}/{created['id']}/close", json={"closed_on": "2025-12-31"}).status_code == 422
    closed = manager.post(f"{API}/{created['id']}/close", json={})
    assert closed.status_code == 200 and closed.get_json()["status"] == "closed" and closed.get_json()["closed_on"]
    assert event_types(network, created["id"])[-1] == "intake.client.closed"
    again = manager.post(f"{API}/{created['id']}/close", json={})
    assert again.status_code == 409 and again.get_json()["error"]["code"] == "conflict"


def test_listing_filters_and_pages_the_organisations_clients(network):
    samk = net.client_as(network, "manager2")
    north = [register(samk, home_municipality="181", entered_on=f"2026-02-0{i}") for i in range(1, 4)]
    south = register(samk, home_municipality="079", entered_on="2026-03-01")
    closed = register(samk, home_municipality="609", entered_on="2026-03-02")
    samk.post(f"{API}/{closed['id']}/close", json={})

    def ids(query):
        response = samk.get(f"{API}?{query}")
        assert response.status_code == 200, response.get_json()
        return {c["id"] for c in response.get_json()["items"]}, response.get_json()["total"]

    assert ids("per_page=100")[1] == 5
    assert ids("status=active&per_page=100") == ({c["id"] for c in north} | {south["id"]}, 4)
    assert ids("status=closed") == ({closed["id"]}, 1)
    assert ids("service_area=pohjois-satakunta") == ({c["id"] for c in north}, 3)
    assert ids("municipality=79") == ({south["id"]}, 1)
    assert ids("entered_from=2026-02-02&entered_to=2026-02-28") == ({north[1]["id"], north[2]["id"]}, 2)
    first, second = ids("per_page=2&page=1"), ids("per_page=2&page=2")
    assert first[1] == second[1] == 5 and not first[0] & second[0] and len(first[0]) == len(second[0]) == 2
    assert all(c["organisation"] == "samk" for c in samk.get(f"{API}?per_page=100").get_json()["items"])


@pytest.mark.parametrize("query, field", [
    ("municipality=999", "municipality"), ("service_area=nowhere", "service_area"), ("page=0", "page"),
    ("per_page=500", "per_page"), ("status=erased", "status"), ("entered_from=2026-02-02&entered_to=2026-01-01",
                                                                "entered_to"), ("entered_from=eilen", "entered_from"),
])
def test_bad_filters_are_422(manager, query, field):
    response = manager.get(f"{API}?{query}")
    assert response.status_code == 422 and field in response.get_json()["error"]["fields"]


def test_name_search_is_in_the_body_and_folds_accents(network):
    winnova = net.client_as(network, "manager3")
    wanted = register(winnova, last_name="Öhman-Äijälä")
    register(winnova, last_name="Virtanen")
    found = winnova.post(f"{API}/search", json={"q": "ohman AIJALA", "per_page": 10})
    assert found.status_code == 200
    assert [c["id"] for c in found.get_json()["items"]] == [wanted["id"]]
    assert winnova.post(f"{API}/search", json={"q": "%"}).get_json()["total"] == 0
    assert net.client_as(network, "manager2").post(f"{API}/search", json={"q": "ohman"}).get_json()["total"] == 0
    bad = winnova.post(f"{API}/search", json={"q": "x" * 201})
    assert bad.status_code == 422 and "q" in bad.get_json()["error"]["fields"]


def test_every_read_is_audited_with_who_what_and_why(manager, network):
    created = register(manager)
    manager.get(f"{API}/{created['id']}")
    manager.post(f"{API}/search", json={"q": created["first_name"]})
    trail = manager.get(f"{API}/{created['id']}/audit").get_json()
    assert [e["action"] for e in reversed(trail) if e["action"] != "disclose"][:4] == [
        "create", "read", "read", "read"]
    record_read = [e for e in trail if e["object_type"] == "client_record" and e["action"] == "read"][0]
    assert record_read["actor_organisation"] == "sataedu" and record_read["actor_role"] == "manager"
    assert record_read["actor"] == network.identity.get("manager1").id and record_read["purpose"] == "guidance"
    assert any(e["object_type"] == "client_list" for e in trail)
    assert trail[0]["object_type"] == "audit_trail"  # reading the trail is itself on the trail


def test_a_student_sees_their_own_record(network, manager):
    created = register(manager)
    student = as_student(network, created["id"])
    assert student.get(f"{API}/me").get_json()["id"] == created["id"]
    assert student.get(f"{API}/{created['id']}").status_code == 200
    trail = manager.get(f"{API}/{created['id']}/audit").get_json()
    assert any(e["actor_role"] == "student" and e["purpose"] == "own_use" for e in trail)
    unlinked = net.client_as(network, "student1").get(f"{API}/me")
    assert unlinked.status_code == 404
