"""The network's target figure (multidisciplinary environments that have started) is defined once
(shared/figures.py) and every page and API that shows it shows the same number as an environment moves.

Expected values are counted by hand from the steps: an open environment has not started; running and completed
ones have; a cancelled one never counts.
"""
from __future__ import annotations

import re

import pytest

from shared import clock
from tests.integration.environments.helpers import API, enrol, move, network_on, opened
from tests.support import network as net


def period() -> dict[str, str]:
    """This year up to today, asked when the figure is read (not at import: a run that crosses midnight in
    Helsinki would otherwise ask for a period ending the day before the environments start)."""
    today = clock.today()
    return {"start": f"{today.year}-01-01", "end": today.isoformat()}


@pytest.fixture(scope="module")
def network(tmp_path_factory):
    with network_on(tmp_path_factory) as built:
        yield built


def shown(network) -> dict[str, int]:
    """The target figure as each place shows it."""
    network.settle()
    manager, coordinator = net.client_as(network, "manager1"), net.client_as(network, "coordinator")
    environments_api = manager.get(f"{API}/environments/progress").get_json()["multidisciplinary"]
    manager.set_cookie("kampus_lang", "en")
    page = manager.get("/environments/").get_data(as_text=True)
    [environments_page] = re.findall(r"(\d+) of the target 20 multidisciplinary environments", page)
    asked = period()
    report = coordinator.get("/reporting/api/v1/indicators", query_string=asked).get_json()
    [reporting_api] = [c["value"] for c in report["cards"] if c["key"] == "target"]
    coordinator.set_cookie("kampus_lang", "en")
    dashboard = coordinator.get("/reporting/", query_string=asked).get_data(as_text=True)
    [dashboard_page] = re.findall(r"(\d+) / 20", dashboard)
    return {"environments API": environments_api, "environments page": int(environments_page),
            "reporting API": reporting_api, "dashboard": int(dashboard_page)}


def test_every_place_counts_the_started_multidisciplinary_environments_alike(network):
    manager = net.client_as(network, "manager1")
    today = clock.today().isoformat()
    first = opened(manager, network, starts_on=today, ends_on=today)
    second = opened(manager, network, starts_on=today, ends_on=today)
    for environment in (first, second):
        assert enrol(manager, environment).status_code == 201
    places = ("environments API", "environments page", "reporting API", "dashboard")

    def expect(count: int) -> None:
        assert shown(network) == dict.fromkeys(places, count)

    expect(0)  # two open environments: neither has started
    started = move(manager, first["id"], "running")
    assert started.status_code == 200, started.get_json()
    expect(1)
    assert move(manager, second["id"], "running").status_code == 200
    expect(2)
    assert move(manager, first["id"], "completed").status_code == 200
    expect(2)  # completed still counts
    assert move(manager, second["id"], "cancelled", reason="Kumppani vetäytyi.").status_code == 200
    expect(1)  # a cancelled environment never counts
