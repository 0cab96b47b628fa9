"""The rights register in a real browser (headless Chromium): an overdue request first, its page, an extension."""
from __future__ import annotations

from datetime import timedelta

import pytest

from shared import clock
from tests.support import network as net
from tests.support.browser import log_in, served

pytestmark = [pytest.mark.e2e, pytest.mark.browser]
API = "/intake/api/v1"


@pytest.fixture
def server(tmp_path):
    network = net.build(tmp_path)
    manager = net.client_as(network, "manager1")
    client = manager.post(f"{API}/clients", json={
        "first_name": "Ronja", "last_name": "Rautio", "birth_date": "2005-02-02", "home_municipality": "214",
        "consents": {"service": True}}).get_json()["id"]
    today = clock.today()
    for kind, days in (("rectification", 0), ("access", 40)):
        response = manager.post(f"{API}/rights-requests", json={
            "client_id": client, "kind": kind, "received_on": (today - timedelta(days=days)).isoformat()})
        assert response.status_code == 201, response.get_json()
    with served(network) as url:
        yield url


def test_a_manager_sees_the_overdue_request_first_and_extends_it(server, page):
    log_in(page, server, "manager1")
    page.goto(server + "/intake/rights")
    assert page.get_by_role("heading", name="Oikeuspyynnöt", level=1).is_visible()
    rows = page.locator("#rights-register tbody tr")
    assert rows.count() == 2
    first = rows.nth(0).inner_text()
    assert "Ronja Rautio" in first and "Tietojen saanti" in first and "Myöhässä" in first
    assert "Ajallaan" in rows.nth(1).inner_text()
    assert "1 pyyntö on myöhässä." in page.locator("main").inner_text()

    rows.nth(0).get_by_role("link", name="Ronja Rautio").click()
    page.wait_for_load_state()
    page.get_by_role("button", name="Pidennä").click()  # no reason given: the message stands beside the field
    page.wait_for_load_state()
    assert "Anna syy, joka kerrotaan henkilölle." in page.locator("main").inner_text()
    page.get_by_label("Miksi tarvitaan lisäaikaa").fill("Pyyntöjä on tullut poikkeuksellisen paljon.")
    page.get_by_role("button", name="Pidennä").click()
    page.wait_for_load_state()
    assert "Määräaikaa pidennettiin." in page.locator("main").inner_text()
    assert "Pidennetty" in page.locator("main").inner_text()

    page.get_by_role("button", name="Svenska").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "sv"
    assert "Förlängd" in page.locator("main").inner_text()
    page.get_by_role("link", name="Alla begäranden om rättigheter").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", name="Begäranden om rättigheter", level=1).is_visible()


def test_an_erasure_from_the_client_card_is_a_decision_shown_before_it_is_carried_out(server, page):
    log_in(page, server, "manager1")
    page.goto(server + "/intake/clients")
    page.get_by_role("link", name="Rautio").first.click()
    page.wait_for_load_state()
    page.get_by_role("link", name="Poista tiedot").click()
    page.wait_for_load_state()
    assert page.get_by_label("Pyyntö").input_value() == "erasure"
    page.get_by_role("button", name="Tallenna").click()
    page.wait_for_load_state()
    decision = page.locator("#erasure-decision").inner_text()
    assert "Asiakastiedot" in decision and "Arkistoidaan" in decision and "arkistolain" in decision
    assert "Loki tietojen käsittelijöistä" in decision and "Säilytetään" in decision
    page.get_by_role("button", name="Toteuta päätös").click()
    page.wait_for_load_state()
    assert "Asiakastiedot arkistoitiin." in page.locator("main").inner_text()
    page.goto(server + "/intake/clients")
    assert "Rautio" not in page.locator("main").inner_text()  # archived: out of daily work
