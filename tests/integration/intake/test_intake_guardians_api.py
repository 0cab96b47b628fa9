"""The guardians API of intake on the real database: a minor client's guardians, the guardians' requests and
their decision, the young person's objection; only the own organisation's managers, every read audited."""
from __future__ import annotations

import uuid
from datetime import timedelta

import pytest

from shared import clock
from tests.integration.intake.client_helpers import API, as_role, as_student, intake, register, with_token
from tests.integration.intake.test_intake_minors import born
from tests.support import network as net
from tests.support.factories import audit_entries

pytestmark = pytest.mark.integration
MAIJA = {"name": "Maija Nuorinen", "relation": "parent", "phone": "+358 40 111 2222"}


def minor(manager) -> str:
    return register(manager, birth_date=born(16), consents={"service": True})["id"]


def guardian(manager, client_id: str, body: dict | None = None) -> dict:
    made = manager.post(f"{API}/{client_id}/guardians", json=body or MAIJA)
    assert made.status_code == 201, made.get_json()
    return made.get_json()


def fields_of(response) -> set[str]:
    assert response.status_code == 422, response.get_json()
    return set(response.get_json()["error"]["fields"])


def test_a_manager_records_changes_and_removes_a_minors_guardians(network, manager):
    client_id = minor(manager)
    made = guardian(manager, client_id, {**MAIJA, "informed_on": "2026-01-05"})
    assert {k: made[k] for k in ("name", "relation", "phone", "email", "informed_on")} == {
        "name": "Maija Nuorinen", "relation": "parent", "phone": "+358 40 111 2222", "email": None,
        "informed_on": "2026-01-05"}
    url = f"{API}/{client_id}/guardians/{made['id']}"
    changed = manager.patch(url, json={"email": " maija@example.fi "})
    assert changed.status_code == 200 and changed.get_json()["email"] == "maija@example.fi"
    assert changed.get_json()["phone"] == "+358 40 111 2222"  # what was not given stays

    assert fields_of(manager.patch(url, json={"phone": "soita"})) == {"phone"}
    assert fields_of(manager.patch(url, json={"relation": "uncle"})) == {"relation"}
    assert fields_of(manager.patch(url, json={"email": None, "phone": None})) == {"email"}
    assert fields_of(manager.post(f"{API}/{client_id}/guardians", json={"relation": "parent"})) == {"name"}
    assert fields_of(manager.post(f"{API}/{client_id}/guardians", json={**MAIJA, "informed_on": "5.1."})) == {
        "informed_on"}
    [listed] = manager.get(f"{API}/{client_id}/guardians").get_json()
    assert (listed["email"], listed["phone"]) == ("maija@example.fi", "+358 40 111 2222")  # nothing half-way

    adult = register(manager, birth_date=born(19), consents={"service": True})["id"]
    assert fields_of(manager.post(f"{API}/{adult}/guardians", json=MAIJA)) == {"name"}  # only under 18

    assert manager.delete(url).status_code == 204
    assert manager.get(f"{API}/{client_id}/guardians").get_json() == []
    assert manager.patch(url, json={"email": "x@example.fi"}).status_code == 404
    reads = [(e["action"], e["object_type"], e["purpose"]) for e in audit_entries(intake(network), client_id)]
    assert reads.count(("read", "guardians", "guardian")) == 2  # each list read is in the log


def test_guardian_requests_wait_for_a_decision_the_young_persons_objection_stops_a_grant(network, manager):
    client_id = minor(manager)
    maija = guardian(manager, client_id)
    requests = f"{API}/{client_id}/guardian-requests"
    today = clock.today()
    assert fields_of(manager.post(requests, json={"guardian_id": str(uuid.uuid4()), "kind": "access",
                                                  "received_on": today.isoformat()})) == {"guardian_id"}
    assert fields_of(manager.post(requests, json={"guardian_id": maija["id"], "kind": "everything",
                                                  "received_on": today.isoformat()})) == {"kind"}
    assert fields_of(manager.post(requests, json={"guardian_id": maija["id"], "kind": "access",
                                                  "received_on": (today + timedelta(days=1)).isoformat()})) == {
        "received_on"}
    assert manager.get(requests).get_json() == []

    made = manager.post(requests, json={"guardian_id": maija["id"], "kind": "access",
                                        "received_on": today.isoformat()})
    assert made.status_code == 201
    first = made.get_json()
    assert (first["status"], first["guardian_name"], first["kind"]) == ("open", "Maija Nuorinen", "access")

    objection = f"{API}/{client_id}/guardian-objection"
    assert manager.get(objection).get_json() == {"objects": False, "since": None}
    assert manager.put(objection, json={"objects": True}).get_json()["objects"] is True
    assert fields_of(manager.put(objection, json={"objects": "maybe"})) == {"objects"}
    decision = f"{requests}/{first['id']}"
    refused_grant = manager.post(decision, json={"grant": True})
    assert refused_grant.status_code == 409  # not while the young person objects
    assert fields_of(manager.post(decision, json={})) == {"grant"}
    refused = manager.post(decision, json={"grant": False})
    assert refused.status_code == 200 and refused.get_json()["status"] == "refused"
    assert manager.post(decision, json={"grant": False}).status_code == 409  # decided already

    withdrawn = manager.put(objection, json={"objects": False}).get_json()
    assert withdrawn["objects"] is False and withdrawn["since"] is not None
    second = manager.post(requests, json={"guardian_id": maija["id"], "kind": "information",
                                          "received_on": today.isoformat()}).get_json()
    granted = manager.post(f"{requests}/{second['id']}", json={"grant": True})
    assert granted.status_code == 200 and granted.get_json()["status"] == "granted"
    assert [r["id"] for r in manager.get(requests).get_json()] == [second["id"], first["id"]]
    assert manager.delete(f"{API}/{client_id}/guardians/{maija['id']}").status_code == 409  # requests on record
    trail = [(e["action"], e["object_type"]) for e in audit_entries(intake(network), client_id)]
    assert ("disclose", "guardian_request") in trail and ("read", "guardian_objection") in trail


def routes(client_id: str, guardian_id: str, request_id: str) -> list[tuple[str, str, dict | None, int]]:
    """(method, path, body, the own manager's status) of every route of the guardians API."""
    base = f"{API}/{client_id}"
    return [
        ("GET", f"{base}/guardians", None, 200),
        ("POST", f"{base}/guardians", {**MAIJA, "name": "Matti Nuorinen"}, 201),
        ("PATCH", f"{base}/guardians/{guardian_id}", {"email": "m@example.fi"}, 200),
        ("DELETE", f"{base}/guardians/{guardian_id}", None, 409),
        ("GET", f"{base}/guardian-requests", None, 200),
        ("POST", f"{base}/guardian-requests", {"guardian_id": guardian_id, "kind": "information",
                                               "received_on": clock.today().isoformat()}, 201),
        ("POST", f"{base}/guardian-requests/{request_id}", {"grant": False}, 200),
        ("GET", f"{base}/guardian-objection", None, 200),
        ("PUT", f"{base}/guardian-objection", {"objects": True}, 200),
    ]


@pytest.mark.parametrize("caller, expected", [
    ("manager_other", 404), ("student_own", 403), ("partner", 403), ("coordinator", 403), ("admin", 403),
    ("manager_without_org_match", 404), ("anonymous", 401)])
def test_no_one_but_the_own_organisations_manager_uses_the_guardians_api(network, manager, caller, expected):
    client_id = minor(manager)
    maija = guardian(manager, client_id)
    request_id = manager.post(f"{API}/{client_id}/guardian-requests", json={
        "guardian_id": maija["id"], "kind": "access", "received_on": clock.today().isoformat()}).get_json()["id"]
    others = {"manager_other": lambda: net.client_as(network, "manager2"),
              "student_own": lambda: as_student(network, client_id),
              "partner": lambda: net.client_as(network, "partner1"),
              "coordinator": lambda: net.client_as(network, "coordinator"),
              "admin": lambda: net.client_as(network, "admin"),
              "manager_without_org_match": lambda: as_role(network, "manager", organisation="konepaja-virtanen"),
              "anonymous": lambda: with_token(network, "not-a-token")}
    other = others[caller]()

    def state():
        return (manager.get(f"{API}/{client_id}/guardians").get_json(),
                manager.get(f"{API}/{client_id}/guardian-requests").get_json(),
                manager.get(f"{API}/{client_id}/guardian-objection").get_json())

    before = state()
    for method, path, body, _own in routes(client_id, maija["id"], request_id):
        answer = other.open(path, method=method, json=body)
        assert answer.status_code == expected, (method, path, answer.get_data(as_text=True)[:200])
        assert "Maija" not in answer.get_data(as_text=True)
    assert state() == before  # nothing stored
    for method, path, body, own in routes(client_id, maija["id"], request_id):
        assert manager.open(path, method=method, json=body).status_code == own, (method, path)
