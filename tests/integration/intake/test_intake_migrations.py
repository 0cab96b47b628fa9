"""Intake's migrations build exactly its tables, and give contacts shared before them their organisation."""
from __future__ import annotations

import uuid

import pytest
from alembic import command
from sqlalchemy import text

from services.intake import SERVICE
from services.intake.db import metadata
from tests.support.databases import differences, migrated

pytestmark = pytest.mark.integration


def test_contacts_shared_before_the_organisation_was_kept_get_their_clients_organisation(database_url):
    partner, need, local, remote = (str(uuid.uuid4()) for _ in range(4))
    now = "2026-01-01 10:00:00"
    with migrated(SERVICE, database_url, "0005") as (connection, cfg):
        connection.execute(text(
            "INSERT INTO clients (id, organisation, languages, entered_on, status, created_at, updated_at) "
            "VALUES (:id, 'samk', '[]', '2026-01-01', 'active', :now, :now)"), {"id": local, "now": now})
        connection.execute(text(
            "INSERT INTO partners (id, name, kind, recorded_by_organisation, created_at, updated_at) "
            "VALUES (:id, 'Konepaja', 'company', 'sataedu', :now, :now)"), {"id": partner, "now": now})
        connection.execute(text(
            "INSERT INTO competence_needs (id, partner_id, title, work_type, people, hidden_job, languages, "
            "driving_licence, status, recorded_by_organisation, created_at, updated_at) VALUES (:id, :partner, "
            "'Hitsaaja', 'summer', 1, false, '[]', false, 'open', 'sataedu', :now, :now)"),
            {"id": need, "partner": partner, "now": now})
        for client_id, name in ((local, "Paikallinen"), (remote, "Muualta")):
            connection.execute(text(
                "INSERT INTO shared_contacts (need_id, client_id, name, shared_at) VALUES (:need, :client, :name, "
                ":now)"), {"need": need, "client": client_id, "name": name, "now": now})
        command.upgrade(cfg, "head")
        connection.commit()
        found = dict(connection.execute(text("SELECT name, client_organisation FROM shared_contacts")).all())
        assert found == {"Paikallinen": "samk", "Muualta": None}
        assert differences(connection, metadata) == []
