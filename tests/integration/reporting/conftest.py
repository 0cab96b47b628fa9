"""The embedded network with reporting on SQLite or PostgreSQL, and a way to feed it a history."""
from __future__ import annotations

import pytest

from tests.integration.reporting import known_history
from tests.integration.reporting.reporting_helpers import cells, feed
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


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def known_year(request, tmp_path_factory, postgres):
    """The known year fed once per database; the tests only read it."""
    urls = {"reporting": postgres.create_database()} if request.param == "postgresql" else {}
    network = net.build(tmp_path_factory.mktemp(request.param), database_urls=urls)
    history, people = known_history.build()
    feed(network, history.events)
    coordinator = net.client_as(network, "coordinator")
    response = coordinator.get("/reporting/api/v1/indicators", query_string=known_history.PERIOD)
    assert response.status_code == 200, response.json
    yield network, response.json, cells(response.json), people
    network.shutdown()
    for url in urls.values():
        postgres.drop_database(url)
