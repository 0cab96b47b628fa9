"""Intake's migrations build exactly its tables, and give contacts shared before them their organisation."""
from __future__ import annotations

import uuid

import pytest
from alembic import command
from sqlalchemy import text

from services.intake import SERVICE
from services.intake.db import metadata
from tests.support.databases import differences, insert_row, migrated

pytestmark = pytest.mark.integration


def test_contacts_shared_before_the_organisation_was_kept_get_their_clients_organisation(database_url):
    partner, need, local, remote = (str(uuid.uuid4()) for _ in range(4))
    now = "2026-01-01 10:00:00"
    with migrated(SERVICE, database_url, "0005") as (connection, cfg):
        insert_row(connection, "clients", id=local, organisation="samk", languages="[]", entered_on="2026-01-01",
                   status="active", created_at=now, updated_at=now)
        insert_row(connection, "partners", id=partner, name="Konepaja", kind="company",
                   recorded_by_organisation="sataedu", created_at=now, updated_at=now)
        insert_row(connection, "competence_needs", id=need, partner_id=partner, title="Hitsaaja", work_type="summer",
                   people=1, hidden_job=False, languages="[]", driving_licence=False, status="open",
                   recorded_by_organisation="sataedu", created_at=now, updated_at=now)
        for client_id, name in ((local, "Paikallinen"), (remote, "Muualta")):
            insert_row(connection, "shared_contacts", need_id=need, client_id=client_id, name=name, shared_at=now)
        command.upgrade(cfg, "head")
        connection.commit()
        found = dict(connection.execute(text("SELECT name, client_organisation FROM shared_contacts")).all())
        assert found == {"Paikallinen": "samk", "Muualta": None}
        assert differences(connection, metadata) == []
