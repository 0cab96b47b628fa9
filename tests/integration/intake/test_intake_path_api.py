"""Personal paths over the API: goals, steps, their history, the student's own view and learning gaps."""
from __future__ import annotations

import pytest

from services.intake.db import path_goals, path_step_history, path_steps
from shared.reference import esco
from tests.integration.intake.personal_helpers import as_student, register, rows, scoping_clients

pytestmark = pytest.mark.integration

WELDER = "http://data.europa.eu/esco/occupation/7aedaa07-3884-4c5b-88f9-80997b2aa54b"  # welder
WELDING = "http://data.europa.eu/esco/skill/530cb489-d900-46ab-9350-4d50ccd49eea"  # welding techniques


def api(client_id: str, tail: str = "") -> str:
    return f"/intake/api/v1/clients/{client_id}/path{tail}"


def goal(manager, client_id, **body) -> dict:
    response = manager.post(api(client_id, "/goals"), json={"kind": "work", "title": "Hitsari", **body})
    assert response.status_code == 201, response.get_json()
    return response.get_json()


def step(manager, client_id, **body) -> dict:
    response = manager.post(api(client_id, "/steps"), json={"kind": "visit_company", "title": "Käynti konepajalla",
                                                            "owner": "client", **body})
    assert response.status_code == 201, response.get_json()
    return response.get_json()


def test_a_path_of_goals_and_steps(manager):
    client = register(manager)
    work = goal(manager, client["id"], target_code=WELDER, due_date="2026-12-31")
    study = goal(manager, client["id"], kind="education", title="Kone- ja tuotantotekniikan perustutkinto",
                 target_code="071")
    first = step(manager, client["id"], goal_id=work["id"], due_date="2026-03-01")
    second = step(manager, client["id"], kind="apply_education", title="Yhteishaku", owner="manager",
                  goal_id=study["id"])
    path = manager.get(api(client["id"])).get_json()
    assert path["client_id"] == client["id"]
    assert {g["id"] for g in path["goals"]} == {work["id"], study["id"]}
    assert [s["id"] for s in path["steps"]] == [first["id"], second["id"]]
    assert path["steps"][0] | {"id": None} == {"id": None, "goal_id": work["id"], "kind": "visit_company",
                                               "title": "Käynti konepajalla", "owner": "client",
                                               "due_date": "2026-03-01", "status": "planned", "source": None,
                                               "skill_uri": None, "starts_at": None, "ends_at": None,
                                               "place": None, "video_link": None, "participants": None}
    reached = manager.patch(api(client["id"], f"/goals/{work['id']}"), json={"status": "reached"})
    assert reached.status_code == 200 and reached.get_json()["status"] == "reached"


def test_every_change_of_a_step_is_in_its_history(manager, network):
    client = register(manager)
    planned = step(manager, client["id"], due_date="2026-04-01")
    manager.patch(api(client["id"], f"/steps/{planned['id']}"), json={"status": "in_progress"})
    manager.patch(api(client["id"], f"/steps/{planned['id']}"), json={"due_date": "2026-04-15",
                                                                     "status": "in_progress"})
    manager.patch(api(client["id"], f"/steps/{planned['id']}"), json={"status": "in_progress"})  # no change
    history = manager.get(api(client["id"], f"/steps/{planned['id']}/history")).get_json()
    assert [h["change"] for h in history] == [
        {"kind": [None, "visit_company"], "title": [None, "Käynti konepajalla"], "owner": [None, "client"],
         "due_date": [None, "2026-04-01"], "status": [None, "planned"]},
        {"status": ["planned", "in_progress"]},
        {"due_date": ["2026-04-01", "2026-04-15"]},
    ]
    user_id = network.identity.get("manager1").id
    assert {(h["actor"], h["actor_role"]) for h in history} == {(user_id, "manager")}
    assert rows(network, path_step_history, step_id=planned["id"]) == 3


def test_the_student_sees_their_path_and_marks_their_own_step_done(manager, network):
    client = register(manager)
    own = step(manager, client["id"])
    managers = step(manager, client["id"], owner="manager", title="Soita työnantajalle")
    student = as_student(network, client["id"])
    assert [s["id"] for s in student.get(api(client["id"])).get_json()["steps"]] == [own["id"], managers["id"]]

    done = student.patch(api(client["id"], f"/steps/{own['id']}"), json={"status": "done"})
    assert done.status_code == 200 and done.get_json()["status"] == "done"
    history = student.get(api(client["id"], f"/steps/{own['id']}/history")).get_json()
    assert history[-1]["change"] == {"status": ["planned", "done"]} and history[-1]["actor_role"] == "student"

    for step_id, body in ((managers["id"], {"status": "done"}), (own["id"], {"status": "planned"}),
                          (own["id"], {"title": "Muu"})):
        assert student.patch(api(client["id"], f"/steps/{step_id}"), json=body).status_code == 403
    assert student.post(api(client["id"], "/steps"), json={"kind": "course", "title": "x",
                                                           "owner": "client"}).status_code == 403
    assert student.post(api(client["id"], "/goals"), json={"kind": "work", "title": "x"}).status_code == 403
    assert rows(network, path_steps, client_id=client["id"]) == 2
    assert manager.get(api(client["id"])).get_json()["steps"][1]["status"] == "planned"


def test_a_learning_gap_becomes_a_step_in_one_action(manager):
    client = register(manager)
    target = goal(manager, client["id"])
    response = manager.post(api(client["id"], "/learning-gaps"), json={"skill_uri": WELDING, "goal_id": target["id"],
                                                                       "lang": "sv"})
    assert response.status_code == 201
    gap = response.get_json()
    assert (gap["source"], gap["skill_uri"], gap["kind"], gap["owner"], gap["goal_id"]) == (
        "learning_gap", WELDING, "course", "client", target["id"])
    taxonomy = esco.load_taxonomy()
    assert gap["title"] == taxonomy.label(taxonomy.index[WELDING], "sv") == "svetstekniker"
    again = manager.post(api(client["id"], "/learning-gaps"), json={"skill_uri": WELDING})
    assert again.status_code == 200 and again.get_json()["id"] == gap["id"]  # an open gap is not planned twice
    assert len(manager.get(api(client["id"])).get_json()["steps"]) == 1


@pytest.mark.parametrize("tail, body, field", [
    ("/goals", {"kind": "dream", "title": "x"}, "kind"),
    ("/goals", {"kind": "work", "title": "   "}, "title"),
    ("/goals", {"kind": "work"}, "title"),
    ("/goals", {"kind": "work", "title": "x", "target_code": "071"}, "target_code"),
    ("/goals", {"kind": "education", "title": "x", "target_code": "9999"}, "target_code"),
    ("/goals", {"kind": "work", "title": "x", "due_date": "31.12.2026"}, "due_date"),
    ("/steps", {"kind": "party", "title": "x", "owner": "client"}, "kind"),
    ("/steps", {"kind": "course", "title": "x", "owner": "mum"}, "owner"),
    ("/steps", {"kind": "course", "title": "x", "owner": "client", "status": "maybe"}, "status"),
    ("/steps", {"kind": "course", "title": "x", "owner": "client",
                "goal_id": "00000000-0000-4000-8000-000000000000"}, "goal_id"),
    ("/steps", {"kind": "course", "title": "x", "owner": "client", "goal_id": "not-a-uuid"}, "goal_id"),
    ("/learning-gaps", {"skill_uri": "http://example.org/skill"}, "skill_uri"),
    ("/learning-gaps", {}, "skill_uri"),
])
def test_bad_input_is_422_naming_the_field_and_nothing_is_stored(manager, network, tail, body, field):
    client = register(manager)
    response = manager.post(api(client["id"], tail), json=body)
    assert response.status_code == 422, response.get_json()
    assert field in response.get_json()["error"]["fields"]
    assert rows(network, path_goals, client_id=client["id"]) == rows(network, path_steps, client_id=client["id"]) == 0


def test_a_bad_change_is_422_and_changes_nothing(manager, network):
    client = register(manager)
    planned = step(manager, client["id"])
    for body, field in (({"status": "finished"}, "status"), ({"owner": "nobody"}, "owner"),
                        ({"goal_id": "00000000-0000-4000-8000-000000000000"}, "goal_id")):
        response = manager.patch(api(client["id"], f"/steps/{planned['id']}"), json=body)
        assert response.status_code == 422 and field in response.get_json()["error"]["fields"]
    assert rows(network, path_step_history, step_id=planned["id"]) == 1
    target = goal(manager, client["id"])
    response = manager.patch(api(client["id"], f"/goals/{target['id']}"), json={"target_code": "071"})
    assert response.status_code == 422 and "target_code" in response.get_json()["error"]["fields"]


def test_only_the_clients_organisation_and_the_client_reach_the_path(manager, network):
    client = register(manager)
    target = goal(manager, client["id"])
    planned = step(manager, client["id"], goal_id=target["id"])
    for who, (other, status) in scoping_clients(network).items():
        assert other.get(api(client["id"])).status_code == status, who
        assert other.patch(api(client["id"], f"/steps/{planned['id']}"), json={"status": "done"}).status_code \
            == status, who
        assert other.get(api(client["id"], f"/steps/{planned['id']}/history")).status_code == status, who
    for who, (other, status) in scoping_clients(network, students_allowed=False).items():
        assert other.post(api(client["id"], "/goals"), json={"kind": "work", "title": "x"}).status_code == status
        assert other.post(api(client["id"], "/steps"), json={"kind": "course", "title": "x",
                                                             "owner": "client"}).status_code == status, who
        assert other.patch(api(client["id"], f"/goals/{target['id']}"), json={"status": "dropped"}).status_code \
            == status, who
        assert other.post(api(client["id"], "/learning-gaps"), json={"skill_uri": WELDING}).status_code == status
    assert manager.get(api(client["id"])).get_json()["steps"][0]["status"] == "planned"
    assert rows(network, path_goals, client_id=client["id"]) == 1
