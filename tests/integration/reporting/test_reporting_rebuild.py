"""`kampus reporting rebuild` replays the raw log into fresh projections with the same figures."""
from __future__ import annotations

from click.testing import CliRunner
from sqlalchemy import func, select

from services.reporting.db import PROJECTIONS, clients, raw_events
from services.reporting.handlers import report_cache
from services.reporting.handlers.rebuild import rebuild
from tests.integration.reporting import known_history
from tests.integration.reporting.reporting_helpers import feed
from tests.support import network as net

BREAKDOWNS = ("organisation", "area", "field", "gender", "environment")


def every_figure(network) -> dict:
    coordinator = net.client_as(network, "coordinator")
    figures = {}
    for breakdown in BREAKDOWNS:
        response = coordinator.get("/reporting/api/v1/indicators",
                                   query_string={**known_history.PERIOD, "breakdown": breakdown})
        assert response.status_code == 200
        figures[breakdown] = response.json
    return figures


def test_a_rebuild_gives_the_same_figures(network):
    history, people = known_history.build()
    feed(network, history.events)
    before = every_figure(network)
    runtime = network.runtimes["reporting"]
    with runtime.db.transaction() as session:  # damage the projections: the rebuild must not care
        for table in PROJECTIONS:
            session.execute(table.delete())
        report_cache.touch(session)  # as every writer of projections does: reports kept before are not served
    assert every_figure(network) != before
    result = rebuild(runtime.db)
    scrubbed = [e for e in history.events if e.payload.get("client_id") == people["M"][5]][:-1]
    assert result.events == len(history.events) - len(scrubbed)  # the erased client's events left the log
    assert every_figure(network) == before


def test_an_erasure_removes_the_clients_events_from_the_raw_log(network):
    history, people = known_history.build()
    feed(network, history.events)
    erased = people["M"][5]
    runtime = network.runtimes["reporting"]
    with runtime.db.session() as session:
        left = session.execute(select(raw_events.c.type).where(raw_events.c.subject == erased)).scalars().all()
        row = session.execute(select(clients).where(clients.c.client_id == erased)).one()
    assert left == ["intake.client.erased"]
    assert row.erased and not row.counted and row.gender is None and row.person_key is None


def test_the_command_line_rebuilds(tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path / 'reporting.sqlite3'}"
    monkeypatch.setenv("REPORTING_DATABASE_URL", url)
    from services.reporting.cli import cli
    from services.reporting.handlers.synthetic import generate, write_raw
    from shared.db import Database

    runner = CliRunner()
    assert runner.invoke(cli, ["rebuild"]).exit_code == 0  # migrates an empty database, rebuilds nothing
    db = Database(url)
    written = write_raw(db, generate(seed=1, events=400))
    result = runner.invoke(cli, ["rebuild"])
    assert result.exit_code == 0, result.output
    assert f"from {written:,} events" in result.output
    with db.session() as session:
        assert session.execute(select(func.count()).select_from(clients)).scalar() > 0
    db.dispose()
