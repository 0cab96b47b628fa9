"""The network-wide export over real HTTP: intake asks the other services at their addresses with the manager's
own token (no fake between them), as in `kampus dev`."""
from __future__ import annotations

import json
import urllib.request

import pytest

from tests.support import network as net
from tests.support.browser import served

pytestmark = [pytest.mark.e2e]


def test_intake_gathers_every_services_holdings_over_http(tmp_path):
    network = net.build(tmp_path)
    with served(network) as url:
        manager = net.client_as(network, "manager1")
        client = manager.post("/intake/api/v1/clients", json={
            "first_name": "Veera", "last_name": "Vuori", "birth_date": "2004-04-04", "home_municipality": "214",
            "gender": "woman", "consents": {"service": True, "statistics": True}}).get_json()["id"]
        assert network.settle(timeout=60)
        call = urllib.request.Request(
            f"{url}/intake/api/v1/clients/{client}/network-export",
            headers={"Authorization": f"Bearer {net.token_for(network, 'manager1')}", "Accept": "application/json"})
        with urllib.request.urlopen(call, timeout=30) as answer:  # noqa: S310 - the test's own server
            document = json.loads(answer.read())
    services = document["services"]
    assert {name: s["available"] for name, s in services.items()} == {
        "matching": True, "environments": True, "reporting": True, "portal": True}
    assert [k["client_id"] for k in services["environments"]["sections"]["known_clients"]] == [client]
    assert [c["client_id"] for c in services["reporting"]["sections"]["clients"]] == [client]
    assert services["matching"]["sections"] == {}  # no profile shared: matching holds nothing
    assert services["portal"]["sections"] == {}  # not invited: the portal holds no login of hers
