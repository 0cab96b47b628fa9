"""The whole story in the embedded network, on SQLite and on PostgreSQL: a manager creates a multidisciplinary
environment with a partner recorded in intake, passes the gender-neutral review, opens and starts it, enrols two
students, they answer the survey, the partner assesses them, a part-time job is recorded; the events are checked."""
from __future__ import annotations

import json
import uuid

import pytest

from services.environments.domain.evaluation import CRITERIA_KEYS, SURVEY_KEYS
from tests.integration.environments.helpers import (
    API,
    HTML,
    PYTHON,
    create,
    enrol,
    events,
    move,
    network_on,
    pass_review,
)
from tests.support import network as net
from tests.support.intake_partners import record_partner


@pytest.fixture(params=["sqlite", "postgresql"])
def network(request, tmp_path_factory):
    postgres = request.getfixturevalue("postgres") if request.param == "postgresql" else None
    with network_on(tmp_path_factory, postgres) as built:
        yield built


def test_a_project_learning_environment_from_draft_to_evaluated(network):
    manager, samk, partner = (net.client_as(network, name) for name in ("manager1", "manager2", "partner1"))
    partner_id = record_partner(network, manager, name="Konepaja Virtanen Oy", kind="company",
                                organisation="konepaja-virtanen")["id"]
    assert network.settle()
    assert [p["id"] for p in manager.get(f"{API}/partners").get_json()] == [partner_id]

    environment = create(manager, [partner_id], name="Konepajan verkkokauppa")
    env_id = environment["id"]
    assert environment["multidisciplinary"]["value"] is True
    pass_review(manager, env_id)
    assert move(manager, env_id, "open").status_code == 200

    aino, eero = str(uuid.uuid4()), str(uuid.uuid4())
    first = enrol(manager, environment, 0, client_id=aino, team_name="Aino", gender="woman")
    second = enrol(samk, environment, 1, client_id=eero, team_name="Eero", organisation="samk")
    assert first.status_code == 201 and second.status_code == 201
    people = {aino: first.get_json(), eero: second.get_json()}
    assert move(manager, env_id, "running").status_code == 200
    assert move(manager, env_id, "completed").status_code == 200

    for client_id, organisation in ((aino, "sataedu"), (eero, "samk")):
        student = net.student_client(network, client_id, organisation=organisation)
        answered = student.post(f"{API}/participants/{people[client_id]['id']}/survey",
                                json={"answers": {k: 4 for k in SURVEY_KEYS}, "free_text": "Hyvä projekti."})
        assert answered.status_code == 201, answered.get_json()

    scores = {k: 5 for k in CRITERIA_KEYS}
    for client_id in (aino, eero):
        skills = [{"uri": PYTHON, "level": 4}] if client_id == aino else []
        given = partner.post(f"{API}/environments/{env_id}/assessments",
                             json={"participant_id": people[client_id]["id"], "scores": scores, "skills": skills})
        assert given.status_code == 201, given.get_json()
    assert partner.post(f"{API}/environments/{env_id}/assessments", json={"scores": scores}).status_code == 201
    job = partner.post(f"{API}/environments/{env_id}/outcomes", json={
        "kind": "part_time", "participant_id": people[aino]["id"], "started_on": "2026-06-01", "hidden_job": True})
    assert job.status_code == 201
    assert move(manager, env_id, "evaluated").status_code == 200
    left = {(r["kind"], r["participant_id"]) for r in manager.get(f"{API}/environments/{env_id}/reminders").get_json()}
    assert left == {(kind, people[c]["id"]) for kind in ("start_metrics", "end_metrics") for c in (aino, eero)}

    emitted = [e for e in events(network) if e["payload"].get("environment_id") == env_id
               and e["type"] != "environments.environment.reminders_changed"]  # (test_environments_reminders_...)
    assert [e["type"] for e in emitted] == [
        "environments.environment.created", "environments.environment.opened",
        "environments.participant.enrolled", "environments.participant.enrolled",
        "environments.environment.started",
        "environments.participant.completed", "environments.participant.completed",
        "environments.environment.completed",
        "environments.survey.answered", "environments.survey.answered",
        "environments.assessment.given", "environments.competence.demonstrated",
        "environments.assessment.given", "environments.assessment.given",
        "environments.outcome.recorded", "environments.environment.evaluated"]
    enrolled = [e["payload"] for e in emitted if e["type"] == "environments.participant.enrolled"]
    assert {(p["client_id"], p["organisation"]) for p in enrolled} == {(aino, "sataedu"), (eero, "samk")}
    [evidence] = [e["payload"] for e in emitted if e["type"] == "environments.competence.demonstrated"]
    assert evidence["client_id"] == aino and evidence["skills"] == [{"uri": PYTHON, "level": 4}]
    [outcome] = [e["payload"] for e in emitted if e["type"] == "environments.outcome.recorded"]
    assert (outcome["client_id"], outcome["organisation"], outcome["kind"], outcome["hidden_job"]) == (
        aino, "sataedu", "part_time", True)
    assert outcome["environment_name"] == "Konepajan verkkokauppa"
    text = json.dumps(emitted, ensure_ascii=False)
    for personal in ("Aino", "Eero", "woman", "Hyvä projekti"):
        assert personal not in text
    assert network.settle()

    page = manager.get(f"/environments/environments/{env_id}", headers=HTML).get_data(as_text=True)
    assert "Konepajan verkkokauppa" in page and "Konepaja Virtanen Oy" in page
    assert "Arvioitu" in page and "Monialainen: mukana on 2 eri koulutusalaa." in page
