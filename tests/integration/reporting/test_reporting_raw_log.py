"""Reporting keeps its own raw log of every event it receives, once each."""
from __future__ import annotations

import uuid

import pytest
from sqlalchemy import select

from services.reporting.db import raw_events
from tests.support import network as net


@pytest.fixture(params=["sqlite", "postgresql"])
def network(request, tmp_path, postgres):
    urls = {}
    if request.param == "postgresql":
        urls["reporting"] = postgres.create_database()
    network = net.build(tmp_path, database_urls=urls)
    yield network
    network.shutdown()
    for url in urls.values():
        postgres.drop_database(url)


def test_every_event_lands_in_the_raw_log_once(network):
    intake = network.runtimes["intake"]
    partner_id = str(uuid.uuid4())
    with intake.work() as work:
        sent = work.emit("intake.partner.registered", {
            "partner_id": partner_id, "name": "Konepaja Virtanen Oy", "kind": "company", "business_id": None,
            "municipality": "214", "industry": None, "organisation": None}, organisation="sataedu")
    assert network.settle()
    # The relay publishes the same row again (as after a crash between confirm and commit).
    with intake.db.transaction() as s:
        s.execute(intake.tables.outbox.update().values(sent_at=None))
    assert network.settle()
    reporting = network.runtimes["reporting"]
    with reporting.db.session() as s:
        rows = s.execute(select(raw_events)).all()
    assert [(r.event_id, r.type, r.organisation) for r in rows] == [(sent.id, "intake.partner.registered", "sataedu")]
    assert rows[0].payload["partner_id"] == partner_id
