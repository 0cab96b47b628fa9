"""Needs assessment over the API: recording, changing, ordering, bad input and scoping, on SQLite and PostgreSQL."""
from __future__ import annotations

import pytest

from services.intake.db import needs
from tests.integration.intake.personal_helpers import as_student, register, rows, scoping_clients
from tests.support.factories import audit_entries

pytestmark = pytest.mark.integration


def url(client_id: str, need_id: str | None = None) -> str:
    return f"/intake/api/v1/clients/{client_id}/needs" + (f"/{need_id}" if need_id else "")


def test_needs_are_recorded_changed_listed_and_removed(manager, network):
    client = register(manager)
    low = manager.post(url(client["id"]), json={"category": "housing", "priority": 3}).get_json()
    high = manager.post(url(client["id"]), json={"category": "job_search_skills", "priority": 1,
                                                 "description": "Ei ole tehnyt CV:tä"})
    assert high.status_code == 201
    high = high.get_json()
    assert (high["status"], high["description"], high["client_id"]) == ("open", "Ei ole tehnyt CV:tä", client["id"])
    assert [n["id"] for n in manager.get(url(client["id"])).get_json()] == [high["id"], low["id"]]

    changed = manager.patch(url(client["id"], high["id"]), json={"status": "met"})
    assert changed.status_code == 200 and changed.get_json()["status"] == "met"
    assert [n["id"] for n in manager.get(url(client["id"])).get_json()] == [low["id"], high["id"]]

    assert manager.delete(url(client["id"], low["id"])).status_code == 204
    assert rows(network, needs, client_id=client["id"]) == 1
    assert manager.patch(url(client["id"], low["id"]), json={"status": "met"}).status_code == 404
    assert len([e for e in audit_entries(network.runtimes["intake"], client["id"])
                if e["object_type"] == "needs_assessment"]) >= 5


@pytest.mark.parametrize("body, field", [
    ({"category": "dreams", "priority": 1}, "category"),
    ({"category": "housing", "priority": 5}, "priority"),
    ({"category": "housing", "priority": "high"}, "priority"),
    ({"priority": 1}, "category"),
    ({"category": "housing", "priority": 1, "status": "solved"}, "status"),
    ({"category": "other", "priority": 2}, "description"),
    ({"category": "housing", "priority": 2, "colour": "red"}, "colour"),
])
def test_bad_needs_are_422_naming_the_field_and_nothing_is_stored(manager, network, body, field):
    client = register(manager)
    response = manager.post(url(client["id"]), json=body)
    assert response.status_code == 422
    assert field in response.get_json()["error"]["fields"]
    assert rows(network, needs, client_id=client["id"]) == 0


def test_a_bad_change_is_422_and_changes_nothing(manager):
    client = register(manager)
    need = manager.post(url(client["id"]), json={"category": "housing", "priority": 2}).get_json()
    response = manager.patch(url(client["id"], need["id"]), json={"category": "other", "description": ""})
    assert response.status_code == 422 and "description" in response.get_json()["error"]["fields"]
    assert manager.get(url(client["id"])).get_json()[0]["category"] == "housing"


def test_only_the_clients_own_organisation_sees_the_needs(manager, network):
    client = register(manager)
    need = manager.post(url(client["id"]), json={"category": "finances", "priority": 1}).get_json()
    for who, (api, status) in scoping_clients(network, students_allowed=False).items():
        assert api.get(url(client["id"])).status_code == status, who
        assert api.post(url(client["id"]), json={"category": "housing", "priority": 1}).status_code == status, who
        assert api.patch(url(client["id"], need["id"]), json={"status": "met"}).status_code == status, who
        assert api.delete(url(client["id"], need["id"])).status_code == status, who
    student = as_student(network, client["id"])  # the assessment is the manager's working tool
    assert student.get(url(client["id"])).status_code == 403
    assert rows(network, needs, client_id=client["id"]) == 1


def test_a_need_of_another_client_is_not_found_through_this_one(manager):
    first, second = register(manager), register(manager)
    need = manager.post(url(first["id"]), json={"category": "health", "priority": 2}).get_json()
    assert manager.patch(url(second["id"], need["id"]), json={"status": "met"}).status_code == 404
    assert manager.delete(url(second["id"], need["id"])).status_code == 404
