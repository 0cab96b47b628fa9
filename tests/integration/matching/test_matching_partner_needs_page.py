"""The partner's candidates page names a need's status with the word of the partner's needs page ("Päättynyt",
not "suljettu") and its menu entry as the other pages do ("Ehdokkaat"): found walking the product as a partner."""
from __future__ import annotations

import re

import pytest

from tests.support import network as net
from tests.support.intake_partners import browser_as, record_partner

pytestmark = pytest.mark.integration
INTAKE = "/intake/api/v1"


@pytest.fixture(scope="module")
def network(tmp_path_factory):
    network = net.build(tmp_path_factory.mktemp("partner-needs"))
    yield network
    network.shutdown()


def test_the_status_and_the_menu_read_as_on_the_needs_page(network):
    record_partner(network, net.client_as(network, "manager1"), name="Konepaja Virtanen Oy", kind="company",
                   municipality="214", organisation="konepaja-virtanen")
    api = net.client_as(network, "partner1")
    for title, status in (("Sorvaaja", "closed"), ("Hitsaaja", "filled"), ("Asentaja", "open")):
        created = api.post(f"{INTAKE}/competence-needs", json={"title": title, "work_type": "part_time",
                                                               "status": status})
        assert created.status_code == 201, created.get_json()
    assert network.settle()
    partner = browser_as(network, "partner1")
    needs = partner.get("/intake/my/needs").text
    assert all(f"<td>{word}" in needs for word in ("Päättynyt", "Täytetty", "Avoin"))
    page = partner.get("/matching/partner/needs").text
    rows = re.findall(r"<tr><td><a [^>]*>(\w+)</a></td><td>(\w+)</td>", page)
    assert sorted(rows) == [("Asentaja", "Avoin"), ("Hitsaaja", "Täytetty"), ("Sorvaaja", "Päättynyt")]
    assert re.search(r'href="/matching/partner/needs"[^>]*>\s*Ehdokkaat\s*<', page)
    swedish = browser_as(network, "partner1")
    swedish.set_cookie("kampus_lang", "sv")
    rows = re.findall(r"<tr><td><a [^>]*>(\w+)</a></td><td>(\w+)</td>", swedish.get("/matching/partner/needs").text)
    assert sorted(rows) == [("Asentaja", "Öppen"), ("Hitsaaja", "Tillsatt"), ("Sorvaaja", "Avslutad")]
