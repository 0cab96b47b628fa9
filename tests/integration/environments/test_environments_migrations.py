"""Environments' migrations build exactly its tables, and know the clients already enrolled before the read model."""
from __future__ import annotations

import uuid

import pytest
from alembic import command
from sqlalchemy import text

from services.environments import SERVICE
from services.environments.db import metadata
from tests.support.databases import differences, migrated

pytestmark = pytest.mark.integration


def test_clients_enrolled_before_the_read_model_are_known_to_their_organisation(database_url):
    environment, role, enrolled, erased = (str(uuid.uuid4()) for _ in range(4))
    now = "2026-01-01 10:00:00"
    with migrated(SERVICE, database_url, "0003") as (connection, cfg):
        connection.execute(text(
            "INSERT INTO environments (id, name, host_organisation, institutions, fields_of_education, capacity, "
            "status, created_at, updated_at) VALUES (:id, 'Verkkokauppa', 'sataedu', '[]', '[]', 4, 'open', :now, "
            ":now)"), {"id": environment, "now": now})
        connection.execute(text(
            "INSERT INTO roles (id, environment_id, title, seats, fields, skills, position) "
            "VALUES (:id, :env, 'Ohjelmoija', 2, '[]', '[]', 0)"), {"id": role, "env": environment})
        for participant, client_id, organisation in ((enrolled, enrolled, "samk"), (erased, None, "sataedu")):
            connection.execute(text(
                "INSERT INTO participants (id, environment_id, role_id, client_id, client_organisation, status, "
                "demonstrated_skills, created_at, updated_at) VALUES (:id, :env, :role, :client, :org, 'enrolled', "
                "'[]', :now, :now)"), {"id": participant, "env": environment, "role": role, "client": client_id,
                                       "org": organisation, "now": now})
        command.upgrade(cfg, "head")
        connection.commit()
        known = connection.execute(text("SELECT organisation, client_id FROM known_clients")).all()
        assert [tuple(k) for k in known] == [("samk", enrolled)], "the erased participant's client is nobody's"
        assert differences(connection, metadata) == []
