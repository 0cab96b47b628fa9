"""Reporting dates a fact by the day it happened, as its event says, not by when the event travelled: a case
closed back-dated in intake is an exit on the recorded day (ESF exits, period overlap and survival use it)."""
from __future__ import annotations

from datetime import date

from sqlalchemy import select

from services.reporting.db import clients
from tests.integration.intake.client_helpers import API, register
from tests.support import network as net


def test_a_back_dated_closure_is_an_exit_on_its_own_day(network):
    manager = net.client_as(network, "manager1")
    created = register(manager, entered_on="2026-01-05")
    closed = manager.post(f"{API}/{created['id']}/close", json={"closed_on": "2026-02-15"})
    assert closed.status_code == 200, closed.get_json()
    network.settle()
    with network.runtimes["reporting"].db.session() as session:
        closed_on = session.execute(select(clients.c.closed_on).where(clients.c.client_id == created["id"])).scalar()
    assert closed_on == date(2026, 2, 15)  # the event travelled today
