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


def test_erasure_requests_of_the_young_persons_page_move_into_the_register_of_rights_requests(database_url):
    asked, erased = str(uuid.uuid4()), str(uuid.uuid4())
    now = "2026-01-31 10:00:00"
    with migrated(SERVICE, database_url, "keys_i0001") as (connection, cfg):
        for client_id, status in ((asked, "active"), (erased, "erased")):
            insert_row(connection, "clients", id=client_id, organisation="sataedu", languages="[]",
                       entered_on="2026-01-01", status=status, created_at=now, updated_at=now)
            insert_row(connection, "erasure_requests", client_id=client_id, requested_at=now, requested_by=None)
        insert_row(connection, "erasure_requests", client_id=asked, requested_at="2026-02-01 09:00:00",
                   requested_by=None)  # asked twice: one request
        command.upgrade(cfg, "privacy_0001")
        connection.commit()
        moved = connection.execute(text("SELECT client_id, organisation, kind, state, received_on, due_on "
                                        "FROM rights_requests")).all()
        assert [(r[0], r[1], r[2], r[3], str(r[4]), str(r[5])) for r in moved] == [
            (asked, "sataedu", "erasure", "open", "2026-01-31", "2026-02-28")]  # a month later: the month's end
        command.upgrade(cfg, "head")
        connection.commit()
        assert differences(connection, metadata) == []
