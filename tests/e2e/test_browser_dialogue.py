"""The recruitment channel as a dialogue in a real browser (headless Chromium, Finnish), issue 16's "done when":

a partner's new need is suggested to a student, who says she is interested; the partner sees her as a
competence summary and asks for an introduction; her manager introduces her and she lets her contact go; the
partner interviews and hires her; the hire is an outcome on her card and a row of the coordinator's dashboard.
Each does their own part: only the manager's decision is the manager's.
"""
from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.e2e.test_browser_minor import site  # noqa: F401 - the served network
from tests.support import network as net
from tests.support.browser import log_in
from tests.support.intake_partners import record_partner
from tests.support.walk.scenario import PYTHON

pytestmark = [pytest.mark.e2e, pytest.mark.browser]


def test_a_need_to_a_hire_as_the_four_roles(site, page):  # noqa: F811
    network, url = site
    skill = PYTHON
    manager = net.client_as(network, "manager1")
    record_partner(network, manager, name="Konepaja Virtanen Oy", kind="company", business_id="2464491-9",
                   municipality="609", organisation="konepaja-virtanen")
    registered = manager.post("/intake/api/v1/clients", json={
        "first_name": "Helmi", "last_name": "Hitsaaja", "birth_date": "2003-04-05", "email": "helmi@example.fi",
        "home_municipality": "609", "gender": "woman", "mother_tongue": "fi",
        "consents": {"service": True, "profile_sharing": True, "contact_to_partner": True, "statistics": True}})
    assert registered.status_code == 201, registered.get_json()
    client_id = registered.get_json()["id"]
    manager.put(f"/intake/api/v1/clients/{client_id}/profile", json={
        "hours_per_week": 20, "work_types": ["part_time"], "municipalities": ["609"], "languages": ["fi"]})
    assert manager.post(f"/intake/api/v1/clients/{client_id}/profile/skills", json={
        "skill_uri": skill, "level": 4, "evidence": "self"}).status_code == 201
    network.identity.create_user("helmi", "demo", display_name="Helmi Hitsaaja", organisation="sataedu",
                                 roles=["student"], client_id=client_id, demo=True)

    # The partner's new need (its own API, as its recruiting system would send it).
    need = net.client_as(network, "partner1").post("/intake/api/v1/competence-needs", json={
        "title": "Hitsaaja kesäksi", "work_type": "part_time", "municipality": "609", "people": 1,
        "languages": ["fi"], "skills": [{"uri": skill, "essential": True, "level": 3}]})
    assert need.status_code == 201, need.get_json()
    need_id = need.get_json()["id"]
    assert network.settle()

    # The student sees the suggestion explained and says she is interested.
    student = page.context.browser.new_context(locale="fi-FI").new_page()
    log_in(student, url, "helmi")
    student.goto(url + "/matching/my/suggestions")
    card = student.locator("section.card", has_text="Hitsaaja kesäksi")
    assert "Mitä osaat, mikä sopii" in card.inner_text()
    card.get_by_label("Olen kiinnostunut", exact=True).check()
    card.get_by_label("Miksi (ei pakollinen)").fill("Olen hitsannut koulun projektissa.")
    card.get_by_role("button", name="Lähetä vastauksesi").click()
    expect(student.get_by_text("Vastauksesi lähetettiin palvelumanagerillesi.")).to_be_visible()
    assert network.settle()

    # The partner sees a competence summary, not the person, and asks for an introduction.
    partner_tab = page.context.browser.new_context(locale="fi-FI").new_page()
    log_in(partner_tab, url, "partner1")
    partner_tab.goto(url + "/matching/partner/needs")
    partner_tab.get_by_role("link", name="Hitsaaja kesäksi").click()
    candidate = partner_tab.locator("section.card", has_text="Ehdokas A")
    assert "Opiskelija on kiinnostunut" in candidate.inner_text() and "Helmi" not in partner_tab.content()
    candidate.get_by_role("button", name="Pyydä esittelyä: ehdokas A").click()
    expect(partner_tab.get_by_text("Toiveesi lähetettiin ehdokkaan palvelumanagerille")).to_be_visible()
    assert network.settle()

    # The manager sees her answer and the partner's wish, and introduces her.
    log_in(page, url, "manager1")
    page.goto(url + "/matching/suggestions")
    page.get_by_role("link", name="Hitsaaja kesäksi").first.click()
    facts = page.locator("dl.facts").first.inner_text()
    assert "Kiinnostunut: Olen hitsannut koulun projektissa." in facts and "pyysi esittelyä" in facts
    page.get_by_label("Hyväksy").check()
    page.get_by_role("button", name="Tallenna päätös").click()
    expect(page.get_by_text("Ehdotus on hyväksytty.")).to_be_visible()
    assert network.settle()

    # She lets her contact go to the partner.
    student.goto(url + "/intake/me")
    student.locator("li.disclosure").get_by_role("button", name="Kyllä, he saavat ottaa yhteyttä").click()
    expect(student.get_by_text("Yhteystietosi annettiin kumppanille.")).to_be_visible()
    assert network.settle()

    # Her contact went: on a phone (390 px), the partner's candidate card leads to the introduction's
    # conversation, where the partner writes to her; the page is no wider than the phone.
    phone = page.context.browser.new_context(locale="fi-FI", viewport={"width": 390, "height": 844})
    partner_phone = phone.new_page()
    log_in(partner_phone, url, "partner1")
    partner_phone.goto(url + f"/matching/partner/needs/{need_id}")
    link = partner_phone.locator("section.card", has_text="Ehdokas A").get_by_role(
        "link", name="Keskustelu ehdokkaan A kanssa")
    expect(link).to_be_visible()
    assert partner_phone.evaluate("document.documentElement.scrollWidth") <= 390
    link.click()
    assert partner_phone.get_by_role("heading", name="Keskustelu esittelystä").is_visible()
    partner_phone.get_by_label("Viesti").fill("Tervetuloa haastatteluun tiistaina!")
    partner_phone.get_by_role("button", name="Lähetä").click()
    expect(partner_phone.get_by_text("Tervetuloa haastatteluun tiistaina!")).to_be_visible()
    assert partner_phone.evaluate("document.documentElement.scrollWidth") <= 390
    phone.close()

    # The partner interviews and hires her.
    partner_tab.goto(url + f"/matching/partner/needs/{need_id}")
    candidate = partner_tab.locator("section.card", has_text="Ehdokas A")
    assert "Esitelty" in candidate.inner_text()
    candidate.get_by_label("Mitä tapahtui").select_option("interviewed")
    candidate.get_by_role("button", name="Kirjaa, mitä tapahtui: ehdokas A").click()
    expect(partner_tab.get_by_text("Kiitos: tapahtunut on kirjattu.")).to_be_visible()
    candidate = partner_tab.locator("section.card", has_text="Ehdokas A")
    candidate.get_by_label("Mitä tapahtui").select_option("hired")
    candidate.get_by_role("button", name="Kirjaa, mitä tapahtui: ehdokas A").click()
    expect(partner_tab.get_by_text("Valitse työsuhteen laji.").first).to_be_visible()  # a hire names its kind
    candidate = partner_tab.locator("section.card", has_text="Ehdokas A")
    candidate.get_by_label("Mitä tapahtui").select_option("hired")
    candidate.get_by_label("Työsuhteen laji").select_option("part_time")
    candidate.get_by_role("button", name="Kirjaa, mitä tapahtui: ehdokas A").click()
    expect(partner_tab.get_by_text("Kiitos: tapahtunut on kirjattu.")).to_be_visible()
    assert "Palkattu (Osa-aikainen)" in partner_tab.locator("section.card", has_text="Ehdokas A").inner_text()
    assert network.settle()

    # The hire is an outcome on her card, and the need is filled.
    page.goto(url + f"/intake/clients/{client_id}")
    outcomes = page.locator("section", has_text="Tulokset").last.inner_text()
    assert "Työ, Osa-aikainen" in outcomes
    partner_tab.goto(url + "/matching/partner/needs")
    assert "\tTäytetty\t" in partner_tab.locator("tr", has_text="Hitsaaja kesäksi").inner_text()

    # And a row of the coordinator's dashboard, named by the need: the coordinator's view is exact (issue 15), so
    # the row reads one suggestion, one introduction, one interview, no try-out, one hire.
    coordinator = page.context.browser.new_context(locale="fi-FI").new_page()
    log_in(coordinator, url, "coordinator")
    coordinator.goto(url + "/reporting/")
    row = coordinator.locator("table tr", has_text="Hitsaaja kesäksi")
    assert row.inner_text().split("\t")[:6] == ["Hitsaaja kesäksi", "1", "1", "1", "0", "1"]
