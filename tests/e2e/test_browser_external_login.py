"""Issue 17, item 6, in a real browser, in Finnish, on a 390 px phone: a student signed in at their organisation's
own login finds the invitation's page from their (still empty) own page, types the printed code, and lands on
their own page; their manager's client card
says the login is linked to the organisation's login. Nothing scrolls sideways."""
from __future__ import annotations

import pytest
from playwright.sync_api import expect
from werkzeug.test import Client

from shared.auth.keys import jwks, new_signing_key
from tests.e2e.test_responsive import WIDER_THAN_WINDOW
from tests.integration.auth.test_issuer_keys import NETWORK_YAML, SAMK_ISSUER, SATAEDU_ISSUER, JwksServer, claims
from tests.support import network as net
from tests.support.browser import served, signed_in

pytestmark = [pytest.mark.e2e, pytest.mark.browser]
PHONE = {"width": 390, "height": 844}


@pytest.fixture
def site(tmp_path):
    issuer = JwksServer()
    key = new_signing_key()
    issuer.documents["/sataedu/jwks.json"] = jwks([key])
    issuer.documents["/samk/jwks.json"] = jwks([new_signing_key()])
    network_file = tmp_path / "network.yaml"
    network_file.write_text(NETWORK_YAML.format(url=issuer.url, samk=SAMK_ISSUER, sataedu=SATAEDU_ISSUER))
    network = net.build(tmp_path, jwt_signing="eddsa", network_file=str(network_file))
    try:
        with served(network) as address:
            yield network, address, key
    finally:
        issuer.close()


def test_a_student_signed_in_at_their_organisation_links_the_invitation_on_a_phone(site, browser):  # noqa: F811
    network, url, key = site
    token = Client(network.wsgi).post("/auth/token", json={"username": "manager1", "password": "demo"}) \
        .get_json()["access_token"]
    manager = net.client_with_token(network, token)
    client_id = manager.post("/intake/api/v1/clients", json={
        "first_name": "Aino", "last_name": "Virtanen", "birth_date": "2004-03-01", "home_municipality": "609",
        "consents": {}}).get_json()["id"]
    code = manager.post("/api/v1/student-accounts", json={"client_id": client_id}).get_json()["code"]

    student = browser.new_context(locale="fi-FI", viewport=PHONE)
    try:
        external = key.sign({**claims(SATAEDU_ISSUER, "sataedu", roles=("student",), sub="ext-aino"),
                             "name": "Aino Virtanen"})
        student.add_cookies([{"name": "kampus_token", "value": external, "url": url}])
        tab = student.new_page()
        tab.goto(f"{url}/intake/me")  # signed in, linked to nothing yet: the page offers the code
        assert not tab.evaluate(WIDER_THAN_WINDOW)
        offer = tab.get_by_role("link", name="Onko sinulla kutsun koodi? Anna se tästä.")
        assert offer.get_attribute("href").endswith("/welcome")  # the network file's portal address (portal.test)
        tab.goto(f"{url}/welcome")
        expect(tab.get_by_text("Olet kirjautunut organisaatiosi tunnuksella")).to_be_visible()
        assert tab.get_by_label("Uusi salasana", exact=True).count() == 0, "no password is asked for"
        tab.get_by_label("Koodi").fill(code.lower().replace("-", " "))  # typed from the printed letter
        assert not tab.evaluate(WIDER_THAN_WINDOW), "the page does not scroll sideways at 390 px"
        tab.get_by_role("button", name="Yhdistä tunnukseni").click()
        tab.wait_for_url(f"{url}/intake/me")
        assert tab.get_by_text("Hei, Aino!").is_visible()
        assert not tab.evaluate(WIDER_THAN_WINDOW)
    finally:
        student.close()

    with signed_in(browser, url, "manager1", viewport=PHONE) as tab:
        tab.goto(f"{url}/intake/clients/{client_id}")
        assert tab.get_by_text("Käytössä, yhdistetty asiakkaan organisaation tunnukseen").is_visible()
        assert tab.get_by_role("button", name="Poista tunnus käytöstä").is_visible()
        assert not tab.evaluate(WIDER_THAN_WINDOW)
