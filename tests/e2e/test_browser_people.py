"""Issue 17 in a real browser, in Finnish: an invited student sets a password and sees their path; an import of
200 rows with 3 bad ones shows the 3 errors and imports nothing until the file is fixed; a manager enrols a
client into an environment by choosing the name (typing narrows the list).
"""
from __future__ import annotations

import csv
import io
import re
from datetime import date, timedelta

import pytest
from playwright.sync_api import expect
from sqlalchemy import func, select

from services.intake.db import clients
from tests.integration.environments.helpers import opened
from tests.support import network as net
from tests.support.browser import served, signed_in

pytestmark = [pytest.mark.e2e, pytest.mark.browser]


@pytest.fixture
def site(tmp_path):
    network = net.build(tmp_path)
    with served(network) as address:
        yield network, address


def register(network, first: str, last: str) -> str:
    answer = net.client_as(network, "manager1").post("/intake/api/v1/clients", json={
        "first_name": first, "last_name": last, "birth_date": "2004-03-01", "home_municipality": "609",
        "consents": {}})
    assert answer.status_code == 201, answer.get_json()
    return answer.get_json()["id"]


def client_count(network) -> int:
    with network.runtimes["intake"].db.session() as session:
        return session.execute(select(func.count()).select_from(clients)).scalar_one()


def test_an_invited_student_sets_a_password_and_sees_their_path(site, browser):  # noqa: F811
    network, url = site
    client_id = register(network, "Helmi", "Kutsuttu")
    goal = net.client_as(network, "manager1").post(f"/intake/api/v1/clients/{client_id}/path/goals", json={
        "kind": "work", "title": "Kesätyö konepajassa"})
    assert goal.status_code == 201, goal.get_json()
    with signed_in(browser, url, "manager1") as tab:
        tab.goto(f"{url}/intake/clients/{client_id}")
        tab.get_by_role("button", name="Kutsu palveluun").click()
        code = tab.locator("[data-invitation-code]").inner_text()
        username = tab.get_by_text("helmi.kutsuttu").first.inner_text()
        tab.goto(f"{url}/intake/clients/{client_id}")
        assert tab.get_by_text("Kutsuttu, ei vielä otettu käyttöön").is_visible()
    assert username == "helmi.kutsuttu" and re.fullmatch(r"[0-9A-Z]{4}(-[0-9A-Z]{4}){3}", code)

    student = browser.new_context(locale="fi-FI")
    try:
        tab = student.new_page()
        tab.goto(f"{url}/welcome#code={code}")  # the e-mail's link: the code only after #
        assert tab.url == f"{url}/welcome"  # taken off the address bar
        assert tab.get_by_label("Koodi").input_value() == code
        tab.get_by_role("button", name="Jatka").click()
        expect(tab.get_by_text("Käyttäjätunnuksesi on helmi.kutsuttu")).to_be_visible()
        tab.get_by_label("Uusi salasana", exact=True).fill("helmin-oma-salasana")
        tab.get_by_label("Toista uusi salasana", exact=True).fill("helmin-oma-salasana")
        tab.get_by_role("button", name="Aseta salasana ja kirjaudu sisään").click()
        tab.wait_for_url(f"{url}/intake/me")
        tab.goto(f"{url}/intake/me/path")
        assert tab.get_by_role("heading", name="Oma polku").is_visible()
        expect(tab.get_by_text("Kesätyö konepajassa").first).to_be_visible()
    finally:
        student.close()


def rows_csv(count: int, bad: dict[int, tuple[int, str]]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow(["first_name", "last_name", "birth_date", "home_municipality"])
    for i in range(count):
        cells = [f"Selain{i:03d}", "Tuonti", (date(2001, 1, 1) + timedelta(days=i)).isoformat(), "Pori"]
        if 2 + i in bad:
            column, value = bad[2 + i]
            cells[column] = value
        writer.writerow(cells)
    return out.getvalue().encode()


def test_an_import_of_200_rows_with_3_bad_shows_the_errors_and_imports_nothing_until_fixed(site, browser):  # noqa: F811
    network, url = site
    before = client_count(network)
    with signed_in(browser, url, "manager1") as tab:
        tab.goto(f"{url}/intake/clients")
        tab.get_by_role("link", name="Tuo tiedostosta").click()
        tab.get_by_label("Mitä tiedosto sisältää").select_option("clients")
        bad = {10: (2, "31.2.2001"), 100: (3, "Atlantis"), 200: (0, "")}
        tab.get_by_label("Tiedosto (CSV tai Excel)").set_input_files(
            {"name": "asiakkaat.csv", "mimeType": "text/csv", "buffer": rows_csv(200, bad)})
        tab.get_by_role("button", name="Lue tiedosto").click()
        expect(tab.get_by_text("3 rivillä 200:stä on virheitä. Mitään ei ole tuotu.")).to_be_visible()
        assert sorted(int(r) for r in tab.locator("[data-row-error]").evaluate_all(
            "rows => rows.map(r => r.dataset.rowError)")) == [10, 100, 200]
        expect(tab.locator("[data-row-error='100']").get_by_text("Tuntematon kunta")).to_be_visible()
        assert tab.get_by_label("Tuo kaikki rivit").count() == 0  # not offered while rows have errors
        assert client_count(network) == before

        tab.goto(f"{url}/intake/imports")
        tab.get_by_label("Tiedosto (CSV tai Excel)").set_input_files(
            {"name": "asiakkaat.csv", "mimeType": "text/csv", "buffer": rows_csv(200, {})})
        tab.get_by_role("button", name="Lue tiedosto").click()
        expect(tab.get_by_text("Kaikki 200 riviä ovat kunnossa.")).to_be_visible()
        tab.get_by_label("Tuo kaikki rivit").check()
        tab.get_by_role("button", name="Jatka").click()
        expect(tab.get_by_text("Tuotuja rivejä: 200.")).to_be_visible()
    assert client_count(network) == before + 200


def test_a_manager_enrols_a_client_by_choosing_the_name(site, browser):  # noqa: F811
    network, url = site
    register(network, "Aino", "Valittava")
    register(network, "Eero", "Muu")
    network.settle()
    environment = opened(net.client_as(network, "manager1"), network)
    with signed_in(browser, url, "manager1") as tab:
        tab.goto(f"{url}/environments/environments/{environment['id']}/enrol")
        picker = tab.get_by_label("Asiakas", exact=True)
        assert "Aino Valittava" in picker.inner_text() and "Eero Muu" in picker.inner_text()
        tab.get_by_label("Hae nimellä").fill("valitt")
        shown = picker.evaluate("s => [...s.options].filter(o => o.value && !o.hidden).map(o => o.text)")
        assert shown == ["Aino Valittava"]
        assert picker.evaluate("s => s.options[s.selectedIndex].text") == "Aino Valittava"
        tab.get_by_label("Rooli").select_option(index=1)
        tab.get_by_label("Nimi tiimissä").fill("Aino")
        tab.get_by_role("button", name="Ilmoita mukaan").click()
        expect(tab.get_by_text("Osallistuja ilmoitettiin mukaan.")).to_be_visible()
        assert not re.search(r"[0-9a-f]{8}-[0-9a-f]{4}", tab.locator("main").inner_text())
