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
