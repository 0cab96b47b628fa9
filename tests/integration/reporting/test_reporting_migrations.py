"""Reporting's migrations build exactly its tables, and give events logged before them their subject."""
from __future__ import annotations

import json
import uuid

from alembic import command
from sqlalchemy import text

from services.reporting import SERVICE
from services.reporting.db import metadata
from tests.support.databases import differences, migrated


def test_the_migrations_match_the_tables_and_backfill_subjects(database_url):
    client_id = str(uuid.uuid4())
    with migrated(SERVICE, database_url, "0002") as (connection, cfg):
        connection.execute(text(
            "INSERT INTO raw_events (event_id, type, version, organisation, occurred_at, received_at, payload) "
            "VALUES (:id, 'intake.client.closed', 1, 'samk', :now, :now, :payload)"),
            {"id": str(uuid.uuid4()), "now": "2025-01-01 10:00:00", "payload": json.dumps({"client_id": client_id})})
        command.upgrade(cfg, "head")
        connection.commit()
        assert connection.execute(text("SELECT subject FROM raw_events")).scalar() == client_id
        assert differences(connection, metadata) == []


def test_the_raw_log_keeps_no_free_text_that_events_used_to_carry(database_url):
    """Referral notes and decision reasons logged before they stopped travelling are replaced by flags."""
    logged = [("intake.referral.sent", {"client_id": str(uuid.uuid4()), "note": "Haluaa tradenomiksi"}),
              ("intake.referral.sent", {"client_id": str(uuid.uuid4()), "note": None}),
              ("matching.suggestion.declined", {"client_id": str(uuid.uuid4()), "reason": "Ei ajokorttia"}),
              ("matching.suggestion.accepted", {"client_id": str(uuid.uuid4()), "reason": "  "}),
              ("intake.client.closed", {"client_id": str(uuid.uuid4())})]
    with migrated(SERVICE, database_url, "0003") as (connection, cfg):
        for type_, payload in logged:
            connection.execute(text(
                "INSERT INTO raw_events (event_id, type, version, organisation, occurred_at, received_at, payload, "
                "subject) VALUES (:id, :type, 1, 'samk', :now, :now, :payload, :subject)"),
                {"id": str(uuid.uuid4()), "type": type_, "now": "2025-01-01 10:00:00",
                 "payload": json.dumps(payload), "subject": payload["client_id"]})
        command.upgrade(cfg, "head")
        connection.commit()
        found = [json.loads(p) if isinstance(p, str) else p for p in connection.execute(
            text("SELECT payload FROM raw_events ORDER BY seq")).scalars()]
    assert [{k: v for k, v in p.items() if k != "client_id"} for p in found] == [
        {"has_note": True}, {"has_note": False}, {"has_reason": True}, {"has_reason": False}, {}]
