"""With a network file (KAMPUS_NETWORK_FILE) each person's links, and the calls made on their behalf, reach
their own organisation's intake, not one intake for the whole network."""
from __future__ import annotations

import re
import uuid

import pytest
import yaml

from services.matching.web.intake_api import HttpIntakeApi, intake_api
from shared.auth.principal import Principal
from shared.config import Config
from shared.embedded import definition
from tests.support.identity import StandaloneIdentity

pytestmark = pytest.mark.integration

NETWORK = {"organisations": {
    "verkosto": {"name": "Verkosto", "kind": "development_organisation",
                 "hosts": {"portal": "https://kampus.example/", "matching": "https://kampus.example/matching/"}},
    "sataedu": {"name": "Sataedu", "kind": "educational_institution", "member": True,
                "hosts": {"intake": {"url": "https://sataedu.example/intake/",
                                     "api_url": "http://sataedu-intake:8000/"}}},
    "samk": {"name": "SAMK", "kind": "educational_institution", "member": True,
             "hosts": {"intake": {"url": "https://samk.example/intake/", "api_url": "http://samk-intake:8000/"}}},
    "konepaja": {"name": "Konepaja Oy", "kind": "company", "intake": "samk"},
}}


@pytest.fixture
def app_of(tmp_path):
    path = tmp_path / "network.yaml"
    path.write_text(yaml.safe_dump(NETWORK), encoding="utf-8")
    apps = []
    identity = StandaloneIdentity(tmp_path)

    def make(service: str, network_file=path):
        service_definition = definition(service)
        runtime = service_definition.runtime(Config(
            service=service, testing=True, network_file=str(network_file) if network_file else None,
            database_url=f"sqlite:///{tmp_path / (service + '.sqlite3')}"))
        app = service_definition.app_for(runtime, token_check=identity.check)
        app.extensions["kampus_test_identity"] = identity
        apps.append(app)
        return app

    yield make
    for app in apps:
        app.extensions["kampus"].close()
    identity.close()


def signed_in(app, organisation: str, *roles: str):
    principal = Principal(user_id=str(uuid.uuid4()), username="u", name="U", organisation=organisation,
                          roles=frozenset(roles))
    client = app.test_client()
    client.set_cookie("kampus_token", app.extensions["kampus_test_identity"].token(principal))
    return client


def hrefs(html: str) -> set[str]:
    return set(re.findall(r'href="([^"]+)"', html))


@pytest.mark.parametrize("organisation, roles, intake", [
    ("sataedu", ("manager",), "https://sataedu.example/intake/"),
    ("samk", ("manager",), "https://samk.example/intake/"),
    ("konepaja", ("partner",), "https://samk.example/intake/"),  # the member that recorded the partner
])
def test_the_navigation_leads_each_person_to_their_own_organisations_intake(app_of, organisation, roles, intake):
    page = signed_in(app_of("matching"), organisation, *roles).get("/suggestions" if "manager" in roles
                                                                    else "/partner/needs")
    assert page.status_code == 200
    links = hrefs(page.get_data(as_text=True))
    own = {link for link in links if link.startswith(intake)}
    others = {link for link in links if ".example/intake/" in link and not link.startswith(intake)}
    assert own and not others, links
    assert "https://kampus.example/" in links  # the portal, from the same file


def test_matching_calls_the_intake_of_the_clients_organisation(app_of):
    app = app_of("matching")
    with app.test_request_context("/"):
        assert isinstance(intake_api("samk"), HttpIntakeApi)
        assert intake_api("samk").base_url == "http://samk-intake:8000/"
        assert intake_api("sataedu").base_url == "http://sataedu-intake:8000/"


def test_the_portal_sends_a_signed_in_person_back_to_their_intake(app_of):
    portal = app_of("portal")
    with portal.test_request_context("/"):
        from services.portal.web.pages import _safe_next

        assert _safe_next("https://samk.example/intake/clients") == "https://samk.example/intake/clients"
        assert _safe_next("https://evil.example/intake/clients") != "https://evil.example/intake/clients"


def test_without_a_network_file_every_person_shares_the_one_intake_link(app_of, monkeypatch):
    monkeypatch.delenv("INTAKE_URL", raising=False)
    app = app_of("matching", network_file=None)
    links = hrefs(signed_in(app, "samk", "manager").get("/suggestions").get_data(as_text=True))
    assert "/intake/clients" in links
