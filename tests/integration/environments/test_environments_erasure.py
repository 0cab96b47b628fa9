"""intake.client.erased and intake.consent.withdrawn: what environments removes and what anonymous values stay.
Run on SQLite and on PostgreSQL."""
from __future__ import annotations

import uuid

import pytest
from sqlalchemy import select

from services.environments.db import (
    assessments,
    badges,
    outcomes,
    participant_metric_phases,
    participants,
    surveys,
)
from services.environments.domain.evaluation import CRITERIA_KEYS, SURVEY_KEYS
from tests.integration.environments.helpers import (
    API,
    answered,
    enrol,
    feed,
    move,
    network_on,
    opened,
    register_partner,
    runtime,
)
from tests.support import network as net


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def network(request, tmp_path_factory):
    postgres = request.getfixturevalue("postgres") if request.param == "postgresql" else None
    with network_on(tmp_path_factory, postgres) as built:
        yield built


def row_of(network, table, **where):
    with runtime(network).db.session() as session:
        stmt = select(table)
        for key, value in where.items():
            stmt = stmt.where(table.c[key] == value)
        return session.execute(stmt).first()


@pytest.fixture(scope="module")
def story(network, manager, partner):
    """A student who enrolled, answered, was assessed, got a job and a badge; and a fellow student."""
    partner_id = register_partner(network, organisation="konepaja-virtanen")
    environment = opened(manager, network, partner_ids=[partner_id])
    client, fellow = str(uuid.uuid4()), str(uuid.uuid4())
    person = enrol(manager, environment, 0, client_id=client, team_name="Aino", gender="woman",
                   learning_goals="Opin Pythonia.").get_json()
    other = enrol(manager, environment, 1, client_id=fellow, team_name="Eero", gender="man").get_json()
    student = net.student_client(network, client)
    answered(network, client, environment["id"], "start")
    assert move(manager, environment["id"], "running").status_code == 200
    assert move(manager, environment["id"], "completed").status_code == 200
    assert student.post(f"{API}/participants/{person['id']}/survey", json={
        "answers": {k: 5 for k in SURVEY_KEYS}, "free_text": "Aino kiittää."}).status_code == 201
    assert partner.post(f"{API}/environments/{environment['id']}/assessments", json={
        "participant_id": person["id"], "scores": {k: 4 for k in CRITERIA_KEYS},
        "free_text": "Ainon työ oli hyvää."}).status_code == 201
    assert partner.post(f"{API}/environments/{environment['id']}/outcomes", json={
        "kind": "part_time", "participant_id": person["id"], "started_on": "2026-06-01",
        "description": "Ainon kesätyö"}).status_code == 201
    badge = student.post(f"{API}/participants/{person['id']}/badge", json={"identity": "aino@example.fi"}).get_json()
    return {"environment": environment, "client": client, "person": person, "other": other, "badge": badge,
            "fellow": fellow}


def test_consent_withdrawn_for_statistics_drops_the_gender(network, story):
    feed(network, "intake.consent.withdrawn", {"client_id": story["fellow"], "purpose": "profile_sharing",
                                                "version": "1"})
    assert row_of(network, participants, id=story["other"]["id"]).gender == "man"
    feed(network, "intake.consent.withdrawn", {"client_id": story["fellow"], "purpose": "statistics", "version": "1"})
    other = row_of(network, participants, id=story["other"]["id"])
    assert other.gender is None and other.client_id == story["fellow"] and other.team_name == "Eero"
    assert row_of(network, participants, id=story["person"]["id"]).gender == "woman"


def test_an_erasure_of_another_organisations_client_with_the_same_id_changes_nothing(network, story):
    feed(network, "intake.client.erased", {"client_id": story["client"]}, organisation="samk")
    assert row_of(network, participants, id=story["person"]["id"]).client_id == story["client"]


def test_erasure_unlinks_the_client_and_removes_free_texts_but_keeps_anonymous_values(network, story):
    envelope = feed(network, "intake.client.erased", {"client_id": story["client"]})
    person = row_of(network, participants, id=story["person"]["id"])
    assert person.client_id is None and person.erased_at is not None
    assert (person.team_name, person.learning_goals, person.gender) == (None, None, None)
    assert person.status == "completed" and person.role_id  # the anonymous facts stay
    survey = row_of(network, surveys, participant_id=person.id)
    assert survey.free_text is None and survey.answers == {k: 5 for k in SURVEY_KEYS}
    assessment = row_of(network, assessments, participant_id=person.id)
    assert assessment.free_text is None and assessment.scores["teamwork"] == 4
    outcome = row_of(network, outcomes, participant_id=person.id)
    assert outcome.description is None and outcome.kind == "part_time"
    assert row_of(network, participant_metric_phases, participant_id=person.id).phase == "start"  # a fact, no answer
    badge = row_of(network, badges, participant_id=person.id)
    assert badge.identity_hash is None and badge.salt is None and badge.revoked_at is not None
    other = row_of(network, participants, id=story["other"]["id"])
    assert other.client_id == story["fellow"] and other.team_name == "Eero"

    from shared.bus.inbox import InboxProcessor

    [again] = InboxProcessor(runtime(network)).process_batch([envelope])
    assert again.status == "duplicate"


def test_after_erasure_the_badge_is_revoked_and_the_student_is_gone(network, manager, story):
    from werkzeug.test import Client

    revoked = Client(network.wsgi).get(story["badge"]["url"].replace("http://localhost", ""))
    assert revoked.status_code == 410 and revoked.get_json()["revoked"] is True
    assert "recipient" not in revoked.get_json()
    student = net.student_client(network, story["client"])
    assert student.get(f"{API}/participants/mine").get_json() == []
    assert student.get(f"{API}/participants/{story['person']['id']}").status_code == 404
    page = manager.get(f"{API}/environments/{story['environment']['id']}").get_json()
    assert "Aino" not in str(page)
