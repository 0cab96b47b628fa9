"""Who may see and do what: partners only their own environments, students only their own survey,
managers of other organisations read and enrol their own clients, the coordinator reads, the admin nothing."""
from __future__ import annotations

import uuid

import pytest

from tests.integration.environments.helpers import (
    API,
    HTML,
    body,
    create,
    enrol,
    feed,
    known_client,
    move,
    opened,
    pass_review,
    register_partner,
)
from tests.support import network as net
from tests.support.erasure import erase, via


@pytest.fixture(scope="module")
def world(network, manager):
    """Two environments of sataedu: one with partner1's company, one with partner2's association."""
    own = register_partner(network, "Konepaja Virtanen Oy", organisation="konepaja-virtanen")
    other = register_partner(network, "Kankaanpään Nuorisoseura ry", organisation="nuorisoseura", kind="association")
    with_own = opened(manager, network, partner_ids=[own])
    with_other = opened(manager, network, partner_ids=[other])
    student = str(uuid.uuid4())
    person = enrol(manager, with_own, 0, client_id=student, team_name="Aino", gender="woman").get_json()
    someone = enrol(manager, with_own, 1, team_name="Eero").get_json()
    assert move(manager, with_own["id"], "running").status_code == 200
    return {"own": with_own, "other": with_other, "student": student, "person": person, "someone": someone,
            "partner_id": own}


def test_a_partner_sees_only_its_own_environments(network, partner, world):
    listed = {e["id"] for e in partner.get(f"{API}/environments").get_json()}
    assert world["own"]["id"] in listed and world["other"]["id"] not in listed
    assert partner.get(f"{API}/environments/{world['other']['id']}").status_code == 404
    assert partner.get(f"{API}/environments/{world['other']['id']}/participants").status_code == 404
    seen = partner.get(f"{API}/environments/{world['own']['id']}").get_json()
    assert seen["access"]["assess"] is True and seen["access"]["edit"] is False
    assert {p["team_name"] for p in seen["team"]} == {"Aino", "Eero"}
    assert all("client_id" not in p or p["client_id"] is None for p in seen["team"])
    page = partner.get(f"/environments/environments/{world['other']['id']}", headers=HTML)
    assert page.status_code == 404
    mine = partner.get("/environments/my/assessments", headers=HTML).get_data(as_text=True)
    assert world["own"]["name"] in mine


def test_a_partner_cannot_assess_or_record_for_an_environment_it_is_not_in(network, world):
    partner2 = net.client_as(network, "partner2")
    scores = {"competence_matched_needs": 4, "working_life_skills": 4, "initiative": 4, "teamwork": 4,
              "would_recruit": 4}
    assert partner2.post(f"{API}/environments/{world['own']['id']}/assessments",
                         json={"scores": scores}).status_code == 404
    assert partner2.post(f"{API}/environments/{world['own']['id']}/outcomes",
                         json={"kind": "project", "started_on": "2026-05-01"}).status_code == 404


def test_partners_do_not_create_or_edit(partner, world):
    assert partner.post(f"{API}/environments", json=body()).status_code == 403
    assert partner.post(f"{API}/environments/{world['own']['id']}/transitions", json={"to": "completed"}).status_code \
        == 403
    assert partner.put(f"{API}/environments/{world['own']['id']}/review", json={"items": []}).status_code == 403


def test_a_manager_of_another_organisation_reads_but_does_not_edit(network, other_manager, world):
    env_id = world["own"]["id"]
    seen = other_manager.get(f"{API}/environments/{env_id}")
    assert seen.status_code == 200 and seen.get_json()["access"]["edit"] is False
    assert all(p["level"] == "summary" and "team_name" not in p for p in seen.get_json()["team"])
    edit = {k: v for k, v in body().items() if k != "roles"}
    assert other_manager.put(f"{API}/environments/{env_id}", json=edit).status_code == 403
    assert other_manager.post(f"{API}/environments/{env_id}/transitions", json={"to": "completed"}).status_code == 403
    assert other_manager.post(f"{API}/environments/{env_id}/roles", json={"title": "X", "seats": 1}).status_code == 403
    assert other_manager.put(f"{API}/environments/{env_id}/review", json={
        "items": [{"item": "mixed_teams", "checked": False}]}).status_code == 403
    withdraw = other_manager.post(f"{API}/participants/{world['someone']['id']}/withdrawal", json={"reason": "x"})
    assert withdraw.status_code == 403


def test_a_manager_of_another_organisation_enrols_their_own_clients(network, other_manager, world):
    response = enrol(other_manager, world["own"], 1, team_name="Sanni", organisation="samk")
    assert response.status_code == 201
    person = response.get_json()
    assert person["client_organisation"] == "samk" and person["level"] == "full" and person["client_id"]
    withdrawn = other_manager.post(f"{API}/participants/{person['id']}/withdrawal", json={"reason": "Muutti pois"})
    assert withdrawn.status_code == 200 and withdrawn.get_json()["status"] == "withdrawn"


def team_of(network, environment_id: str) -> list:
    from sqlalchemy import select

    from services.environments.db import participants
    from tests.integration.environments.helpers import runtime

    with runtime(network).db.session() as session:
        return session.execute(select(participants.c.client_id, participants.c.client_organisation).where(
            participants.c.environment_id == environment_id)).all()


def test_a_manager_enrols_no_client_of_another_organisation_nor_an_unknown_id(network, manager, other_manager):
    """A client id is a pseudonym: a manager may not enrol another organisation's student under their own
    organisation, nor an id their organisation's intake never registered."""
    environment = opened(manager, network)
    before = team_of(network, environment["id"])
    samks = known_client(network, "samk")
    for client_id in (samks, str(uuid.uuid4())):
        refused = enrol(manager, environment, 0, client_id=client_id, known=False)
        assert refused.status_code == 422 and "client_id" in refused.get_json()["error"]["fields"]
    erased = known_client(network, "sataedu")
    feed(network, "intake.client.erased", {"client_id": erased}, organisation="sataedu")
    assert enrol(manager, environment, 0, client_id=erased, known=False).status_code == 422
    assert team_of(network, environment["id"]) == before == []
    # Their own manager enrols them, as their own organisation's client.
    assert enrol(other_manager, environment, 0, client_id=samks, known=False).status_code == 201
    assert team_of(network, environment["id"]) == [(samks, "samk")]


def test_clients_registered_before_environments_listened_are_announced_again(network, manager):
    """After an upgrade environments knows only the clients already enrolled; `kampus intake announce-clients`
    announces the others, and an erased client stays unknown."""
    from sqlalchemy import delete

    from services.environments.db import known_clients
    from services.intake.handlers.registration import announce_clients
    from tests.integration.environments.helpers import runtime

    def register(first: str) -> str:
        created = manager.post("/intake/api/v1/clients", json={
            "first_name": first, "last_name": "Ilmoitettava", "birth_date": "2004-02-02", "home_municipality": "214",
            "consents": {"service": True}})
        assert created.status_code == 201, created.get_json()
        return created.get_json()["id"]

    kept, erased = register("Kaisu"), register("Pertti")
    assert erase(via(manager), erased).status_code == 200
    assert network.settle()
    with runtime(network).db.transaction() as session:  # as if registered before the read model existed
        session.execute(delete(known_clients))
    environment = opened(manager, network)
    assert enrol(manager, environment, 0, client_id=kept, known=False).status_code == 422
    assert announce_clients(network.runtimes["intake"], batch=2) >= 1
    assert network.settle()
    assert enrol(manager, environment, 0, client_id=kept, known=False).status_code == 201
    assert enrol(manager, environment, 1, client_id=erased, known=False).status_code == 422


def test_a_student_sees_only_their_own_participation_and_survey(network, world):
    student = net.student_client(network, world["student"])
    stranger = net.student_client(network, str(uuid.uuid4()))
    other_org = net.student_client(network, world["student"], organisation="samk")
    mine = student.get(f"{API}/participants/mine").get_json()
    assert [p["id"] for p in mine] == [world["person"]["id"]] and mine[0]["level"] == "full"
    team = student.get(f"{API}/environments/{world['own']['id']}/participants").get_json()
    assert [p["id"] for p in team] == [world["person"]["id"]]
    seen = student.get(f"{API}/environments/{world['own']['id']}").get_json()
    assert [p["id"] for p in seen["team"]] == [world["person"]["id"]] and seen["access"]["edit"] is False
    assert student.get(f"{API}/participants/{world['someone']['id']}").status_code == 404
    assert student.get(f"{API}/environments/{world['other']['id']}").status_code == 404
    for outsider in (stranger, other_org):
        assert outsider.get(f"{API}/participants/{world['person']['id']}").status_code == 404
        assert outsider.post(f"{API}/participants/{world['person']['id']}/survey",
                             json={"answers": {}}).status_code == 404
        assert outsider.get(f"{API}/environments/{world['own']['id']}").status_code == 404
    assert student.post(f"{API}/environments", json=body()).status_code == 403
    assert world["own"]["name"] in student.get("/environments/my/surveys", headers=HTML).get_data(as_text=True)
    assert stranger.get(f"/environments/my/surveys/{world['person']['id']}", headers=HTML).status_code == 404


def test_the_coordinator_reads_everything_without_names(network, world):
    coordinator = net.client_as(network, "coordinator")
    seen = coordinator.get(f"{API}/environments/{world['own']['id']}").get_json()
    assert seen["access"] == {"edit": False, "enrol": False, "assess": False, "student": False, "partner_ids": []}
    assert all("team_name" not in p for p in seen["team"])
    assert coordinator.post(f"{API}/environments", json=body()).status_code == 403


def test_the_admin_has_nothing_special_here(network, world):
    admin = net.client_as(network, "admin")
    assert admin.get(f"{API}/environments").status_code == 403
    assert admin.get(f"{API}/environments/{world['own']['id']}").status_code == 403


def test_a_draft_of_another_organisation_is_read_only_for_its_review(network, manager, other_manager):
    draft = create(manager)
    review = other_manager.get(f"{API}/environments/{draft['id']}/review")
    assert review.status_code == 200 and review.get_json()["complete"] is False
    pass_review(manager, draft["id"])
    assert other_manager.post(f"{API}/environments/{draft['id']}/transitions", json={"to": "open"}).status_code == 403
