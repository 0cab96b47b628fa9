"""The partners' assessments of people stay with the host, the assessing partner and the student themself; the
coordinator gets them only in aggregate: counts, and averages per criterion over at least five assessments."""
from __future__ import annotations

import uuid

import pytest

from services.environments.domain.evaluation import CRITERIA_KEYS
from tests.integration.environments.helpers import API, HTML, enrol, move, opened, register_partner
from tests.support import network as net

FREE_TEXT = "Tarkka ja oma-aloitteinen hitsaaja."


def scores(first: int) -> dict:
    """competence_matched_needs = first, the other criteria 4."""
    return {key: (first if key == "competence_matched_needs" else 4) for key in CRITERIA_KEYS}


@pytest.fixture(scope="module")
def assessed(network, manager, other_manager, partner):
    """A running environment of sataedu with partner1's company: four sataedu students and one of samk, each
    assessed by the partner (competence_matched_needs 1, 2, 3, 4 and 5), and the team overall."""
    partner_id = register_partner(network, "Konepaja Virtanen Oy", organisation="konepaja-virtanen")
    environment = opened(manager, network, partner_ids=[partner_id],
                         roles=[{"title": "Hitsaaja", "seats": 5, "fields": ["07"], "skills": []}], capacity=5)
    students = [str(uuid.uuid4()) for _ in range(5)]
    people = [enrol(manager, environment, 0, client_id=s).get_json() for s in students[:4]]
    people.append(enrol(other_manager, environment, 0, client_id=students[4], organisation="samk").get_json())
    assert move(manager, environment["id"], "running").status_code == 200
    url = f"{API}/environments/{environment['id']}/assessments"
    for first, person in enumerate(people[:4], start=1):
        given = partner.post(url, json={"participant_id": person["id"], "scores": scores(first),
                                        "free_text": FREE_TEXT})
        assert given.status_code == 201, given.get_json()
    assert partner.post(url, json={"scores": scores(5), "free_text": "Tiimi toimi hyvin."}).status_code == 201
    return {"environment": environment, "people": people, "students": students, "url": url}


def summary(client, environment_id):
    return client.get(f"{API}/environments/{environment_id}/assessments/summary")


def test_the_coordinator_gets_no_individual_assessment_from_the_api(network, assessed):
    coordinator = net.client_as(network, "coordinator")
    assert coordinator.get(assessed["url"]).status_code == 403
    found = summary(coordinator, assessed["environment"]["id"])
    assert found.status_code == 200
    assert found.get_json() == {"environment_id": assessed["environment"]["id"], "smallest_group": 5,
                                "participants": {"count": 4, "averages": None},
                                "team": {"count": 1, "averages": None}}


def test_averages_are_given_once_five_participants_are_assessed(network, partner, assessed):
    fifth = partner.post(assessed["url"], json={"participant_id": assessed["people"][4]["id"], "scores": scores(5)})
    assert fifth.status_code == 201
    found = summary(net.client_as(network, "coordinator"), assessed["environment"]["id"]).get_json()
    # competence_matched_needs 1+2+3+4+5 = 15 over five; every other criterion 4 in each assessment.
    assert found["participants"] == {"count": 5, "averages": {key: (3.0 if key == "competence_matched_needs" else 4.0)
                                                                for key in CRITERIA_KEYS}}
    assert found["team"] == {"count": 1, "averages": None}


def test_the_coordinators_page_shows_the_aggregate_only(network, assessed):
    page = net.client_as(network, "coordinator").get(f"/environments/environments/{assessed['environment']['id']}",
                                                     headers=HTML)
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert 'class="assessments"' not in html, "no list of individual assessments"
    assert FREE_TEXT not in html and "Tiimi toimi hyvin." not in html
    section = html[html.index('id="evaluation"'):html.index('id="outcomes"')]
    assert "3,0" in section and "4,0" in section  # the averages of the five participants' assessments (decimal comma)


def test_individual_assessments_stay_with_the_host_the_partner_and_the_student(network, manager, other_manager,
                                                                              partner, assessed):
    people = [p["id"] for p in assessed["people"]]
    host = manager.get(assessed["url"]).get_json()
    assert sorted(a["participant_id"] or "team" for a in host) == sorted(people + ["team"])
    assert {a["free_text"] for a in host if a["participant_id"] == people[0]} == {FREE_TEXT}
    assert len(partner.get(assessed["url"]).get_json()) == 6
    own = net.student_client(network, assessed["students"][1]).get(assessed["url"]).get_json()
    assert [a["participant_id"] for a in own] == [people[1]]
    # samk's manager reads the environment, and the assessments of samk's own student only.
    assert [a["participant_id"] for a in other_manager.get(assessed["url"]).get_json()] == [people[4]]
    assert net.client_as(network, "partner2").get(assessed["url"]).status_code == 404
    host_page = manager.get(f"/environments/environments/{assessed['environment']['id']}", headers=HTML)
    assert FREE_TEXT in host_page.get_data(as_text=True)
