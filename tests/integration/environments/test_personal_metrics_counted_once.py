"""A student's personal-metric answers are intake's alone and counted once, wherever the student is led to answer:
environments asks nothing itself and learns from intake only that the start or the end was answered (for its
reminders, and the desk that keeps them), never what. (Found by reading: environments kept a second questionnaire
whose answers never reached intake, and reminded of answers the student had given in intake.)"""
from __future__ import annotations

import uuid

from sqlalchemy import select

from services.intake.db import environment_reminders, metric_answers
from shared import clock
from tests.integration.environments.helpers import API, enrol, move, opened
from tests.integration.intake.personal_helpers import HTML, as_student, outbox, rows, token


def reminded(manager, environment_id: str) -> set:
    return {(r["kind"], r["participant_id"]) for r in
            manager.get(f"{API}/environments/{environment_id}/reminders").get_json()}


def on_desk(network, environment_id: str) -> list[str]:
    """What the host's desk (intake's copy of the environment's reminders) says the environment misses."""
    with network.runtimes["intake"].db.session() as session:
        return session.execute(select(environment_reminders.c.missing).where(
            environment_reminders.c.environment_id == environment_id)).scalar_one()


def answer(student, phase: str, value: str) -> None:
    page = student.get("/intake/me/metrics", headers=HTML).text
    saved = student.post("/intake/me/metrics", data={"csrf_token": token(page), "phase": phase,
                                                      "answers_know_wanted_work": value}, headers=HTML)
    assert saved.status_code == 303


def test_answers_given_in_intake_count_for_the_environment_and_travel_as_a_bare_fact(network, manager):
    created = manager.post("/intake/api/v1/clients", json={
        "first_name": "Mitta", "last_name": "Vastaaja", "birth_date": "2004-02-02", "home_municipality": "214",
        "consents": {"service": True}})
    assert created.status_code == 201, created.get_json()
    client_id = created.get_json()["id"]
    environment = opened(manager, network, name="Mittapaja")
    env_id = environment["id"]
    person = enrol(manager, environment, 0, client_id=client_id).get_json()
    assert move(manager, env_id, "running").status_code == 200
    network.settle()  # intake learns of the enrolment and of what the environment misses
    assert ("start_metrics", person["id"]) in reminded(manager, env_id)
    assert on_desk(network, env_id) == ["start_metrics"]
    student = as_student(network, client_id)
    gone = student.put(f"{API}/participants/{person['id']}/metrics/start", json={"answers": {"job_search": 4}})
    assert gone.status_code in (404, 405), "no second questionnaire in environments"

    answer(student, "start", "2")
    with network.runtimes["intake"].db.session() as session:
        [stored] = session.execute(select(metric_answers).where(metric_answers.c.client_id == client_id)).all()
    assert (stored.scale_key, stored.value, stored.context) == ("know_wanted_work", 2, env_id)
    [told] = [e for e in outbox(network, client_id) if e["type"] == "intake.metric.phase_answered"]
    assert set(told["payload"]) == {"client_id", "environment_id", "phase", "answered_at"}, "no scales, no values"
    assert (told["payload"]["environment_id"], told["payload"]["phase"]) == (env_id, "start")
    network.settle()
    assert ("start_metrics", person["id"]) not in reminded(manager, env_id)
    assert on_desk(network, env_id) == [], "the desk no longer reminds of answers given in intake"
    today = clock.today()
    shown = student.get(f"/environments/participants/{person['id']}", headers=HTML).text
    assert f"Vastattu alussa {today.day}.{today.month}.{today.year}." in shown
    assert "Lopun vastaukset puuttuvat vielä." in shown

    assert move(manager, env_id, "completed").status_code == 200
    network.settle()
    assert ("end_metrics", person["id"]) in reminded(manager, env_id)
    answer(student, "end", "4")  # the environment completed: the end of the participation
    network.settle()
    assert ("end_metrics", person["id"]) not in reminded(manager, env_id)
    assert "end_metrics" not in on_desk(network, env_id)
    assert rows(network, metric_answers, client_id=client_id) == 2, "each answer stored once, in intake"


def test_an_answer_about_an_environment_the_client_is_not_in_tells_environments_nothing(network, manager):
    created = manager.post("/intake/api/v1/clients", json={
        "first_name": "Muu", "last_name": "Vastaaja", "birth_date": "2004-03-03", "home_municipality": "214",
        "consents": {"service": True}})
    client_id = created.get_json()["id"]
    recorded = manager.post(f"/intake/api/v1/clients/{client_id}/metrics", json={
        "phase": "start", "answers": {"know_wanted_work": 3}, "context": str(uuid.uuid4())})
    assert recorded.status_code == 201, recorded.get_json()
    answer(as_student(network, client_id), "start", "3")  # in no environment: a plain answer of their own path
    assert rows(network, metric_answers, client_id=client_id) == 2
    assert not [e for e in outbox(network, client_id) if e["type"] == "intake.metric.phase_answered"]
