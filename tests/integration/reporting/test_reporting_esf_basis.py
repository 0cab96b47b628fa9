"""The funder's figures on their legal basis, and reports frozen when sent to the funder.

Seven women enter at Sataedu in 2025; Sataedu's register puts statistics on consent and ESF reporting on
a legal obligation. Then one withdraws the statistics consent and another is erased: the network's
statistics lose both, the funder's figures only the erased one, and the frozen report neither.
"""
from __future__ import annotations

import json
import re
from datetime import date

from services.reporting.domain.history import History
from tests.integration.reporting.reporting_helpers import cells, feed
from tests.support import network as net

PERIOD = {"start": "2025-01-01", "end": "2025-12-31"}
BASES = {"statistics": "consent", "esf_reporting": "legal_obligation"}


def figures(coordinator) -> dict:
    response = coordinator.get("/reporting/api/v1/indicators", query_string=PERIOD)
    assert response.status_code == 200, response.json
    return cells(response.json)


def freeze(coordinator) -> None:
    page = coordinator.get("/reporting/", query_string=PERIOD).get_data(as_text=True)
    assert "Freeze and send to the funder" in page or "Jäädytä" in page
    token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    response = coordinator.post("/reporting/frozen?start=2025-01-01&end=2025-12-31", data={"csrf_token": token})
    assert response.status_code == 303, response.get_data(as_text=True)


def test_esf_figures_stay_when_the_statistics_consent_goes_and_a_frozen_report_stays_as_sent(network):
    h = History(seed=14)
    clients = [h.client("sataedu", date(2025, 2, 1 + i), bases=BASES) for i in range(7)]
    feed(network, h.events)
    coordinator = net.client_as(network, "coordinator")
    t = figures(coordinator)
    assert t["esf_entry"][("participants", "woman")] == 7
    assert t["reach"][("total", "clients_served")] == 7

    freeze(coordinator)
    listing = coordinator.get("/reporting/frozen").get_data(as_text=True)
    report_id = re.search(r'/reporting/frozen/([0-9a-f-]{36})\.json', listing).group(1)
    sent_pdf = coordinator.get(f"/reporting/frozen/{report_id}.pdf").data
    sent = json.loads(coordinator.get(f"/reporting/frozen/{report_id}.json").data)
    assert sent_pdf.startswith(b"%PDF")

    start = len(h.events)
    h.consent("sataedu", clients[0], "statistics", False, date(2025, 6, 1))
    h.erase("sataedu", clients[1], date(2025, 6, 2))
    feed(network, h.events[start:])
    t = figures(coordinator)
    # The withdrawal takes client 0 out of the statistics only; the erasure takes client 1 out of both.
    assert t["reach"][("total", "clients_served")] == 5
    assert t["esf_entry"][("participants", "woman")] == 6

    # The frozen report is unchanged: the same document, the same seven participants.
    assert coordinator.get(f"/reporting/frozen/{report_id}.pdf").data == sent_pdf
    again = json.loads(coordinator.get(f"/reporting/frozen/{report_id}.json").data)
    assert again == sent
    esf = next(table for table in again["tables"] if table["key"] == "esf_entry")
    assert {(r["key"], c): v for r in esf["rows"] for c, v in r["cells"].items()}[("participants", "woman")] == 7


def test_only_the_coordinator_freezes_or_reads_frozen_reports(network):
    manager = net.client_as(network, "manager1")
    assert net.client_as(network, "coordinator").get("/reporting/frozen").status_code == 200
    assert manager.get("/reporting/frozen").status_code == 403
    assert manager.post("/reporting/frozen", data={}).status_code in (400, 403)
