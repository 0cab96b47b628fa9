"""Errors inside the site: 400, 403, 404 and 500 answer a browser with a page in the layout and its language,
with a way back; API clients still get JSON."""
from __future__ import annotations

import functools
import re

import pytest
from werkzeug.test import Client

from tests.support import network as net

pytestmark = pytest.mark.integration

network = net.module_network("error-pages")

# What Chromium sends when it opens a page; werkzeug ranks its last entry (with a parameter) "best".
BROWSER = ("text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,image/apng,*/*;q=0.8,"
           "application/signed-exchange;v=b3;q=0.7")
SERVICES = ["", "/intake", "/matching", "/environments", "/reporting"]


def browser(network, username: str | None = None, lang: str = "fi") -> Client:
    client = Client(network.wsgi)
    if username:
        client.set_cookie("kampus_token", net.token_for(network, username), domain="localhost")
    client.set_cookie("kampus_lang", lang, domain="localhost")
    return client


def get(client: Client, path: str, **headers):
    return client.get(path, headers={"Accept": BROWSER, "Accept-Language": "fi", **headers})


def assert_error_page(response, status: int, lang: str, heading: str, front_page: str) -> str:
    body = response.get_data(as_text=True)
    assert response.status_code == status
    assert response.content_type.startswith("text/html"), body[:200]
    assert f'<html lang="{lang}">' in body
    assert 'class="site-header"' in body and 'id="main"' in body, "the page is in the site's layout"
    assert re.search(r"<h1>\s*" + re.escape(heading) + r"\s*</h1>", body), body
    assert f">{front_page}</a>" in body, "a way back to the front page"
    return body


@pytest.mark.parametrize("service", SERVICES)
@pytest.mark.parametrize("username", ["manager1", None])
def test_an_unknown_address_in_every_service_is_a_finnish_page_in_the_layout(network, service, username):
    response = get(browser(network, username), f"{service}/ei-ole-olemassa")
    assert_error_page(response, 404, "fi", "Sivua ei löytynyt", "Siirry etusivulle")


@pytest.mark.parametrize(("lang", "heading", "front_page"), [
    ("sv", "Sidan hittades inte", "Gå till startsidan"),
    ("en", "Page not found", "Go to the front page"),
])
def test_the_not_found_page_speaks_the_chosen_language(network, lang, heading, front_page):
    response = get(browser(network, "manager1", lang), "/intake/ei-ole-olemassa")
    assert_error_page(response, 404, lang, heading, front_page)


def test_a_page_of_another_role_is_refused_with_a_page_that_leads_back(network):
    student = browser(network, "student1")
    response = get(student, "/intake/clients", Referer="http://localhost/intake/me")
    body = assert_error_page(response, 403, "fi", "Sinulla ei ole oikeutta käyttää tätä sivua", "Siirry etusivulle")
    assert '<a href="/intake/me">Takaisin edelliselle sivulle</a>' in body


def test_a_form_sent_without_its_csrf_token_gets_the_bad_request_page(network):
    manager = browser(network, "manager1")
    response = manager.post("/intake/clients/new", data={"first_name": "Ilman", "last_name": "Tunnistetta"},
                            headers={"Accept": BROWSER, "Referer": "http://localhost/intake/clients/new"})
    body = assert_error_page(response, 400, "fi", "Pyyntöä ei voitu käsitellä", "Siirry etusivulle")
    assert '<a href="/intake/clients/new">Takaisin edelliselle sivulle</a>' in body


def test_a_way_back_never_leads_off_the_site(network):
    response = get(browser(network, "student1"), "/intake/clients", Referer="https://example.org/intake/me")
    assert "Takaisin edelliselle sivulle" not in response.get_data(as_text=True)


def test_an_unexpected_failure_gets_the_error_page_in_the_layout(network, monkeypatch):
    app = network.apps["intake"]

    endpoint = next(rule.endpoint for rule in app.url_map.iter_rules() if rule.rule == "/clients/new")

    @functools.wraps(app.view_functions[endpoint])  # keeps the view's declared access
    def broken(*args, **kwargs):
        raise RuntimeError("a bug")

    monkeypatch.setitem(app.view_functions, endpoint, broken)
    response = get(browser(network, "manager1"), "/intake/clients/new")
    body = assert_error_page(response, 500, "fi", "Jokin meni vikaan", "Siirry etusivulle")
    assert "a bug" not in body and "Traceback" not in body


@pytest.mark.parametrize("accept", ["application/json", "*/*"])
def test_api_clients_still_get_json(network, accept):
    response = browser(network, "manager1").get("/intake/ei-ole-olemassa", headers={"Accept": accept})
    assert response.status_code == 404 and response.is_json
    assert response.get_json()["error"]["code"] == "not_found"
