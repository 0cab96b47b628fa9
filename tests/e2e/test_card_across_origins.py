"""Matching's suggestions on intake's client card where intake and matching each have an origin of their own
(compose: a port each).

The network is served three times: the portal's address, intake's and matching's on ports of one host. Sataedu's
manager logs in at the portal, opens a client's card on intake's origin, and the card's list of suggestions, asked
from matching across origins with the login's cookie (shared.web.cors), appears in place of the plain link.
"""
from __future__ import annotations

import uuid

import pytest
from playwright.sync_api import expect

from shared.reference import esco
from tests.support import network as net
from tests.support.browser import submit_login
from tests.support.intake_partners import record_partner
from tests.support.origins import Later, serving

pytestmark = [pytest.mark.e2e, pytest.mark.browser]

INTAKE_API = "/intake/api/v1"
SHOWN = 15_000


@pytest.fixture
def origins(tmp_path, monkeypatch):
    """(the running network, the portal's origin, intake's origin, matching's origin)."""
    later = Later()
    with serving(later) as portal, serving(later) as intake, serving(later) as matching:
        monkeypatch.setenv("INTAKE_URL", intake + "/intake/")
        monkeypatch.setenv("MATCHING_URL", matching + "/matching/")
        network = net.build(tmp_path, portal_url=portal + "/").start()
        later.app = network.wsgi
        try:
            yield network, portal, intake, matching
        finally:
            network.shutdown()


def client_with_a_suggestion(network) -> str:
    """A client of Sataedu with a skill that partner1's need "Kokoonpanija" asks for: matching suggests it."""
    skill = esco.load_taxonomy().uris[100]
    manager = net.client_as(network, "manager1")
    created = manager.post(f"{INTAKE_API}/clients", json={
        "first_name": "Eero" + uuid.uuid4().hex[:6], "last_name": "Esimerkki", "birth_date": "2002-03-04",
        "home_municipality": "214", "field_of_education": "07",
        "consents": {"service": True, "profile_sharing": True}})
    assert created.status_code == 201, created.get_json()
    client_id = created.get_json()["id"]
    manager.put(f"{INTAKE_API}/clients/{client_id}/profile", json={"municipalities": ["214"], "languages": ["fi"]})
    manager.post(f"{INTAKE_API}/clients/{client_id}/profile/skills",
                 json={"skill_uri": skill, "level": 4, "evidence": "self"})
    record_partner(network, manager, name="Konepaja Virtanen Oy", kind="company", municipality="214",
                   organisation="konepaja-virtanen")
    need = net.client_as(network, "partner1").post(f"{INTAKE_API}/competence-needs", json={
        "title": "Kokoonpanija", "work_type": "part_time", "municipality": "214", "languages": ["fi"],
        "skills": [{"uri": skill, "essential": True, "level": 3}]})
    assert need.status_code == 201, need.get_json()
    assert network.settle()
    return client_id


def test_the_client_card_on_intakes_origin_shows_matchings_suggestions(origins, page):
    network, portal, intake, matching = origins
    client_id = client_with_a_suggestion(network)
    asked = []
    page.on("request", lambda request: asked.append(request) if request.url.startswith(matching) else None)
    page.goto(portal + "/login")
    submit_login(page, "manager1")
    page.wait_for_url(intake + "/intake/desk")

    answer = page.goto(f"{intake}/intake/clients/{client_id}")
    connect = answer.headers["content-security-policy"].split("connect-src", 1)[1].split()
    assert sorted(connect) == sorted(["'self'", portal, matching])
    card = page.locator("section[aria-labelledby=suggestions-card-title]")
    shown = card.locator(".suggestion-list a").filter(has_text="Kokoonpanija")
    expect(shown).to_be_visible(timeout=SHOWN)
    assert shown.get_attribute("href").startswith(matching + "/matching/suggestions/")  # matching's, not intake's

    fragment = next(request for request in asked if "/suggestions" in request.url)
    assert fragment.method == "GET" and fragment.headers.get("hx-request") == "true"
    # neither the card's address nor intake's CSRF token leaves intake's origin
    assert "hx-current-url" not in fragment.headers and "x-csrftoken" not in fragment.headers
    assert page.url == f"{intake}/intake/clients/{client_id}"

    shown.click()  # the suggestion opens at matching, signed in by the same cookie
    page.wait_for_url(matching + "/matching/suggestions/*")
    expect(page.locator("h1")).to_contain_text("Kokoonpanija")
