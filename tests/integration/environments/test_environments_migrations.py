"""Environments' migrations build exactly its tables, and know the clients already enrolled before the read model."""
from __future__ import annotations

import uuid

import pytest
from alembic import command
from sqlalchemy import text

from services.environments import SERVICE
from services.environments.db import metadata
from tests.support.databases import differences, insert_row, migrated

pytestmark = pytest.mark.integration


def test_clients_enrolled_before_the_read_model_are_known_to_their_organisation(database_url):
    environment, role, enrolled, erased = (str(uuid.uuid4()) for _ in range(4))
    now = "2026-01-01 10:00:00"
    with migrated(SERVICE, database_url, "0003") as (connection, cfg):
        insert_row(connection, "environments", id=environment, name="Verkkokauppa", host_organisation="sataedu",
                   institutions="[]", fields_of_education="[]", capacity=4, status="open", created_at=now,
                   updated_at=now)
        insert_row(connection, "roles", id=role, environment_id=environment, title="Ohjelmoija", seats=2, fields="[]",
                   skills="[]", position=0)
        for participant, client_id, organisation in ((enrolled, enrolled, "samk"), (erased, None, "sataedu")):
            insert_row(connection, "participants", id=participant, environment_id=environment, role_id=role,
                       client_id=client_id, client_organisation=organisation, status="enrolled",
                       demonstrated_skills="[]", created_at=now, updated_at=now)
        command.upgrade(cfg, "head")
        connection.commit()
        known = connection.execute(text("SELECT organisation, client_id FROM known_clients")).all()
        assert [tuple(k) for k in known] == [("samk", enrolled)], "the erased participant's client is nobody's"
        assert differences(connection, metadata) == []
