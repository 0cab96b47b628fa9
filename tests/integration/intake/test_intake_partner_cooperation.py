"""Cooperation opportunities with a partner, without naming a participant: the API and the page record them,
the refusals name their fields and store nothing, the event names nobody, and reporting counts them as events."""
from __future__ import annotations

from datetime import timedelta

from sqlalchemy import func, select

from services.intake.db import partner_cooperation
from shared import clock
from tests.integration.intake.client_helpers import csrf_of
from tests.support import network as net
from tests.support.intake_partners import browser_as

PARTNERS = "/intake/api/v1/partners"
HTML = {"Accept": "text/html"}


def stored(network) -> int:
    with network.runtimes["intake"].db.session() as session:
        return session.execute(select(func.count()).select_from(partner_cooperation)).scalar_one()


def test_a_partners_cooperation_is_recorded_without_a_participant_and_counted_as_an_event(network):
    sataedu, winnova = net.client_as(network, "manager1"), net.client_as(network, "manager3")
    made = sataedu.post(PARTNERS, json={"name": "Yhteistyö Testi Oy", "kind": "company"})
    assert made.status_code == 201, made.get_json()
    partner_id = made.get_json()["id"]
    url = f"{PARTNERS}/{partner_id}/cooperation"

    wrong = sataedu.post(url, json={"kind": "traineeship", "started_on": "2026-03-01"})  # names a person: not here
    assert wrong.status_code == 422 and "kind" in wrong.get_json()["error"]["fields"]
    future = (clock.today() + timedelta(days=2)).isoformat()
    later = sataedu.post(url, json={"kind": "order", "started_on": future})
    assert later.status_code == 422 and "started_on" in later.get_json()["error"]["fields"]
    assert winnova.post(url, json={"kind": "order", "started_on": "2026-03-01"}).status_code == 403  # not theirs
    assert stored(network) == 0

    recorded = sataedu.post(url, json={"kind": "thesis", "started_on": "2026-03-01", "description": "Aihe: kierrätys"})
    assert recorded.status_code == 201, recorded.get_json()
    assert recorded.get_json()["kind"] == "thesis" and recorded.get_json()["recorded_by_organisation"] == "sataedu"

    browser = browser_as(network, "manager1")
    form_url = f"/intake/partners/{partner_id}/cooperation/new"
    page = browser.get(form_url, headers=HTML)
    assert page.status_code == 200
    refused = browser.post(form_url, data={"csrf_token": csrf_of(page.text), "kind": "order"})
    assert refused.status_code == 422 and "started_on" in refused.text
    done = browser.post(form_url, data={"csrf_token": csrf_of(page.text), "kind": "order", "started_on": "2026-04-01"})
    assert done.status_code == 303
    assert stored(network) == 2
    shown = browser.get(f"/intake/partners/{partner_id}", headers=HTML).text
    assert "Aihe: kierrätys" in shown

    events = [e for e in net.outbox_events(network.runtimes["intake"]) if e["type"] == "intake.cooperation.recorded"]
    assert [set(e["payload"]) for e in events] == [{"cooperation_id", "partner_id", "kind", "started_on"}] * 2

    network.settle()
    report = net.client_as(network, "manager1").get("/reporting/api/v1/indicators",
                                                     query_string={"start": "2026-01-01", "organisation": "sataedu"})
    cooperation = next(t for t in report.get_json()["tables"] if t["key"] == "cooperation")
    cells = {(r["key"], c): v for r in cooperation["rows"] for c, v in r["cells"].items()}
    # By hand: a thesis topic (1 March) and a new order (1 April), both Sataedu's: events, shown though small.
    assert cells[("sataedu", "thesis")] == 1 and cells[("sataedu", "order")] == 1 and cells[("total", "total")] == 2
