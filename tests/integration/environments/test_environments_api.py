"""The environments API: creating, bad input, the lifecycle over HTTP, the events it announces, and the read
models of intake's partners and needs."""
from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import timedelta

import pytest
from sqlalchemy import select

from services.environments.db import competence_needs, environments, partners, roles
from shared.bus.inbox import InboxProcessor
from shared.events.catalogue import REGISTRY
from shared.events.envelope import new_event
from tests.integration.environments.helpers import (
    API,
    MUSIC,
    PYTHON,
    body,
    count,
    create,
    enrol,
    events,
    feed,
    move,
    opened,
    pass_review,
    publish_need,
    read_settings_again,
    register_partner,
    runtime,
)


def test_a_manager_drafts_a_multidisciplinary_environment_with_a_partner_and_its_need(network, manager):
    partner_id = register_partner(network, "Satakunnan Verkkokauppa Oy", organisation=None)
    need_id = publish_need(network, partner_id)
    created = create(manager, [partner_id], need_ids=[need_id], institutions=["samk"])
    assert created["status"] == "draft" and created["host_organisation"] == "sataedu"
    assert created["institutions"] == ["sataedu", "samk"]
    assert created["service_area"] == "pohjois-satakunta"  # derived from Kankaanpää
    assert created["multidisciplinary"]["value"] is True and created["multidisciplinary"]["count"] == 2
    assert created["partners"] == [{"id": partner_id, "name": "Satakunnan Verkkokauppa Oy", "kind": "company",
                                     "organisation": None}]
    assert created["needs"][0]["id"] == need_id
    assert [r["title"] for r in created["roles"]] == ["Ohjelmoija", "Myyjä"]
    assert created["roles"][0]["skills"][0]["uri"] == PYTHON
    [event] = [e for e in events(network, "environments.environment.created")
               if e["payload"]["environment_id"] == created["id"]]
    assert event["payload"]["partner_ids"] == [partner_id] and event["payload"]["multidisciplinary"] is True
    assert event["source"]["organisation"] == "verkosto"


def test_one_field_is_not_multidisciplinary_and_the_answer_says_why(manager):
    created = create(manager, fields_of_education=["06"], roles=[{"title": "Koodari", "seats": 1, "fields": ["061"]}])
    md = created["multidisciplinary"]
    assert md["value"] is False and md["reason"].startswith("Not multidisciplinary")


@pytest.mark.parametrize("change,field", [
    ({"fields_of_education": ["04", "98"]}, "fields_of_education"),
    ({"municipality": "999"}, "municipality"),
    ({"service_area": "lappi"}, "service_area"),
    ({"municipality": "214", "service_area": "kaakkois-satakunta"}, "service_area"),
    ({"partner_ids": [str(uuid.uuid4())]}, "partner_ids"),
    ({"need_ids": [str(uuid.uuid4())]}, "need_ids"),
    ({"capacity": 0}, "capacity"),
    ({"name": ""}, "name"),
    ({"ends_on": "2026-01-01"}, "ends_on"),
    ({"roles": [{"title": "Myyjä", "seats": 1, "skills": [{"uri": "http://example.com/no-such-skill", "level": 3}]}]},
     "roles"),
])
def test_bad_input_answers_422_naming_the_field_and_stores_nothing(network, manager, change, field):
    before = (count(network, environments), count(network, roles), len(events(network)))
    response = manager.post(f"{API}/environments", json=body(**change))
    assert response.status_code == 422, response.get_json()
    assert field in response.get_json()["error"]["fields"]
    assert (count(network, environments), count(network, roles), len(events(network))) == before


def test_the_lifecycle_is_enforced_over_http_with_409_and_the_reason(network, manager):
    partner_id = register_partner(network)
    environment = create(manager, [partner_id], description="Haemme myyntimiestä ja esimiestä.")
    env_id = environment["id"]
    assert {w["found"] for w in environment["language_warnings"]} == {"myyntimiestä", "esimiestä"}

    refused = move(manager, env_id, "open")
    assert refused.status_code == 409
    assert "gender-neutral review" in refused.get_json()["error"]["message"]
    assert move(manager, env_id, "completed").status_code == 409

    from services.environments.domain.review import KEYS
    no_note = manager.put(f"{API}/environments/{env_id}/review",
                          json={"items": [{"item": k, "checked": True} for k in KEYS]})
    assert no_note.status_code == 422 and "note" in no_note.get_json()["error"]["fields"]["items"]["0"]
    assert manager.get(f"{API}/environments/{env_id}/review").get_json()["complete"] is False

    fixed = manager.put(f"{API}/environments/{env_id}", json={k: v for k, v in body([partner_id]).items()
                                                                if k != "roles"})
    assert fixed.status_code == 200 and fixed.get_json()["language_warnings"] == []
    review = pass_review(manager, env_id)
    assert review["complete"] is True and review["items"][0]["reviewer_name"]

    assert move(manager, env_id, "open").status_code == 200
    no_one = move(manager, env_id, "running")
    assert no_one.status_code == 409 and "Enrol at least one" in no_one.get_json()["error"]["message"]
    assert enrol(manager, environment).status_code == 201
    assert move(manager, env_id, "running").status_code == 200
    assert manager.put(f"{API}/environments/{env_id}", json={k: v for k, v in body([partner_id]).items()
                                                             if k != "roles"}).status_code == 409
    assert move(manager, env_id, "cancelled").status_code == 409  # no reason
    assert move(manager, env_id, "completed").status_code == 200
    not_yet = move(manager, env_id, "evaluated")
    assert not_yet.status_code == 409 and "overall assessment" in not_yet.get_json()["error"]["message"]
    types = [e["type"] for e in events(network) if e["payload"].get("environment_id") == env_id
             and e["type"] != "environments.environment.reminders_changed"]  # (test_environments_reminders_...)
    assert types[:2] == ["environments.environment.created", "environments.environment.opened"]
    assert "environments.environment.started" in types and "environments.environment.completed" in types
    assert "environments.participant.completed" in types


def test_cancelling_keeps_the_reason(network, manager):
    environment = opened(manager, network)
    response = move(manager, environment["id"], "cancelled", reason="Kumppani vetäytyi.")
    assert response.status_code == 200
    assert response.get_json()["status"] == "cancelled" and response.get_json()["cancel_reason"] == "Kumppani vetäytyi."
    [event] = [e for e in events(network, "environments.environment.cancelled")
               if e["payload"]["environment_id"] == environment["id"]]
    assert event["payload"]["previous_status"] == "open" and "reason" not in event["payload"]


def test_seats_capacity_and_one_running_environment_per_student(network, manager):
    first = opened(manager, network, capacity=2, roles=[{"title": "Ohjelmoija", "seats": 1},
                                                          {"title": "Suunnittelija", "seats": 5}])
    student = str(uuid.uuid4())
    assert enrol(manager, first, 0, client_id=student).status_code == 201
    assert enrol(manager, first, 0, client_id=student).status_code == 409  # already in
    full_role = enrol(manager, first, 0)
    assert full_role.status_code == 409 and "seat of this role" in full_role.get_json()["error"]["message"]
    assert enrol(manager, first, 1).status_code == 201
    full = enrol(manager, first, 1)
    assert full.status_code == 409 and "full" in full.get_json()["error"]["message"]
    assert move(manager, first["id"], "running").status_code == 200

    second = opened(manager, network)
    assert enrol(manager, second, 0, client_id=student).status_code == 201  # joining an open one is fine
    busy = move(manager, second["id"], "running")
    assert busy.status_code == 409 and "another running environment" in busy.get_json()["error"]["message"]
    third = opened(manager, network)
    assert move(manager, third["id"], "running").status_code == 409
    assert enrol(manager, third, 0).status_code == 201
    assert move(manager, third["id"], "running").status_code == 200
    refused = enrol(manager, third, 0, client_id=student)
    assert refused.status_code == 409 and "another running environment" in refused.get_json()["error"]["message"]


def test_enrolment_input_is_checked(network, manager):
    environment = opened(manager, network)
    bad = manager.post(f"{API}/environments/{environment['id']}/participants",
                       json={"client_id": "not-a-uuid", "role_id": environment["roles"][0]["id"], "gender": "x"})
    assert bad.status_code == 422 and {"client_id", "gender"} <= set(bad.get_json()["error"]["fields"])
    wrong_role = enrol(manager, {"id": environment["id"], "roles": [{"id": str(uuid.uuid4())}]})
    assert wrong_role.status_code == 422 and "role_id" in wrong_role.get_json()["error"]["fields"]


def test_roles_can_be_added_changed_and_removed_while_draft(network, manager):
    environment = create(manager)
    url = f"{API}/environments/{environment['id']}/roles"
    added = manager.post(url, json={"title": "Asentaja", "seats": 2, "fields": ["07"],
                                    "skills": [{"uri": PYTHON, "level": 2}, {"uri": MUSIC, "level": 1}]})
    assert added.status_code == 201 and len(added.get_json()["roles"]) == 3
    role_id = added.get_json()["roles"][-1]["id"]
    changed = manager.put(f"{url}/{role_id}", json={"title": "Sähköasentaja", "seats": 1})
    assert changed.status_code == 200 and changed.get_json()["roles"][-1]["title"] == "Sähköasentaja"
    assert changed.get_json()["multidisciplinary"]["count"] == 2
    twice = manager.post(url, json={"title": "X", "seats": 1, "skills": [{"uri": PYTHON, "level": 2},
                                                                        {"uri": PYTHON, "level": 3}]})
    assert twice.status_code == 422
    assert manager.delete(f"{url}/{role_id}").status_code == 200
    assert manager.delete(f"{url}/{role_id}").status_code == 404


def test_an_open_environments_role_changes_reach_matching(network, manager):
    """A role added, changed or removed after opening is announced: matching matches the roles as they are."""
    from services.matching.db import environment_roles

    def matched_roles(env_id: str) -> dict[str, tuple[str, int]]:
        assert network.settle()
        with network.runtimes["matching"].db.session() as session:
            return {r.role_id: (r.title, r.seats) for r in session.execute(select(environment_roles).where(
                environment_roles.c.environment_id == env_id))}

    draft = create(manager)
    manager.post(f"{API}/environments/{draft['id']}/roles", json={"title": "Luonnosrooli", "seats": 1})
    assert [e for e in events(network, "environments.environment.changed")
            if e["payload"]["environment_id"] == draft["id"]] == []  # a draft's shape travels when it opens
    environment = opened(manager, network)
    url = f"{API}/environments/{environment['id']}/roles"
    added = manager.post(url, json={"title": "Asentaja", "seats": 2, "fields": ["07"],
                                    "skills": [{"uri": PYTHON, "level": 2}]})
    assert added.status_code == 201
    role_id = added.get_json()["roles"][-1]["id"]
    assert matched_roles(environment["id"])[role_id] == ("Asentaja", 2)
    assert manager.put(f"{url}/{role_id}", json={"title": "Sähköasentaja", "seats": 1}).status_code == 200
    assert matched_roles(environment["id"])[role_id] == ("Sähköasentaja", 1)
    assert manager.delete(f"{url}/{role_id}").status_code == 200
    assert role_id not in matched_roles(environment["id"]) and len(matched_roles(environment["id"])) == 2


def test_the_language_check_endpoint_and_the_target_progress(manager):
    found = manager.post(f"{API}/environments/language-check", json={"text": "Talonmiehen ja lakimiesten työt"})
    assert [f["suggestion"] for f in found.get_json()] == ["kiinteistönhoitaja", "juristi"]
    progress = manager.get(f"{API}/environments/progress").get_json()
    assert progress["target"] == 20 and progress["started"] >= progress["multidisciplinary"]


def test_the_target_is_read_from_the_environment(network, manager, monkeypatch):
    monkeypatch.setenv("ENVIRONMENTS_TARGET", "15")
    read_settings_again(network, monkeypatch)
    assert manager.get(f"{API}/environments/progress").get_json()["target"] == 15


def test_lists_filter_by_status_area_field_and_partner(network, manager):
    partner_id = register_partner(network, "Suodatus Oy", organisation=None)
    mine = create(manager, [partner_id], fields_of_education=["02", "10"], municipality="079",
                  roles=[{"title": "Kokki", "seats": 1, "fields": ["101"]}])
    def ids(**query):
        return {e["id"] for e in manager.get(f"{API}/environments", query_string=query).get_json()}
    assert mine["id"] in ids(partner_id=partner_id) and len(ids(partner_id=partner_id)) == 1
    assert mine["id"] in ids(service_area="kaakkois-satakunta")
    assert mine["id"] not in ids(service_area="pohjois-satakunta")
    assert mine["id"] in ids(field="10") and mine["id"] in ids(field="101") and mine["id"] not in ids(field="07")
    assert mine["id"] in ids(status="draft") and mine["id"] not in ids(status="open")
    assert manager.get(f"{API}/environments", query_string={"status": "archived"}).status_code == 422



# --- read models of intake's partners and needs ----------------------------------------------------
def partner_payload(partner_id: str, name: str, organisation: str | None = None) -> dict:
    return {"partner_id": partner_id, "name": name, "kind": "company", "business_id": None, "municipality": None,
            "industry": None, "organisation": organisation}


def test_a_renamed_partner_is_renamed_in_its_environments_too(network, manager):
    partner_id = register_partner(network, "Vanha Nimi Oy", organisation=None)
    need_id = publish_need(network, partner_id, "Vanha tarve")
    environment = create(manager, [partner_id], need_ids=[need_id])
    feed(network, "intake.partner.registered", partner_payload(partner_id, "Uusi Nimi Oy", "uusi-nimi"))
    publish = {"need_id": need_id, "partner_id": partner_id, "title": "Uusi tarve", "description": None, "skills": [],
               "work_type": "part_time", "hours_per_week": None, "municipality": None, "start_date": None,
               "end_date": None, "people": 1, "hidden_job": False, "languages": [], "driving_licence": False,
               "status": "open"}
    feed(network, "intake.need.published", publish)
    seen = manager.get(f"{API}/environments/{environment['id']}").get_json()
    assert seen["partners"][0]["name"] == "Uusi Nimi Oy" and seen["partners"][0]["organisation"] == "uusi-nimi"
    assert seen["needs"][0]["title"] == "Uusi tarve"
    listed = {p["id"]: p for p in manager.get(f"{API}/partners").get_json()}
    assert listed[partner_id]["needs"][0]["title"] == "Uusi tarve"


def test_an_older_event_arriving_late_does_not_undo_a_newer_one(network):
    partner_id = str(uuid.uuid4())
    newer = REGISTRY.validate(new_event("intake.partner.registered", partner_payload(partner_id, "Uudempi Oy"),
                                        organisation="samk", service="intake"))
    older = replace(REGISTRY.validate(new_event("intake.partner.registered", partner_payload(partner_id, "Vanhempi Oy"),
                                                organisation="samk", service="intake")),
                    occurred_at=newer.occurred_at - timedelta(minutes=5))
    InboxProcessor(runtime(network)).process_batch([newer])
    InboxProcessor(runtime(network)).process_batch([older])
    with runtime(network).db.session() as session:
        row = session.execute(select(partners).where(partners.c.id == partner_id)).first()
    assert row.name == "Uudempi Oy" and row.recorded_by == "samk"


def test_closed_needs_are_not_offered(network, manager):
    partner_id = register_partner(network, "Suljettu Oy", organisation=None)
    need_id = publish_need(network, partner_id, "Täytetty tarve")
    with runtime(network).db.transaction() as session:
        session.execute(competence_needs.update().where(competence_needs.c.id == need_id).values(status="filled"))
    listed = {p["id"]: p for p in manager.get(f"{API}/partners").get_json()}
    assert listed[partner_id]["needs"] == []


def test_changing_an_open_environments_partners_announces_them_once(network, manager):
    first, second = register_partner(network), register_partner(network, "Nuorisoseura", organisation="nuorisoseura")
    environment = opened(manager, network, partner_ids=[first])
    env_id = environment["id"]
    details = {k: v for k, v in body([second]).items() if k != "roles"}
    assert manager.put(f"{API}/environments/{env_id}", json=details).status_code == 200
    assert manager.put(f"{API}/environments/{env_id}", json=details).status_code == 200  # the same partners again
    changed = [e["payload"] for e in events(network, "environments.environment.partners_changed")
               if e["payload"]["environment_id"] == env_id]
    assert changed == [{"environment_id": env_id, "host_organisation": "sataedu", "partner_ids": [second]}]
