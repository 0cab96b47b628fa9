"""Competence profiles over the API: availability, ESCO skills, and what is shared with the network under (b)."""
from __future__ import annotations

import pytest

from services.intake.db import profile_skills, profiles
from services.intake.handlers.profile import share_profile
from shared.events.contracts.intake import ProfileShared
from tests.integration.intake.client_helpers import PERSONAL_VALUES
from tests.integration.intake.personal_helpers import as_student, consent, events_of, register, rows, scoping_clients

pytestmark = pytest.mark.integration

WELDING = "http://data.europa.eu/esco/skill/530cb489-d900-46ab-9350-4d50ccd49eea"  # welding techniques
PYTHON = "http://data.europa.eu/esco/skill/ccd0a1d9-afda-43d9-b901-96344886e14d"  # Python (programming)
AVAILABILITY = {"hours_per_week": 20, "available_from": "2026-06-01", "available_until": "2026-08-31",
                "work_types": ["summer", "part_time"], "municipalities": ["50", "609"],
                "service_areas": ["pohjois-satakunta"], "driving_licence": True, "languages": ["fi", "en"]}


def profile(client_id: str, tail: str = "") -> str:
    return f"/intake/api/v1/clients/{client_id}/profile{tail}"


def add_skill(api, client_id, uri=WELDING, level=3, evidence="course", evidence_ref="Hitsauksen perusteet"):
    response = api.post(profile(client_id, "/skills"), json={"skill_uri": uri, "level": level, "evidence": evidence,
                                                             "evidence_ref": evidence_ref})
    assert response.status_code == 201, response.get_json()
    return response.get_json()


def test_a_profile_is_filled_in_and_read_back(manager):
    client = register(manager, field_of_education="07")
    saved = manager.put(profile(client["id"]), json=AVAILABILITY)
    assert saved.status_code == 200
    skill = add_skill(manager, client["id"])
    assert (skill["label"], skill["level"], skill["evidence"]) == ("hitsaustekniikat", 3, "course")
    read = manager.get(profile(client["id"]) + "?lang=en").get_json()
    assert read["municipalities"] == ["050", "609"] and read["work_types"] == ["summer", "part_time"]
    assert (read["hours_per_week"], read["available_until"], read["driving_licence"]) == (20, "2026-08-31", True)
    assert read["fields_of_education"] == ["07"]
    assert [(s["skill_uri"], s["label"]) for s in read["skills"]] == [(WELDING, "welding techniques")]


def test_skills_are_changed_and_removed(manager, network):
    client = register(manager)
    skill = add_skill(manager, client["id"])
    changed = manager.patch(profile(client["id"], f"/skills/{skill['id']}"), json={"level": 5, "evidence": "work",
                                                                                    "evidence_ref": "Konepaja"})
    assert changed.status_code == 200 and (changed.get_json()["level"], changed.get_json()["evidence_ref"]) == (
        5, "Konepaja")
    assert manager.delete(profile(client["id"], f"/skills/{skill['id']}")).status_code == 204
    assert rows(network, profile_skills, client_id=client["id"]) == 0
    assert manager.delete(profile(client["id"], f"/skills/{skill['id']}")).status_code == 404


def test_the_profile_travels_only_with_consent_b_and_carries_nothing_personal(manager, network):
    client = register(manager, field_of_education="07")
    manager.put(profile(client["id"]), json=AVAILABILITY)
    add_skill(manager, client["id"])
    assert events_of(network, client["id"], "intake.profile.shared") == []

    consent(manager, client["id"], "profile_sharing")  # the consent itself shares the profile
    add_skill(manager, client["id"], evidence="project_environment", evidence_ref="Kampus-projekti", level=4)
    add_skill(manager, client["id"], uri=PYTHON, evidence="self", evidence_ref=None, level=2)
    shared = events_of(network, client["id"], "intake.profile.shared")
    assert len(shared) == 3
    latest = shared[-1]
    assert set(latest["payload"]) == set(ProfileShared().fields)
    assert latest["payload"] == {
        "client_id": client["id"], "skills": sorted([{"uri": WELDING, "level": 4}, {"uri": PYTHON, "level": 2}],
                                                    key=lambda s: s["uri"]),
        "hours_per_week": 20, "available_from": "2026-06-01", "available_until": "2026-08-31",
        "work_types": ["summer", "part_time"], "municipalities": ["050", "609"],
        "service_areas": ["pohjois-satakunta"], "languages": ["fi", "en"], "driving_licence": True,
        "fields_of_education": ["07"]}
    text = repr([e["payload"] for e in shared])
    for personal in (*PERSONAL_VALUES, client["first_name"], "woman", "Kampus-projekti", "Hitsauksen perusteet"):
        assert personal not in text

    consent(manager, client["id"], "profile_sharing", given=False)
    manager.put(profile(client["id"]), json={**AVAILABILITY, "hours_per_week": 10})
    add_skill(manager, client["id"], evidence="other", evidence_ref="Harrastus")
    assert len(events_of(network, client["id"], "intake.profile.shared")) == 3


def test_share_profile_reports_whether_it_shared(manager, network):
    from sqlalchemy import select

    from services.intake.db import clients

    client = register(manager)
    runtime = network.runtimes["intake"]
    with runtime.work() as work:
        row = work.session.execute(select(clients).where(clients.c.id == client["id"])).first()
        assert share_profile(work, row) is False
    consent(manager, client["id"], "profile_sharing")
    with runtime.work() as work:
        row = work.session.execute(select(clients).where(clients.c.id == client["id"])).first()
        assert share_profile(work, row) is True
        assert work.emitted[-1].payload["skills"] == [] and work.emitted[-1].type == "intake.profile.shared"


@pytest.mark.parametrize("body, field", [
    ({"hours_per_week": 0}, "hours_per_week"),
    ({"hours_per_week": "many"}, "hours_per_week"),
    ({"available_from": "2026-06-01", "available_until": "2026-05-01"}, "available_until"),
    ({"work_types": ["volunteering"]}, "work_types"),
    ({"municipalities": ["999"]}, "municipalities"),
    ({"municipalities": ["Pori"]}, "municipalities"),
    ({"service_areas": ["lappi"]}, "service_areas"),
    ({"languages": ["finnish"]}, "languages"),
    ({"driving_licence": "maybe"}, "driving_licence"),
])
def test_bad_availability_is_422_and_nothing_is_stored(manager, network, body, field):
    client = register(manager)
    consent(manager, client["id"], "profile_sharing")
    before = len(events_of(network, client["id"], "intake.profile.shared"))
    response = manager.put(profile(client["id"]), json=body)
    assert response.status_code == 422 and field in response.get_json()["error"]["fields"]
    assert rows(network, profiles, client_id=client["id"]) == 0
    assert len(events_of(network, client["id"], "intake.profile.shared")) == before


@pytest.mark.parametrize("body, field", [
    ({"skill_uri": "http://example.org/skill/x", "level": 3, "evidence": "self"}, "skill_uri"),
    ({"skill_uri": WELDING, "level": 6, "evidence": "self"}, "level"),
    ({"skill_uri": WELDING, "level": 3, "evidence": "rumour"}, "evidence"),
    ({"skill_uri": WELDING, "level": 3, "evidence": "course"}, "evidence_ref"),
    ({"level": 3, "evidence": "self"}, "skill_uri"),
])
def test_a_bad_skill_is_422_and_not_stored(manager, network, body, field):
    client = register(manager)
    response = manager.post(profile(client["id"], "/skills"), json=body)
    assert response.status_code == 422 and field in response.get_json()["error"]["fields"]
    assert rows(network, profile_skills, client_id=client["id"]) == 0


def test_the_same_skill_with_the_same_evidence_is_refused(manager, network):
    client = register(manager)
    add_skill(manager, client["id"], evidence="self", evidence_ref=None)
    response = manager.post(profile(client["id"], "/skills"), json={"skill_uri": WELDING, "level": 4,
                                                                     "evidence": "self"})
    assert response.status_code == 422 and "skill_uri" in response.get_json()["error"]["fields"]
    assert rows(network, profile_skills, client_id=client["id"]) == 1


def test_the_student_fills_in_their_own_profile(manager, network):
    client = register(manager)
    student = as_student(network, client["id"])
    assert student.put(profile(client["id"]), json={"work_types": ["thesis"]}).status_code == 200
    assert add_skill(student, client["id"], evidence="self", evidence_ref=None)["level"] == 3
    assert student.get(profile(client["id"])).get_json()["work_types"] == ["thesis"]


def test_only_the_organisation_and_the_client_reach_the_profile(manager, network):
    client = register(manager)
    skill = add_skill(manager, client["id"])
    for who, (other, status) in scoping_clients(network).items():
        assert other.get(profile(client["id"])).status_code == status, who
        assert other.put(profile(client["id"]), json=AVAILABILITY).status_code == status, who
        assert other.post(profile(client["id"], "/skills"), json={"skill_uri": PYTHON, "level": 1,
                                                                   "evidence": "self"}).status_code == status, who
        assert other.patch(profile(client["id"], f"/skills/{skill['id']}"), json={"level": 1}).status_code == status
        assert other.delete(profile(client["id"], f"/skills/{skill['id']}")).status_code == status, who
    assert rows(network, profiles, client_id=client["id"]) == 0
    assert manager.get(profile(client["id"])).get_json()["skills"][0]["level"] == 3
