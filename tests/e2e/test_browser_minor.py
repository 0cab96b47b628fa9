"""A 16-year-old's journey in a real browser (headless Chromium, Finnish), issue 14's "done when":

the manager registers her; she gives her optional consents herself; a partner's accepted match waits for her
own acceptance, which she gives, and only then her contact reaches the partner; the manager records her
guardian and the guardian's request, she objects to guardian access and the request cannot be granted; she
files her erasure request herself on her page, the manager decides it, and she sees the decision. Every page
she and the manager use stays within a 390 px wide screen.
"""
from __future__ import annotations

import uuid
from datetime import date

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from services.intake.db import clients, guardian_requests, shared_contacts
from shared import clock
from tests.support import network as net
from tests.support.browser import log_in, served
from tests.support.intake_partners import record_partner

pytestmark = [pytest.mark.e2e, pytest.mark.browser]
TODAY = clock.today()
BIRTH = date(TODAY.year - 16, 1, 1) if (TODAY.month, TODAY.day) > (1, 1) else date(TODAY.year - 17, 1, 2)
EMAIL = "helmi.virtanen@example.fi"


@pytest.fixture
def site(tmp_path):
    """(the network, its address) served to the browser; the network's events move when a test settles it."""
    network = net.build(tmp_path)
    with served(network) as url:
        yield network, url


# What sticks out to the right (a table in its own scrolling box does not make the page scroll).
WIDE_ELEMENTS = """[...document.querySelectorAll('body *')]
    .filter(e => (e.getBoundingClientRect().right > 390 || e.scrollWidth > e.clientWidth + 1)
                 && !e.closest('.table-scroll') && !e.classList.contains('visually-hidden'))
    .slice(0, 8).map(e => e.tagName + '.' + e.className)"""


def fits_390(tab, path: str) -> None:
    """The page does not scroll sideways on a 390 px wide phone."""
    tab.set_viewport_size({"width": 390, "height": 844})
    tab.goto(path)
    width = tab.evaluate("document.documentElement.scrollWidth")
    wide = tab.evaluate(WIDE_ELEMENTS)
    assert width <= 390, f"{path} is {width} px wide at 390 px: {wide}"
    tab.set_viewport_size({"width": 1280, "height": 900})


def intake_rows(network, table, *where) -> list:
    with network.runtimes["intake"].db.session() as session:
        return session.execute(select(table).where(*where)).all()


def partner_need(network) -> tuple[str, str]:
    """Konepaja Virtanen Oy with a competence need, recorded by Sataedu's manager: (partner id, need id)."""
    manager = net.client_as(network, "manager1")
    partner = record_partner(network, manager, name="Konepaja Virtanen Oy", kind="company", business_id="2464491-9",
                             municipality="609", organisation="konepaja-virtanen")
    need = manager.post("/intake/api/v1/competence-needs", json={
        "partner_id": partner["id"], "title": "Kesätyöntekijä", "work_type": "summer", "people": 1})
    assert need.status_code == 201, need.get_json()
    assert network.settle()
    return partner["id"], need.get_json()["id"]


def managers_acceptance(network, client_id: str, need_id: str) -> None:
    """The manager accepts matching's suggestion of her for the need (matching's event, as it publishes it)."""
    with network.runtimes["matching"].work() as work:
        work.emit("matching.suggestion.accepted", {
            "suggestion_id": str(uuid.uuid4()), "client_id": client_id, "organisation": "sataedu",
            "target_kind": "need", "target_id": need_id, "environment_id": None, "reason": None})
    assert network.settle()


def test_a_16_year_olds_registration_consents_disclosure_guardian_and_erasure(site, page):  # noqa: F811
    network, url = site
    _partner_id, need_id = partner_need(network)

    # The manager registers her: guidance rests on the school's public task (the default register), so no
    # consent is asked for it; the optional ones are hers to give.
    log_in(page, url, "manager1")
    page.goto(url + "/intake/clients/new")
    page.get_by_label("Etunimi").fill("Helmi")
    page.get_by_label("Sukunimi").fill("Virtanen")
    page.get_by_label("Syntymäaika").fill(BIRTH.isoformat())
    page.get_by_label("Sähköposti").fill(EMAIL)
    page.get_by_label("Puhelin").fill("+358 40 765 1234")
    page.get_by_label("Kotikunta").select_option("609")
    assert page.get_by_label("Tämän organisaation palvelu").count() == 0
    page.get_by_role("button", name="Kirjaa", exact=True).click()
    page.wait_for_url("**/intake/clients/*")
    [client] = intake_rows(network, clients, clients.c.first_name == "Helmi")
    card_url = page.url
    assert "Helmi Virtanen" in page.locator("h1").inner_text()
    network.identity.create_user("helmi", "demo", display_name="Helmi Virtanen", organisation="sataedu",
                                 roles=["student"], client_id=client.id, demo=True)  # her login, as IT makes it

    # She gives her optional consents herself, in words a 15-year-old understands.
    student = page.context.browser.new_context(locale="fi-FI").new_page()
    log_in(student, url, "helmi")
    student.goto(url + "/intake/me")
    assert "Jos yritys tai yhdistys haluaa ottaa sinuun yhteyttä, kysymme ensin sinulta" in student.content()
    for title in ("Osaamisprofiilin jakaminen", "Yhteystiedot kumppanille"):
        student.locator("li.consent", has_text=title).get_by_role("button", name="Anna suostumus").click()
        expect(student.get_by_text(f"Suostumus annettu: {title}")).to_be_visible()

    # The manager accepts a partner's match: nothing travels, the question waits for her.
    managers_acceptance(network, client.id, need_id)
    assert intake_rows(network, shared_contacts, shared_contacts.c.client_id == client.id) == []
    student.goto(url + "/intake/me")
    question = student.locator("li.disclosure")
    assert "Konepaja Virtanen Oy haluaisi ottaa sinuun yhteyttä" in question.inner_text()
    question.get_by_role("button", name="Kyllä, he saavat ottaa yhteyttä").click()
    expect(student.get_by_text("Yhteystietosi annettiin kumppanille.")).to_be_visible()
    assert network.settle()
    [kept] = intake_rows(network, shared_contacts, shared_contacts.c.client_id == client.id)
    assert kept.email == EMAIL
    assert "annettiin kumppanille Konepaja Virtanen Oy" in student.locator("li.disclosure").inner_text()

    # The manager records her guardian and the guardian's request to see her data.
    page.goto(card_url)
    page.get_by_role("link", name="Huoltajat, heidän pyyntönsä ja nuoren vastustus").click()
    page.get_by_label("Huoltajan nimi").fill("Maija Virtanen")
    page.get_by_label("Puhelin").fill("+358 40 111 2222")
    page.get_by_role("button", name="Kirjaa huoltaja").click()
    expect(page.get_by_text("Huoltaja on kirjattu.")).to_be_visible()
    page.get_by_label("Nuoren tietojen näkemistä").check()
    page.get_by_role("button", name="Kirjaa pyyntö").click()
    expect(page.get_by_text("Huoltajan pyyntö on kirjattu.")).to_be_visible()
    guardians_url = page.url

    # She objects to guardian access on her own page; the manager cannot grant the request.
    student.goto(url + "/intake/me")
    assert "Maija Virtanen" in student.locator("section", has_text="Huoltajasi").inner_text()
    student.get_by_role("button", name="En halua, että huoltajani näkevät tietojani").click()
    expect(student.get_by_text("Tietojasi ei näytetä huoltajillesi.")).to_be_visible()
    page.goto(guardians_url)
    assert "Nuori vastustaa huoltajien pääsyä tietoihinsa" in page.content()
    page.get_by_role("button", name="Hyväksy").click()
    expect(page.get_by_text("Nuori vastustaa huoltajien pääsyä tietoihinsa: pyyntöä ei voi hyväksyä.")).to_be_visible()
    [request] = intake_rows(network, guardian_requests, guardian_requests.c.client_id == client.id)
    assert request.status == "open"

    # The pages she and the manager use fit a phone.
    for viewer, path in ((student, url + "/intake/me"), (page, guardians_url), (page, card_url),
                         (page, url + "/intake/clients/attention")):
        fits_390(viewer, path)

    # She files the erasure request herself, on her own page; it lands in the school's register of rights
    # requests with its one-month deadline, and she sees what the decision will do.
    student.goto(url + "/intake/me")
    student.get_by_role("link", name="Oikeuteni ja pyyntöni").click()
    student.wait_for_url("**/intake/me/rights")
    assert "Tietosi poistetaan. Jos laki vaatii säilyttämään osan niistä" in student.content()
    student.get_by_label("Poista tietoni").check()
    student.get_by_role("button", name="Lähetä pyyntö").click()
    expect(student.get_by_text("Pyyntösi on lähetetty.")).to_be_visible()
    mine = student.locator("article", has_text="Poista tietoni").inner_text()
    assert "Odottaa vastausta" in mine and "Mitä tiedoillesi tehdään" in mine and "Arkistoidaan" in mine
    fits_390(student, url + "/intake/me/rights")

    # The manager finds it on the desk and in the register, reads the decision and carries it out.
    page.goto(url + "/intake/clients/attention")
    page.locator("li", has_text="Helmi Virtanen").get_by_role("link", name="pyysi").click()
    page.wait_for_url("**/intake/rights/*")
    assert "Myöhässä" not in page.locator("main").inner_text()
    decision = page.locator("#erasure-decision").inner_text()
    assert "Asiakastiedot" in decision and "Arkistoidaan" in decision  # a school keeps its official records
    page.get_by_role("button", name="Toteuta päätös").click()
    page.wait_for_load_state()
    assert "Asiakastiedot arkistoitiin." in page.locator("main").inner_text()
    [archived] = intake_rows(network, clients, clients.c.id == client.id)
    assert archived.status == "archived"

    # She sees the answer and what was done.
    student.goto(url + "/intake/me/rights")
    mine = student.locator("article", has_text="Poista tietoni").inner_text()
    assert "Vastattu: tehty" in mine and "Mitä tiedoillesi tehtiin" in mine
