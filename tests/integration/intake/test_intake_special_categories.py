"""A member that switched the health-related need categories off: they are not offered and not accepted (422
naming the field); other organisations' managers, partners and the coordinator never see a client's needs."""
from __future__ import annotations

import re

import pytest

from demo import identity as demo
from shared import embedded
from tests.integration.intake.client_helpers import API, csrf_of, register
from tests.support import network as net

HTML = {"Accept": "text/html"}


@pytest.fixture(scope="module")
def network(tmp_path_factory):
    configs = net.configs(tmp_path_factory.mktemp("special"))
    configs["intake"] = configs["intake"].with_(disabled_need_categories="health,study_difficulties")
    built = embedded.build(configs)
    demo.seed(built.identity)
    yield built
    built.shutdown()


@pytest.fixture(scope="module")
def manager(network):
    return net.client_as(network, "manager1")


def test_a_switched_off_category_is_refused_by_the_api_naming_the_field(manager):
    client = register(manager)
    refused = manager.post(f"{API}/{client['id']}/needs", json={"category": "health", "priority": 1})
    assert refused.status_code == 422
    assert list(refused.get_json()["error"]["fields"]) == ["category"]
    assert manager.get(f"{API}/{client['id']}/needs").get_json() == []  # nothing stored
    accepted = manager.post(f"{API}/{client['id']}/needs", json={"category": "housing", "priority": 2})
    assert accepted.status_code == 201


def test_the_page_does_not_offer_it_and_refuses_it_beside_the_field(manager):
    client = register(manager)
    page = manager.get(f"/intake/clients/{client['id']}/needs", headers=HTML)
    options = set(re.findall(r'<option value="([a-z_]+)"', page.get_data(as_text=True)))
    assert "housing" in options and not options & {"health", "study_difficulties"}
    posted = manager.post(f"/intake/clients/{client['id']}/needs", headers=HTML, data={
        "csrf_token": csrf_of(page.get_data(as_text=True)), "category": "health", "priority": "1"})
    assert posted.status_code == 422
    assert 'id="category-error"' in posted.get_data(as_text=True)  # the message beside the field


@pytest.mark.parametrize("username", ["manager2", "partner1", "coordinator", "admin"])
def test_nobody_but_the_clients_own_organisations_managers_sees_the_needs(network, manager, username):
    client = register(manager)
    manager.post(f"{API}/{client['id']}/needs", json={"category": "housing", "priority": 2,
                                                       "description": "Asuu kaverin luona"})
    other = net.client_as(network, username)
    assert other.get(f"{API}/{client['id']}/needs").status_code in (403, 404)
    assert other.get(f"/intake/clients/{client['id']}/needs", headers=HTML).status_code in (403, 404)
