"""An environment's conversation in a real browser (headless Chromium, Finnish), on a wide screen and a 390 px
phone: the partner's user finds it from their front page of learning environments, writes to the team, and the
student's service manager reads the message from the environment's page."""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.test_browser_minor import site  # noqa: F401 - the served network
from tests.support import network as net
from tests.support.browser import log_in
from tests.support.intake_partners import record_partner
from tests.support.walk.scenario import PYTHON

pytestmark = [pytest.mark.e2e, pytest.mark.browser]
ENVIRONMENTS = "/environments/api/v1/environments"


def environment_with_a_student(network, name: str) -> str:
    """An open environment of Sataedu with Konepaja Virtanen as its partner and one of Sataedu's students: its id."""
    manager = net.client_as(network, "manager1")
    partner = record_partner(network, manager, name="Konepaja Virtanen Oy", kind="company",
                             business_id="2464491-9", municipality="609", organisation="konepaja-virtanen")
    client = manager.post("/intake/api/v1/clients", json={
        "first_name": "Helmi", "last_name": "Hitsaaja", "birth_date": "2003-04-05", "home_municipality": "609",
        "gender": "woman", "mother_tongue": "fi", "consents": {"service": True}})
    assert client.status_code == 201, client.get_json()
    assert network.settle()
    created = manager.post(ENVIRONMENTS, json={
        "name": name, "description": "Opiskelijat kehittävät konepajan tuotantoa.", "fields_of_education": ["071"],
        "municipality": "609", "capacity": 3, "partner_ids": [partner["id"]], "need_ids": [],
        "roles": [{"title": "Tuotannon kehittäjä", "seats": 3, "fields": ["071"],
                   "skills": [{"uri": PYTHON, "level": 2}]}]})
    assert created.status_code == 201, created.get_json()
    env = created.get_json()
    url = f"{ENVIRONMENTS}/{env['id']}"
    review = {"items": [{"item": i["item"], "checked": True, "note": None} for i in env["review"]["items"]]}
    assert manager.put(f"{url}/review", json=review).status_code == 200
    assert manager.post(f"{url}/transitions", json={"to": "open"}).status_code == 200
    enrolled = manager.post(f"{url}/participants", json={
        "client_id": client.get_json()["id"], "role_id": env["roles"][0]["id"], "team_name": "Helmi"})
    assert enrolled.status_code == 201, enrolled.get_json()
    assert network.settle()
    return env["id"]


@pytest.mark.parametrize("width", [1280, 390])
def test_the_partner_writes_to_the_environments_team_and_the_students_manager_reads_it(site, page, width):  # noqa: F811
    network, url = site
    name = f"Konepajan tuotantopaja {width}"
    environment_with_a_student(network, name)

    partner = page.context.browser.new_context(locale="fi-FI", viewport={"width": width, "height": 844}).new_page()
    log_in(partner, url, "partner1")
    partner.goto(url + "/environments/")
    link = partner.locator("tr", has_text=name).get_by_role("link", name=re.compile(r"^Keskustelu\b"))
    expect(link).to_be_visible()
    link.click()
    assert partner.get_by_role("heading", name="Keskustelu oppimisympäristöstä").is_visible()
    partner.get_by_label("Viesti").fill("Tervetuloa! Aloitamme maanantaina kello 9 konepajalla.")
    partner.get_by_role("button", name="Lähetä").click()
    expect(partner.get_by_text("Tervetuloa! Aloitamme maanantaina kello 9 konepajalla.")).to_be_visible()
    assert partner.evaluate("document.documentElement.scrollWidth") <= width
    assert network.settle()

    manager = page.context.browser.new_context(locale="fi-FI", viewport={"width": width, "height": 844}).new_page()
    log_in(manager, url, "manager1")
    manager.goto(url + "/environments/")
    manager.get_by_role("link", name=name).click()
    manager.get_by_role("link", name="Keskustelu", exact=True).click()
    assert manager.get_by_role("heading", name="Keskustelu oppimisympäristöstä").is_visible()
    [message] = manager.locator("li.message").all()
    assert "Tervetuloa! Aloitamme maanantaina kello 9 konepajalla." in message.inner_text()
    assert "(Kumppani)" in message.inner_text()  # the author as the parties see them: a name and a role
    assert manager.evaluate("document.documentElement.scrollWidth") <= width
