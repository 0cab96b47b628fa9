"""Input no service can keep is refused with 4xx naming the field, on the API and on pages (issue 11, items 9-10).

Intake runs on SQLite and on PostgreSQL (which cannot store NUL in text); nothing refused is stored.
"""
from __future__ import annotations

import json

import pytest
from werkzeug.test import Client

from tests.integration.intake.client_helpers import browser, csrf_of, network_on, unique_client
from tests.support import network as net

pytestmark = pytest.mark.integration
CLIENTS = "/intake/api/v1/clients"
JSON = {"Content-Type": "application/json"}
HTML = {"Accept": "text/html"}
NUL_FI = "Poista tekstistä NUL-merkki (näkymätön ohjausmerkki)."


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def network(request, tmp_path_factory, postgres):
    with network_on(tmp_path_factory, postgres if request.param == "postgresql" else None) as network:
        yield network


@pytest.fixture(scope="module")
def api(network):
    return net.client_as(network, "manager1")


def stored_clients(api) -> int:
    response = api.get(CLIENTS, query_string={"per_page": 100})
    assert response.status_code == 200
    return response.get_json()["total"]


def fields_of(response) -> dict:
    return response.get_json()["error"]["fields"]


# --- item 9: causes of HTTP 500 -------------------------------------------------------------------------------
def test_json_nested_past_the_parser_is_400_naming_the_body(network, api):
    deep = "[" * 100_000 + "]" * 100_000
    response = api.post(CLIENTS, data=deep, headers=JSON)
    assert response.status_code == 400 and fields_of(response) == {
        "json": ["Nested too deeply: at most 32 levels of arrays and objects."]}
    anonymous = Client(network.wsgi).post("/auth/token", data=deep, headers=JSON)
    assert anonymous.status_code == 400 and list(fields_of(anonymous)) == ["json"]


def test_a_number_longer_than_the_parser_converts_is_400_naming_the_body(network, api):
    body = '{"first_name": "Aino", "education_level": ' + "1" * 5000 + "}"
    response = api.post(CLIENTS, data=body, headers=JSON)
    assert response.status_code == 400
    assert fields_of(response) == {"json": ["Not valid JSON: a number has too many digits."]}
    login = Client(network.wsgi).post("/auth/token", data=body, headers=JSON)
    assert login.status_code == 400 and list(fields_of(login)) == ["json"]


def test_json_nested_deeper_than_32_levels_is_400_naming_the_field(api):
    before = stored_clients(api)
    body = unique_client(first_name=json.loads("[" * 33 + "]" * 33))
    response = api.post(CLIENTS, json=body)
    assert response.status_code == 400 and list(fields_of(response)) == ["first_name"]
    at_the_limit = api.post(CLIENTS, json=unique_client(first_name=json.loads("[" * 31 + "]" * 31)))
    assert at_the_limit.status_code == 422  # 32 levels with the body itself: the schema, not the depth, refuses
    assert fields_of(at_the_limit) == {"first_name": ["Not a valid string."]}
    assert stored_clients(api) == before


def test_a_lone_surrogate_is_422_naming_the_field_and_nothing_is_stored(api):
    before = stored_clients(api)
    response = api.post(CLIENTS, data=json.dumps(unique_client(last_name="Ok\ud800")), headers=JSON)
    assert response.status_code == 422
    assert fields_of(response) == {"last_name": ["The text is not valid Unicode: remove the lone surrogate character."]}
    nested = api.post(CLIENTS, data=json.dumps(unique_client(languages=[{"code": "fi"}, {"code": "\udfff"}])),
                      headers=JSON)
    assert nested.status_code == 422 and list(fields_of(nested)["languages"]["1"]) == ["code"]
    assert stored_clients(api) == before


def test_a_lone_surrogate_in_the_portal_login_is_refused_without_a_server_error(network):
    response = Client(network.wsgi).post("/auth/token", data=json.dumps({"username": "\ud800", "password": "x"}),
                                         headers=JSON)
    assert response.status_code == 422 and list(fields_of(response)) == ["username"]


@pytest.mark.parametrize("page", [2**63, 2**63 - 1, 2**31])
def test_a_page_number_past_what_a_database_counts_is_422_naming_page(network, api, page):
    assert api.get(CLIENTS, query_string={"page": page}).status_code == 422
    assert list(fields_of(api.get(CLIENTS, query_string={"page": page}))) == ["page"]
    suggestions = api.get("/matching/api/v1/suggestions", query_string={"page": page})
    assert suggestions.status_code == 422 and list(fields_of(suggestions)) == ["page"]


def test_the_last_page_a_database_counts_is_just_empty(api):
    response = api.get(CLIENTS, query_string={"page": 2**31 - 1, "per_page": 100})
    assert response.status_code == 200 and response.get_json()["items"] == []


def test_page_numbers_on_pages_never_make_a_server_error(network):
    page = browser(net.client_as(network, "manager1"))
    token = csrf_of(page.get("/intake/clients").get_data(as_text=True))
    listed = page.post("/intake/clients", data={"csrf_token": token, "page": str(2**63), "status": "active"})
    assert listed.status_code == 200
    inbox = page.get("/matching/suggestions", query_string={"page": 2**63})
    assert inbox.status_code == 200


@pytest.mark.parametrize("period", ["0000-01", "9999-12", "1899-12", "3000-01"])
def test_a_month_outside_the_calendar_we_count_is_422_naming_period(network, period):
    coordinator = net.client_as(network, "coordinator")
    response = coordinator.get("/matching/api/v1/fairness", query_string={"period": period})
    assert response.status_code == 422
    assert fields_of(response) == {"period": ["Give a month as YYYY-MM, between 1900-01 and 2999-12."]}
    page = coordinator.get("/matching/fairness", query_string={"period": period}, headers=HTML)
    html = page.get_data(as_text=True)
    assert page.status_code == 200 and "Anna kuukausi muodossa VVVV-KK väliltä 1900-01–2999-12." in html


def test_the_first_and_last_month_we_count_are_answered(network):
    coordinator = net.client_as(network, "coordinator")
    for period in ("1900-01", "2999-12"):
        response = coordinator.get("/matching/api/v1/fairness", query_string={"period": period})
        assert response.status_code == 200 and response.get_json()["current"]["period"] == period


# --- item 10: NUL and fractions -----------------------------------------------------------------------------------
def test_nul_in_a_name_is_422_naming_the_field_and_nothing_is_stored(api):
    before = stored_clients(api)
    response = api.post(CLIENTS, json=unique_client(first_name="Ai\x00no"))
    assert response.status_code == 422
    assert fields_of(response) == {"first_name": [
        "Remove the NUL character (an invisible control character) from the text."]}
    assert stored_clients(api) == before


def test_nul_in_a_query_argument_is_422_naming_it(api):
    response = api.get("/environments/api/v1/environments", query_string={"service_area": "pohjois\x00"})
    assert response.status_code == 422 and list(fields_of(response)) == ["service_area"]
    listed = api.get(CLIENTS, query_string={"municipality": "214\x00"})
    assert listed.status_code == 422 and list(fields_of(listed)) == ["municipality"]


def test_nul_in_a_path_parameter_names_nothing_found(network):
    coordinator = net.client_as(network, "coordinator")
    response = coordinator.patch("/intake/api/v1/metrics/scales/know_wanted_work%00", json={})
    assert response.status_code == 404 and list(fields_of(response)) == ["key"]
    page = coordinator.get("/reporting/tables/reach%00.csv", headers=HTML)
    assert page.status_code == 404 and page.mimetype == "text/html"


@pytest.mark.parametrize("entry", [2**63, 2**70])
def test_an_integer_path_parameter_past_any_row_id_is_404(network, api, entry):
    client_id = api.post(CLIENTS, json=unique_client()).get_json()["id"]
    path = f"/intake/api/v1/clients/{client_id}/profile/skills/{entry}"
    assert api.patch(path, json={"level": 3}).status_code == 404
    assert api.delete(path).status_code == 404
    assert api.patch(f"/intake/api/v1/clients/{client_id}/profile/skills/{2**63 - 1}",
                     json={"level": 3}).status_code == 404  # the largest row id is looked up, and is not there
    spec = Client(network.wsgi).get("/intake/api/openapi.json").get_json()
    entry_id = next(p for p in spec["paths"]["/api/v1/clients/{client_id}/profile/skills/{entry_id}"]["parameters"]
                    if p["name"] == "entry_id")
    assert entry_id["schema"]["maximum"] == 2**63 - 1


def test_nul_in_a_page_form_is_shown_beside_the_field_and_nothing_is_stored(network, api):
    page = browser(api)
    before = stored_clients(api)
    token = csrf_of(page.get("/intake/clients/new").get_data(as_text=True))
    response = page.post("/intake/clients/new", data={
        "csrf_token": token, "first_name": "Vee\x00ra", "last_name": "Öhman", "birth_date": "2005-08-09",
        "home_municipality": "079", "education_level": "3", "consent_service": "y", "consent_method": "in_person"})
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    beside = html.split('id="first_name-error"', 1)
    assert len(beside) == 2 and NUL_FI in beside[1].split("</ul>", 1)[0]
    assert stored_clients(api) == before


@pytest.mark.parametrize("level", ["x", "1.5", "3\x00", "²"])
def test_a_level_that_is_no_choice_is_shown_beside_the_field_not_a_server_error(network, api, level):
    page = browser(api)
    before = stored_clients(api)
    token = csrf_of(page.get("/intake/clients/new").get_data(as_text=True))
    response = page.post("/intake/clients/new", data={
        "csrf_token": token, "first_name": "Veera", "last_name": "Öhman", "birth_date": "2005-08-09",
        "home_municipality": "079", "education_level": level, "consent_service": "y", "consent_method": "in_person"})
    assert response.status_code == 422
    beside = response.get_data(as_text=True).split('id="education_level-error"', 1)
    assert len(beside) == 2 and "</ul>" in beside[1]
    assert stored_clients(api) == before


def test_nul_in_an_environment_form_is_shown_beside_the_field(network):
    page = browser(net.client_as(network, "manager1"))
    token = csrf_of(page.get("/environments/environments/new").get_data(as_text=True))
    response = page.post("/environments/environments/new",
                         data={"csrf_token": token, "name": "Kahvila\x00", "capacity": "5"})
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    beside = html.split('id="name-error"', 1)
    assert len(beside) == 2 and NUL_FI in beside[1].split("</ul>", 1)[0]


@pytest.mark.parametrize("value", [1.5, 2.5, "1.5", 1e100, True])
def test_a_fraction_or_other_non_integer_is_422_naming_the_field(api, value):
    before = stored_clients(api)
    response = api.post(CLIENTS, json=unique_client(education_level=value))
    assert response.status_code == 422 and list(fields_of(response)) == ["education_level"]
    assert stored_clients(api) == before


def test_a_whole_number_written_as_a_float_is_that_number(api):
    response = api.post(CLIENTS, json=unique_client(education_level=4.0))
    assert response.status_code == 201 and response.get_json()["education_level"] == 4
