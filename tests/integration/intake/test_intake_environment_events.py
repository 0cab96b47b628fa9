"""What environments tells intake reaches the client card and the competence profile."""
from __future__ import annotations

import json
import uuid

import pytest
from sqlalchemy import select

from services.intake.db import outcomes, profile_skills
from shared.reference import esco
from tests.integration.intake.client_helpers import API, CLIENT
from tests.support import network as net


@pytest.fixture(params=["sqlite", "postgresql"])
def network(request, tmp_path, postgres):
    url = postgres.create_database() if request.param == "postgresql" else None
    network = net.build(tmp_path, database_urls={"intake": url} if url else None)
    yield network
    network.shutdown()
    if url:
        postgres.drop_database(url)


def test_participation_outcome_and_demonstrated_skills_reach_intake(network):
    manager = net.client_as(network, "manager1")
    client = manager.post(API, json={**CLIENT, "consents": {"service": True, "profile_sharing": True}})
    assert client.status_code == 201, client.get_data(as_text=True)
    client_id = client.get_json()["id"]
    environment_id, participant_id = str(uuid.uuid4()), str(uuid.uuid4())
    skill = esco.load_taxonomy().uris[100]
    outcome_id = str(uuid.uuid4())
    with network.runtimes["environments"].work() as work:  # what the environments service announces
        ref = {"participant_id": participant_id, "environment_id": environment_id, "client_id": client_id,
               "organisation": "sataedu"}
        work.emit("environments.participant.enrolled", {**ref, "role_id": str(uuid.uuid4()),
                                                         "started_on": "2026-09-01", "via_suggestion_id": None})
        work.emit("environments.competence.demonstrated", {
            "client_id": client_id, "organisation": "sataedu", "environment_id": environment_id,
            "environment_name": "Kyläkaupan verkkokauppa", "skills": [{"uri": skill, "level": 4}]})
        work.emit("environments.outcome.recorded", {
            "outcome_id": outcome_id, "environment_id": environment_id, "environment_name": "Kyläkaupan verkkokauppa",
            "partner_id": str(uuid.uuid4()), "kind": "part_time", "cooperation": False, "hidden_job": True,
            "started_on": "2026-12-01", "ended_on": None, "participant_id": participant_id, "client_id": client_id,
            "organisation": "sataedu"})
        # About a client another organisation holds: ignored here.
        work.emit("environments.participant.enrolled", {**ref, "client_id": str(uuid.uuid4()),
                                                         "role_id": str(uuid.uuid4()), "started_on": None,
                                                         "via_suggestion_id": None})
    assert network.settle()
    intake = network.runtimes["intake"]
    with intake.db.session() as s:
        [outcome] = s.execute(select(outcomes).where(outcomes.c.client_id == client_id)).all()
        skills = s.execute(select(profile_skills).where(profile_skills.c.client_id == client_id)).all()
        shared = [json.loads(r.body) for r in s.execute(select(intake.tables.outbox.c.body).where(
            intake.tables.outbox.c.type == "intake.profile.shared"))]
    assert (outcome.kind, outcome.work_form, outcome.hidden_job, outcome.source) == ("work", "part_time", True,
                                                                                     "environments")
    assert [(s.skill_uri, s.level, s.evidence, s.evidence_ref) for s in skills] == [
        (skill, 4, "project_environment", environment_id)]
    assert shared and {"uri": skill, "level": 4} in shared[-1]["payload"]["skills"], "the profile travels on"
    assert outcome.description == "Kyläkaupan verkkokauppa"  # the kind is in work_form, not a code in the text
    card = manager.get(f"/intake/clients/{client_id}", headers={"Accept": "text/html", "Accept-Language": "fi"}
                       ).get_data(as_text=True)
    assert "Kyläkaupan verkkokauppa" in card and "part_time" not in card
    assert "1.12.2026: Työ, Osa-aikainen" in card and "2026-12-01" not in card
    # Where the skill was shown reads as the environment's name, never as its id: on the page and in the API.
    page = manager.get(f"/intake/clients/{client_id}/profile", headers={"Accept": "text/html"}).get_data(as_text=True)
    assert "Kyläkaupan verkkokauppa" in page and environment_id not in page
    [entry] = manager.get(f"{API}/{client_id}/profile").get_json()["skills"]
    assert (entry["evidence_ref"], entry["shown_in"]) == (environment_id, "Kyläkaupan verkkokauppa")
    changed = manager.patch(f"{API}/{client_id}/profile/skills/{entry['id']}", json={"level": 3})
    assert changed.status_code == 200, changed.get_data(as_text=True)
    assert (changed.get_json()["level"], changed.get_json()["shown_in"]) == (3, "Kyläkaupan verkkokauppa")
