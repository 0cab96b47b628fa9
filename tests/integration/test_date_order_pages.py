"""An end date before the start date is refused beside the end date on the forms that take both, and nothing
is stored: the environment form and the competence need form."""
from __future__ import annotations

import re

import pytest
from werkzeug.test import Client

from tests.integration.environments.helpers import csrf_of
from tests.support import network as net
from tests.support.intake_partners import record_partner

pytestmark = pytest.mark.integration

network = net.module_network("date-order")
MESSAGE = "Päättymispäivä ei voi olla ennen alkamispäivää."


def browser(network, username: str) -> Client:
    client = Client(network.wsgi)
    client.set_cookie("kampus_token", net.token_for(network, username), domain="localhost")
    return client


def post_form(client: Client, path: str, data: dict):
    form = client.get(path, headers={"Accept": "text/html"}).get_data(as_text=True)
    return client.post(path, data={"csrf_token": csrf_of(form), **data}, headers={"Accept": "text/html"})


def error_beside(html: str, field_id: str) -> str:
    """The error list tied to a field (its id-error list), as the shared form macro renders it."""
    found = re.search(rf'<ul class="field__errors" id="{field_id}-error">(.*?)</ul>', html, re.S)
    return " ".join(re.sub(r"<[^>]+>", " ", found.group(1)).split()) if found else ""


def test_an_environment_that_ends_before_it_starts_is_refused_beside_the_end_date(network):
    manager = browser(network, "manager1")
    response = post_form(manager, "/environments/environments/new", {
        "name": "Takaperoinen projekti", "capacity": "5", "starts_on": "2027-03-01", "ends_on": "2027-02-01"})
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert MESSAGE in error_beside(html, "ends_on"), html
    listed = net.client_as(network, "manager1").get("/environments/api/v1/environments").get_json()
    assert "Takaperoinen projekti" not in [e["name"] for e in listed]


def test_a_competence_need_that_ends_before_it_starts_is_refused_beside_the_end_date(network):
    partner = record_partner(network, net.client_as(network, "manager1"), name="Päiväys Oy", kind="company")
    manager = browser(network, "manager1")
    path = f"/intake/partners/{partner['id']}/needs/new"
    response = post_form(manager, path, {"title": "Takaperoinen tarve", "work_type": "short_term", "status": "open",
                                         "start_date": "2027-03-01", "end_date": "2027-02-01"})
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert MESSAGE in error_beside(html, "end_date"), html


def test_a_report_period_that_ends_before_it_starts_is_refused_beside_its_end(network):
    coordinator = browser(network, "coordinator")
    response = coordinator.get("/reporting/?start=2026-03-01&end=2026-02-01", headers={"Accept": "text/html"})
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "Jakso ei voi päättyä ennen alkamistaan." in error_beside(html, "end"), html[-3000:]
