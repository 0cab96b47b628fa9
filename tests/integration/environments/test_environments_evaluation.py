"""Evaluation: one survey per participant by the student, one assessment per participant and partner, one
overall per partner; reminders of what is missing; competence evidence and outcomes."""
from __future__ import annotations

import re
import uuid

import pytest

from services.environments.domain.evaluation import CRITERIA_KEYS, SURVEY_KEYS
from tests.integration.environments.helpers import (
    API,
    MUSIC,
    PYTHON,
    answered,
    enrol,
    events,
    move,
    opened,
    register_partner,
)
from tests.support import network as net

SURVEY = {key: 4 for key in SURVEY_KEYS}
SCORES = {key: 5 for key in CRITERIA_KEYS}


@pytest.fixture(scope="module")
def done(network, manager):
    """A completed environment of partner1's company with two participants."""
    partner_id = register_partner(network, "Konepaja Virtanen Oy", organisation="konepaja-virtanen")
    environment = opened(manager, network, partner_ids=[partner_id])
    students = [str(uuid.uuid4()), str(uuid.uuid4())]
    people = [enrol(manager, environment, i, client_id=s).get_json() for i, s in enumerate(students)]
    assert move(manager, environment["id"], "running").status_code == 200
    return {"environment": environment, "students": students, "people": people, "partner_id": partner_id}


def reminders(manager, environment_id):
    return {(r["kind"], r["participant_id"]) for r in manager.get(f"{API}/environments/{environment_id}/reminders")
            .get_json()}


def test_the_survey_waits_for_the_end_and_is_answered_once_by_the_student(network, manager, done):
    person = done["people"][0]
    student = net.student_client(network, done["students"][0])
    early = student.post(f"{API}/participants/{person['id']}/survey", json={"answers": SURVEY})
    assert early.status_code == 409 and "completed" in early.get_json()["error"]["message"]
    before_start = manager.post(f"{API}/participants/{person['id']}/completion", json={"ended_on": "2026-01-01"})
    assert before_start.status_code == 422 and "ended_on" in before_start.get_json()["error"]["fields"]
    completed = manager.post(f"{API}/participants/{person['id']}/completion", json={"ended_on": "2026-05-15"})
    assert completed.status_code == 200 and completed.get_json()["status"] == "completed"
    assert completed.get_json()["ended_on"] == "2026-05-15"
    assert ("survey", person["id"]) in reminders(manager, done["environment"]["id"])

    partial = student.post(f"{API}/participants/{person['id']}/survey", json={"answers": {"learning": 9}})
    assert partial.status_code == 422
    assert set(partial.get_json()["error"]["fields"]["answers"]) == set(SURVEY_KEYS)
    answered = student.post(f"{API}/participants/{person['id']}/survey",
                            json={"answers": SURVEY, "free_text": "Opin paljon."})
    assert answered.status_code == 201 and answered.get_json()["answers"] == SURVEY
    again = student.post(f"{API}/participants/{person['id']}/survey", json={"answers": SURVEY})
    assert again.status_code == 409
    [event] = [e for e in events(network, "environments.survey.answered")
               if e["payload"]["participant_id"] == person["id"]]
    assert event["payload"] == {"participant_id": person["id"], "environment_id": done["environment"]["id"],
                                "organisation": "sataedu", "answers": SURVEY}
    assert ("survey", person["id"]) not in reminders(manager, done["environment"]["id"])
    manager_answers = manager.post(f"{API}/participants/{person['id']}/survey", json={"answers": SURVEY})
    assert manager_answers.status_code == 403


def test_one_assessment_per_participant_and_one_overall_per_partner(network, manager, partner, done):
    env_id, person = done["environment"]["id"], done["people"][1]
    url = f"{API}/environments/{env_id}/assessments"
    foreign_skill = partner.post(url, json={"participant_id": person["id"], "scores": SCORES,
                                            "skills": [{"uri": PYTHON, "level": 4}]})
    assert foreign_skill.status_code == 422 and "skills" in foreign_skill.get_json()["error"]["fields"]
    missing = partner.post(url, json={"participant_id": person["id"], "scores": {"initiative": 3}})
    assert missing.status_code == 422 and "teamwork" in missing.get_json()["error"]["fields"]["scores"]
    given = partner.post(url, json={"participant_id": person["id"], "scores": SCORES,
                                    "skills": [{"uri": MUSIC, "level": 4}], "free_text": "Hyvä asenne."})
    assert given.status_code == 201 and given.get_json()["participant_id"] == person["id"]
    assert partner.post(url, json={"participant_id": person["id"], "scores": SCORES}).status_code == 409
    overall = partner.post(url, json={"scores": SCORES, "free_text": "Tiimi toimi."})
    assert overall.status_code == 201 and overall.get_json()["participant_id"] is None
    assert partner.post(url, json={"scores": SCORES}).status_code == 409
    team_skills = partner.post(url, json={"scores": SCORES, "skills": [{"uri": MUSIC, "level": 1}]})
    assert team_skills.status_code == 422 and "skills" in team_skills.get_json()["error"]["fields"]
    types = [e["payload"]["participant_id"] for e in events(network, "environments.assessment.given")
             if e["payload"]["environment_id"] == env_id]
    assert types == [person["id"], None]
    assert manager.post(url, json={"scores": SCORES}).status_code == 403


def test_completion_sends_the_skills_the_partner_confirmed(network, manager, done):
    env_id, person, student = done["environment"]["id"], done["people"][1], done["students"][1]
    assert move(manager, env_id, "completed").status_code == 200
    [evidence] = [e for e in events(network, "environments.competence.demonstrated")
                  if e["payload"]["client_id"] == student]
    assert evidence["payload"] == {"client_id": student, "organisation": "sataedu", "environment_id": env_id,
                                   "environment_name": done["environment"]["name"],
                                   "skills": [{"uri": MUSIC, "level": 4}]}
    seen = net.student_client(network, student).get(f"{API}/participants/{person['id']}").get_json()
    assert seen["status"] == "completed" and seen["demonstrated_skills"] == [{"uri": MUSIC, "level": 4}]


def test_reminders_name_what_is_missing_after_completion(manager, done):
    env_id = done["environment"]["id"]
    found = reminders(manager, env_id)
    first, second = done["people"][0]["id"], done["people"][1]["id"]
    assert ("assessment", first) in found and ("survey", second) in found
    assert ("overall_assessment", None) not in found and ("assessment", second) not in found
    assert ("start_metrics", first) in found
    everything = {r["environment_id"] for r in manager.get(f"{API}/reminders").get_json()}
    assert env_id in everything


def test_environments_learns_from_intake_only_that_a_phase_was_answered(network, manager, done):
    env_id, (person, other) = done["environment"]["id"], done["people"]
    student = net.student_client(network, done["students"][0])
    url = f"{API}/participants/{person['id']}"
    gone = student.put(f"{url}/metrics/start", json={"answers": {"job_search": 2}})
    assert gone.status_code in (404, 405), "the answers are intake's alone: no questionnaire here"
    assert student.get(url).get_json()["metrics"] == {"start": None, "end": None}
    assert {("start_metrics", person["id"]), ("start_metrics", other["id"])} <= reminders(manager, env_id)

    answered(network, done["students"][0], env_id, "start", at="2026-03-02T09:30:00+00:00")
    answered(network, done["students"][0], env_id, "start", at="2026-03-09T09:30:00+00:00")  # the first one counts
    answered(network, done["students"][1], env_id, "start", organisation="samk")  # another member's client: no
    shown = student.get(url).get_json()["metrics"]
    assert shown["start"].startswith("2026-03-02T09:30:00") and shown["end"] is None
    found = reminders(manager, env_id)
    assert ("start_metrics", person["id"]) not in found and ("start_metrics", other["id"]) in found
    goals = student.put(f"{API}/participants/{person['id']}/goals", json={"learning_goals": "Opin myymään."})
    assert goals.status_code == 200 and goals.get_json()["learning_goals"] == "Opin myymään."


def test_outcomes_are_recorded_by_the_partner_and_announced(network, manager, partner, done):
    env_id, person, student = done["environment"]["id"], done["people"][1], done["students"][1]
    url = f"{API}/environments/{env_id}/outcomes"
    before = len(partner.get(url).get_json())
    for kind, hidden in (("part_time", False), ("short", False), ("fixed_term", True), ("traineeship", False)):
        needs_person = partner.post(url, json={"kind": kind, "hidden_job": hidden, "started_on": "2026-06-01"})
        assert needs_person.status_code == 422 and set(needs_person.get_json()["error"]["fields"]) == {
            "participant_id"}, kind
    assert len(partner.get(url).get_json()) == before  # nothing stored
    job = partner.post(url, json={"kind": "part_time", "participant_id": person["id"], "hidden_job": True,
                                  "started_on": "2026-06-01", "description": "Kesätyö verkkokaupassa"})
    assert job.status_code == 201 and job.get_json()["hidden_job"] is True and job.get_json()["cooperation"] is False
    project = manager.post(url, json={"kind": "project", "partner_id": done["partner_id"], "started_on": "2026-08-01"})
    assert project.status_code == 201 and project.get_json()["cooperation"] is True
    payloads = [e["payload"] for e in events(network, "environments.outcome.recorded")
                if e["payload"]["environment_id"] == env_id]
    assert payloads[0] == {"outcome_id": job.get_json()["id"], "environment_id": env_id,
                           "environment_name": done["environment"]["name"], "partner_id": done["partner_id"],
                           "kind": "part_time", "cooperation": False, "hidden_job": True, "started_on": "2026-06-01",
                           "ended_on": None, "participant_id": person["id"], "client_id": student,
                           "organisation": "sataedu"}
    assert payloads[1]["client_id"] is None and payloads[1]["organisation"] is None
    assert "Kesätyö" not in str(payloads)


def test_the_badge_is_hosted_without_personal_data(network, done):
    person, student = done["people"][1], net.student_client(network, done["students"][1])
    bad = student.post(f"{API}/participants/{person['id']}/badge", json={"identity": "not an email"})
    assert bad.status_code == 422 and "identity" in bad.get_json()["error"]["fields"]
    issued = student.post(f"{API}/participants/{person['id']}/badge", json={"identity": "Sanni@Example.fi"})
    assert issued.status_code == 201
    assert student.post(f"{API}/participants/{person['id']}/badge",
                        json={"identity": "sanni@example.fi"}).status_code == 409
    from werkzeug.test import Client

    anonymous = Client(network.wsgi)
    assertion = anonymous.get(issued.get_json()["url"].replace("http://localhost", ""))
    assert assertion.status_code == 200 and assertion.mimetype == "application/ld+json"
    document = assertion.get_json()
    assert document["type"] == "Assertion" and document["verification"] == {"type": "hosted"}
    assert document["recipient"]["hashed"] is True and "sanni" not in assertion.get_data(as_text=True).lower()
    import hashlib

    salt = document["recipient"]["salt"]
    assert document["recipient"]["identity"] == "sha256$" + hashlib.sha256(
        ("sanni@example.fi" + salt).encode()).hexdigest()
    badge_class = anonymous.get(document["badge"].replace("http://localhost", "")).get_json()
    assert badge_class["type"] == "BadgeClass" and badge_class["image"].endswith("badge.svg")
    # The role asked for Python and music; partners confirmed only music for this holder (the test above).
    assert [a["targetUrl"] for a in badge_class["alignment"]] == [MUSIC]
    issuer = anonymous.get(badge_class["issuer"].replace("http://localhost", "")).get_json()
    assert issuer["type"] == "Issuer"
    assert anonymous.get(f"/environments/badges/{uuid.uuid4()}").status_code == 404

    # The employer the student shows the address to reads a page; a backpack asking for JSON still gets JSON.
    path = issued.get_json()["url"].replace("http://localhost", "")
    shown = anonymous.get(path, headers={"Accept": "text/html,application/xhtml+xml,*/*;q=0.8",
                                         "Accept-Language": "fi"})
    assert shown.status_code == 200 and shown.mimetype == "text/html"
    html = shown.get_data(as_text=True)
    assert f"Projektioppimisympäristö: {done['environment']['name']}" in html
    assert re.search(r"Tämä Open Badge -osaamismerkki on voimassa\. Sen myönsi .+ \d{1,2}\.\d{1,2}\.\d{4}\.", html)
    assert "Kumppanien vahvistamat taidot" in html and "sha256" not in html and "sanni" not in html.lower()
    assert "yhdessä kumppanin Konepaja Virtanen Oy kanssa ja suoritti sen." in html  # one partner: singular
    backpack = anonymous.get(path, headers={"Accept": "application/json"})
    assert backpack.mimetype == "application/ld+json"
    assert "Accept" in shown.vary and "Accept" in backpack.vary, "a cache keeps the page and the document apart"


def test_evaluated_once_every_partner_gave_its_overall_assessment(network, manager, done):
    response = move(manager, done["environment"]["id"], "evaluated")
    assert response.status_code == 200 and response.get_json()["status"] == "evaluated"
