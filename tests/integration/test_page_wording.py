"""What people read on the pages: organisations by name, never by code (issue 20, item 1)."""
from __future__ import annotations

import re

import pytest
from werkzeug.test import Client

from tests.support import network as net

pytestmark = pytest.mark.integration

network = net.module_network("page-wording")


def browser(network, username: str, lang: str = "fi") -> Client:
    client = Client(network.wsgi)
    client.set_cookie("kampus_token", net.token_for(network, username), domain="localhost")
    client.set_cookie("kampus_lang", lang, domain="localhost")
    return client


def page(client: Client, path: str) -> str:
    response = client.get(path, headers={"Accept": "text/html"})
    assert response.status_code == 200, path
    return response.get_data(as_text=True)


def cells(html: str) -> list[str]:
    return [" ".join(re.sub(r"<[^>]+>", " ", c).split()) for c in re.findall(r"<td[^>]*>(.*?)</td>", html, re.S)]


def test_the_service_catalogue_and_the_header_name_organisations_not_codes(network):
    response = net.client_as(network, "manager2").post("/intake/api/v1/services", json={"name": "Opinto-ohjaus"})
    assert response.status_code == 201, response.get_json()
    html = page(browser(network, "manager1"), "/intake/services")
    shown = cells(html)
    assert "Satakunnan ammattikorkeakoulu (demo)" in shown  # manager2 works at samk (demo/identity.py)
    assert "samk" not in shown
    header = re.search(r'<span class="user__org">(.*?)</span>', html).group(1)
    assert header == "Sataedu (demo)"


def test_the_environment_form_offers_checkboxes_and_organisations_by_name(network):
    from tests.integration.environments.helpers import csrf_of

    manager = browser(network, "manager1")
    html = page(manager, "/environments/environments/new")
    assert "<select multiple" not in html and "multiple" not in re.sub(r"<p[^>]*>.*?</p>", "", html, flags=re.S)
    boxes = dict(re.findall(r'<input id="(institutions-\d+)" name="institutions" type="checkbox" value="([^"]+)">',
                            html))
    assert "sataedu" not in boxes.values() and "samk" in boxes.values()  # the host's own is not a choice
    samk = next(i for i, code in boxes.items() if code == "samk")
    label = rf'<label class="field__option-label" for="{samk}">Satakunnan ammattikorkeakoulu \(demo\)</label>'
    assert re.search(label, html)
    assert 'name="fields_of_education" type="checkbox" value="061"' in html
    response = manager.post("/environments/environments/new", data={
        "csrf_token": csrf_of(html), "name": "Valintaruutujen projekti", "capacity": "5",
        "institutions": ["samk", "winnova"], "fields_of_education": ["061", "071"]}, headers={"Accept": "text/html"})
    assert response.status_code == 303, response.get_data(as_text=True)[-2000:]
    listed = net.client_as(network, "manager1").get("/environments/api/v1/environments").get_json()
    listed_one = next(e for e in listed if e["name"] == "Valintaruutujen projekti")
    created = net.client_as(network, "manager1").get(f"/environments/api/v1/environments/{listed_one['id']}").get_json()
    assert sorted(created["institutions"]) == ["samk", "sataedu", "winnova"]
    assert sorted(f["code"] for f in created["fields_of_education"]) == ["061", "071"]
