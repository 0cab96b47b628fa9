"""Reporting keeps its own raw log of every event it receives, once each."""
from __future__ import annotations

import uuid

from sqlalchemy import select

from services.reporting.db import raw_events


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


def test_events_from_the_bus_show_in_the_indicators(network):
    """Intake's events travel through its outbox, the relay and reporting's consumer into the figures."""
    from tests.support import network as net

    intake = network.runtimes["intake"]
    with intake.work() as work:
        for _ in range(5):
            client_id = str(uuid.uuid4())
            work.emit("intake.client.registered", {"client_id": client_id, "entered_on": "2025-03-01"},
                      organisation="samk")
            work.emit("intake.consent.given", {"client_id": client_id, "purpose": "statistics", "version": "2026-1"},
                      organisation="samk")
            work.emit("intake.statistics.recorded", {
                "client_id": client_id, "entered_on": "2025-03-01", "age_band": "18_24", "gender": "man",
                "municipality": "079", "service_area": "kaakkois-satakunta", "employment_status": "unemployed",
                "education_status": None, "education_level": None, "field_of_education": None,
                "disadvantaged": None}, organisation="samk")
    assert network.settle()
    body = net.client_as(network, "coordinator").get("/reporting/api/v1/indicators").json
    reach = next(t for t in body["tables"] if t["key"] == "reach")
    assert {r["key"]: r["cells"]["clients_served"] for r in reach["rows"]} == {"samk": 5, "total": 5}
