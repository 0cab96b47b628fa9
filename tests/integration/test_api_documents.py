"""What the fuzz found answering otherwise than documented, each checked directly: the error body, reporting's
answers and moments without their offset (SQLite drops it)."""
from __future__ import annotations

import pytest
from werkzeug.test import Client

from tests.support import network as net

pytestmark = pytest.mark.integration
SERVICES = ("intake", "matching", "environments", "reporting")


network = net.module_network("docs")


def spec_of(network, service: str) -> dict:
    response = Client(network.wsgi).get(f"/{service}/api/openapi.json" if service else "/api/openapi.json")
    assert response.status_code == 200
    return response.get_json()


@pytest.mark.parametrize("service", SERVICES)
def test_every_api_documents_the_error_body_it_sends(network, service):
    schemas = spec_of(network, service)["components"]["schemas"]
    assert schemas["Error"]["required"] == ["error"]
    assert schemas["Error"]["properties"]["error"] == {"$ref": "#/components/schemas/ErrorDetail"}
    assert set(schemas["ErrorDetail"]["properties"]) == {"code", "message", "fields"}
    refused = net.client_as(network, "manager1").get(f"/{service}/api/v1/nothing-here")
    assert refused.status_code == 404 and set(refused.get_json()) == {"error"}
    assert set(refused.get_json()["error"]) == {"code", "message", "fields"}


def test_reporting_documents_its_indicators_and_open_data(network):
    paths = spec_of(network, "reporting")["paths"]
    indicators = paths["/api/v1/indicators"]["get"]["responses"]["200"]["content"]
    assert indicators == {"application/json": {"schema": {"$ref": "#/components/schemas/ReportOut"}}}
    listed = paths["/api/v1/open-data"]["get"]
    assert listed["responses"]["200"]["content"] == {
        "application/json": {"schema": {"$ref": "#/components/schemas/ReleasesOut"}}}
    assert [p["name"] for p in listed.get("parameters", [])] == []  # no filters: only published releases
    one = paths["/api/v1/open-data/{period}"]["get"]
    assert set(one["responses"]["200"]["content"]) == {"application/json", "text/csv"}
    assert "404" in one["responses"] and [p["name"] for p in one["parameters"] if p["in"] == "query"] == ["format"]
    answer = net.client_as(network, "coordinator").get("/reporting/api/v1/indicators")
    assert answer.status_code == 200
    assert set(answer.get_json()) == {"period", "filters", "breakdown", "cards", "progress", "transition_curves",
                                      "tables", "view"}
    assert answer.get_json()["view"] == "exact"  # the coordinator's own view (issue 15 item 6)


def test_moments_carry_their_utc_offset_on_sqlite(network):
    manager = net.client_as(network, "manager1")
    created = manager.post("/environments/api/v1/environments", json={"name": "Kahvila", "capacity": 3})
    assert created.status_code == 201, created.get_json()
    body = created.get_json()
    assert body["created_at"].endswith("+00:00") and body["updated_at"].endswith("+00:00")


def test_the_portal_documents_its_token_endpoint(network):
    portal = spec_of(network, "").get("paths", {})
    operation = portal["/auth/token"]["post"]
    assert operation["requestBody"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/TokenRequest"}
    assert set(operation["responses"]) == {"200", "default"}
    token = Client(network.wsgi).post("/auth/token", json={"username": "manager1", "password": "demo"})
    assert token.status_code == 200 and set(token.get_json()) == {"access_token", "token_type", "expires_in"}
