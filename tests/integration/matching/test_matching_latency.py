"""In the running embedded network a partner's new need is a suggestion on the client card within 2 seconds."""
from __future__ import annotations

import time
import uuid

import pytest
from sqlalchemy import select

from services.intake.db import suggestions as intake_suggestions
from services.matching.db import profiles
from shared.reference import esco
from tests.support import network as net
from tests.support.intake_partners import record_partner

pytestmark = pytest.mark.integration
INTAKE = "/intake/api/v1"
TARGET_SECONDS = 2.0


@pytest.fixture(scope="module")
def running(tmp_path_factory):
    network = net.build(tmp_path_factory.mktemp("latency"))
    network.start()  # relays and mailbox workers in their threads, as `kampus dev` runs them
    yield network
    network.shutdown()


def wait_for(check, timeout: float) -> float:
    """Seconds until check() holds; fails after `timeout`."""
    started = time.monotonic()
    while time.monotonic() - started < timeout:
        if check():
            return time.monotonic() - started
        time.sleep(0.01)
    raise AssertionError(f"not within {timeout} s")


def test_a_new_need_is_on_the_right_client_card_within_two_seconds(running):
    taxonomy = esco.load_taxonomy()
    skill = taxonomy.uris[4242]
    manager = net.client_as(running, "manager1")
    client = manager.post(f"{INTAKE}/clients", json={
        "first_name": "Veera" + uuid.uuid4().hex[:6], "last_name": "Virta", "birth_date": "2003-02-01",
        "home_municipality": "214", "consents": {"service": True, "profile_sharing": True}}).get_json()["id"]
    manager.put(f"{INTAKE}/clients/{client}/profile", json={"municipalities": ["214"], "languages": ["fi"]})
    manager.post(f"{INTAKE}/clients/{client}/profile/skills", json={"skill_uri": skill, "level": 4, "evidence": "self"})
    record_partner(running, manager, name="Satakunnan Puu Oy", kind="company", municipality="214",
                   organisation="konepaja-virtanen")
    intake = running.runtimes["intake"]

    def on_card() -> bool:
        with intake.db.session() as session:
            return session.execute(select(intake_suggestions.c.id).where(
                intake_suggestions.c.client_id == client)).first() is not None

    def profile_arrived() -> bool:
        with running.runtimes["matching"].db.session() as session:
            return session.execute(select(profiles.c.status).where(profiles.c.client_id == client)).scalar() == "shared"

    wait_for(profile_arrived, 5.0)
    assert not on_card()
    started = time.monotonic()
    response = net.client_as(running, "partner1").post(f"{INTAKE}/competence-needs", json={
        "title": "Puuseppä", "work_type": "part_time", "municipality": "214", "languages": ["fi"],
        "skills": [{"uri": skill, "essential": True, "level": 3}]})
    assert response.status_code == 201, response.get_json()
    wait_for(on_card, TARGET_SECONDS)
    elapsed = time.monotonic() - started
    print(f"need published -> suggestion on the client card: {elapsed * 1000:.0f} ms")
    assert elapsed < TARGET_SECONDS
    inbox = manager.get("/matching/api/v1/suggestions", query_string={"client_id": client}).get_json()["items"]
    assert [i["target_title"] for i in inbox] == ["Puuseppä"]
