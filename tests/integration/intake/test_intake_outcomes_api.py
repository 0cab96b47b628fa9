"""Outcomes over the API: input, scoping, the audit trail, and what travels under the statistics consent."""
from __future__ import annotations

import uuid

import pytest
from sqlalchemy import func, select

from services.intake.db import outcomes
from shared.auth.principal import Principal
from tests.integration.intake.client_helpers import SQLITE_ONLY
from tests.support import network as net
from tests.support.factories import audit_entries
from tests.support.intake_partners import add_client, events

# outcomes travel under consent (d)
pytestmark = [pytest.mark.integration, SQLITE_ONLY,
              pytest.mark.bases(statistics="consent", esf_reporting="consent")]


def url(client_id: str) -> str:
    return f"/intake/api/v1/clients/{client_id}/outcomes"


def work_outcome(**overrides) -> dict:
    body = {"kind": "work", "work_form": "part_time", "hidden_job": True, "description": "Varastotyö",
            "started_on": "2026-03-02", "via_environment_id": str(uuid.uuid4())}
    body.update(overrides)
    return body


def stored(network, client_id: str) -> int:
    with network.runtimes["intake"].db.session() as session:
        return session.execute(select(func.count()).select_from(outcomes)
                               .where(outcomes.c.client_id == client_id)).scalar_one()


def outcome_events(network, client_id: str) -> list[dict]:
    return [e for e in events(network.runtimes["intake"], "intake.outcome.recorded")
            if e["payload"]["client_id"] == client_id]


@pytest.mark.parametrize("overrides, field", [
    ({"kind": "retired"}, "kind"),
    ({"work_form": None}, "work_form"),
    ({"work_form": "forever"}, "work_form"),
    ({"ended_on": "2026-03-01"}, "ended_on"),
    ({"started_on": None}, "started_on"),
    ({"started_on": "2.3.2026"}, "started_on"),
    ({"kind": "education", "work_form": None, "field_of_education": "9999"}, "field_of_education"),
    ({"kind": "other", "work_form": None, "hidden_job": True}, "hidden_job"),
    ({"qualification": True}, "qualification"),
    ({"via_suggestion_id": str(uuid.uuid4())}, "via_suggestion_id"),
    ({"via_environment_id": "env-1"}, "via_environment_id"),
    ({"description": "x" * 201}, "description"),
])
def test_bad_outcomes_name_the_field_and_store_nothing(network, manager, overrides, field):
    client = add_client(network.runtimes["intake"], "sataedu", consents_given=("service", "statistics"))
    response = manager.post(url(client), json=work_outcome(**overrides))
    assert response.status_code == 422, response.get_json()
    assert field in response.get_json()["error"]["fields"]
    assert stored(network, client) == 0 and outcome_events(network, client) == []


def test_an_outcome_travels_pseudonymously_under_the_statistics_consent(network, manager):
    client = add_client(network.runtimes["intake"], "sataedu", "Sara", "Nieminen",
                        consents_given=("service", "statistics"))
    response = manager.post(url(client), json=work_outcome())
    assert response.status_code == 201, response.get_json()
    outcome = response.get_json()
    assert outcome["published"] is True and outcome["hidden_job"] is True and outcome["work_form"] == "part_time"
    [event] = outcome_events(network, client)
    assert event["source"]["organisation"] == "sataedu"
    assert event["payload"]["outcome_id"] == outcome["id"] and event["payload"]["kind"] == "work"
    assert event["payload"]["via_environment_id"] == outcome["via_environment_id"]
    assert "Sara" not in repr(event) and "Nieminen" not in repr(event) and "Varastotyö" not in repr(event)


def test_without_the_statistics_consent_the_outcome_stays_in_intake(network, manager):
    client = add_client(network.runtimes["intake"], "sataedu", consents_given=("service",))
    education = {"kind": "education", "description": "Datanomi", "field_of_education": "06",
                 "qualification": False, "started_on": "2026-08-10"}
    response = manager.post(url(client), json=education)
    assert response.status_code == 201 and response.get_json()["published"] is False
    assert response.get_json()["field_of_education_name"]
    assert stored(network, client) == 1 and outcome_events(network, client) == []


def test_outcomes_are_seen_by_the_own_manager_and_the_student_themself(network, manager):
    client = add_client(network.runtimes["intake"], "sataedu")
    manager.post(url(client), json=work_outcome(kind="apprenticeship", work_form=None, hidden_job=False,
                                                field_of_education="07", qualification=True))
    listed = manager.get(url(client))
    assert listed.status_code == 200 and [o["kind"] for o in listed.get_json()] == ["apprenticeship"]

    outsider = net.client_as(network, "manager2")
    assert outsider.get(url(client)).status_code == 404
    assert outsider.post(url(client), json=work_outcome()).status_code == 404
    assert stored(network, client) == 1

    student = Principal(user_id=str(uuid.uuid4()), username="s", name="S", organisation="sataedu",
                        roles=frozenset({"student"}), client_id=client)
    headers = {"Authorization": f"Bearer {net.token_of(network, student)}",
               "Accept": "application/json"}
    web = network.apps["intake"].test_client()
    assert web.get(f"/api/v1/clients/{client}/outcomes", headers=headers).status_code == 200
    assert web.post(f"/api/v1/clients/{client}/outcomes", headers=headers, json=work_outcome()).status_code == 403
    other = add_client(network.runtimes["intake"], "sataedu")
    assert web.get(f"/api/v1/clients/{other}/outcomes", headers=headers).status_code == 404

    trail = [(e["action"], e["object_type"], e["actor_role"])
             for e in audit_entries(network.runtimes["intake"], client)]
    assert ("create", "outcomes", "manager") in trail and ("read", "outcomes", "student") in trail
