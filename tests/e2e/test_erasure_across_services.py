"""Erasure reaches every service: intake erases, and matching, environments and reporting follow."""
from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from services.environments.db import known_clients, participants
from services.matching.db import profiles
from services.reporting.db import raw_events
from tests.integration.environments.helpers import enrol, opened
from tests.support import network as net
from tests.support.erasure import erase, via
from tests.support.intake_partners import some_skill

pytestmark = pytest.mark.e2e


def rows(network, service, table, column, value) -> list:
    with network.runtimes[service].db.session() as session:
        return session.execute(select(table).where(table.c[column] == value)).all()


def test_erasing_a_client_reaches_every_service(tmp_path):
    network = net.build(tmp_path)
    try:
        manager = net.client_as(network, "manager1")
        created = manager.post("/intake/api/v1/clients", json={
            "first_name": "Veera", "last_name": "Poistettava", "birth_date": "2004-02-02", "home_municipality": "214",
            "gender": "woman", "consents": {"service": True, "profile_sharing": True, "statistics": True}})
        assert created.status_code == 201, created.get_json()
        client_id = created.get_json()["id"]
        assert manager.post(f"/intake/api/v1/clients/{client_id}/profile/skills", json={
            "skill_uri": some_skill(3), "level": 3, "evidence": "self"}).status_code == 201
        environment = opened(manager, network)
        assert network.settle()  # environments knows the client from intake's announcement (client.registered)
        assert enrol(manager, environment, client_id=client_id, known=False).status_code == 201
        assert network.settle()
        assert rows(network, "matching", profiles, "client_id", client_id), "matching holds the shared profile"
        assert rows(network, "environments", participants, "client_id", client_id), "environments holds the participant"
        assert rows(network, "environments", known_clients, "client_id", client_id), "and knows whose client it is"
        before = [r for r in rows(network, "reporting", raw_events, "subject", client_id)]
        assert before, "reporting's raw log holds events about the client"

        erased = erase(via(manager), client_id)  # a company's erasure decision erases everything
        assert erased.get_json() == {"request_id": erased.get_json()["request_id"], "result": "erased"}
        assert network.settle()

        profile_rows = rows(network, "matching", profiles, "client_id", client_id)  # at most the bare id stays
        assert all(some_skill(3) not in json.dumps(dict(r._mapping), default=str) for r in profile_rows)
        assert rows(network, "environments", participants, "client_id", client_id) == []
        assert rows(network, "environments", known_clients, "client_id", client_id) == []
        assert enrol(manager, opened(manager, network), client_id=client_id, known=False).status_code == 422
        remaining = rows(network, "reporting", raw_events, "subject", client_id)
        assert [r.type for r in remaining] in ([], ["intake.client.erased"])
        assert manager.get(f"/intake/api/v1/clients/{client_id}").status_code == 404
    finally:
        network.shutdown()
