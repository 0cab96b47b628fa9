"""Reporting dates a fact by the day it happened, as its event says, not by when the event travelled: a case
closed back-dated in intake is an exit on the recorded day (ESF exits, period overlap and survival use it)."""
from __future__ import annotations

from datetime import UTC, date

from sqlalchemy import select

from services.reporting.db import clients
from shared import clock
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


def test_an_environment_started_and_completed_afterwards_keeps_its_own_dates(network):
    from datetime import datetime, timedelta

    from sqlalchemy import update

    from services.environments.db import environments as environment_rows
    from services.reporting.db import environments as reported
    from tests.integration.environments.helpers import API as ENVIRONMENTS
    from tests.integration.environments.helpers import enrol, move, opened

    manager = net.client_as(network, "manager1")
    environment = opened(manager, network, starts_on="2026-11-01", ends_on="2026-11-30")
    assert enrol(manager, environment).status_code == 201
    with network.runtimes["environments"].db.transaction() as session:  # it was opened a month before today
        session.execute(update(environment_rows).where(environment_rows.c.id == environment["id"]).values(
            opened_at=datetime(2026, 10, 20, 9, tzinfo=UTC)))
    today = clock.today()
    future = move_on(manager, ENVIRONMENTS, environment["id"], "running", today + timedelta(days=1))
    early = move_on(manager, ENVIRONMENTS, environment["id"], "running", date(2026, 10, 19))
    assert future.status_code == early.status_code == 422
    assert "on" in future.get_json()["error"]["fields"] and "on" in early.get_json()["error"]["fields"]
    assert move_on(manager, ENVIRONMENTS, environment["id"], "running", date(2026, 11, 2)).status_code == 200
    assert move(manager, environment["id"], "completed").status_code == 200  # today, by default
    network.settle()
    with network.runtimes["reporting"].db.session() as session:
        row = session.execute(select(reported.c.started_on, reported.c.completed_on)
                              .where(reported.c.environment_id == environment["id"])).one()
    assert (row.started_on, row.completed_on) == (date(2026, 11, 2), today)


def move_on(api, prefix: str, environment_id: str, to: str, on: date):
    return api.post(f"{prefix}/environments/{environment_id}/transitions", json={"to": to, "on": on.isoformat()})
