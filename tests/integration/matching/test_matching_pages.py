"""Matching's pages in the embedded network: the inbox, a suggestion with its explanation and decision, the
learning-gap action through intake's API, candidates per need and environment, team building, the others."""
from __future__ import annotations

import re
import uuid

import pytest

from shared.reference import esco
from tests.support import network as net
from tests.support.intake_partners import browser_as, csrf_of, record_partner
from tests.support.matching import WsgiIntakeApi

pytestmark = pytest.mark.integration
INTAKE = "/intake/api/v1"


@pytest.fixture(scope="module")
def network(tmp_path_factory):
    network = net.build(tmp_path_factory.mktemp("pages"))
    network.apps["matching"].extensions["matching_intake_api"] = WsgiIntakeApi(network.wsgi)
    yield network
    network.shutdown()


@pytest.fixture(scope="module")
def world(network):
    """Two clients of sataedu, one of samk; a need asking for two skills; an open environment with two roles."""
    uris = esco.load_taxonomy().uris
    have, lack, cook_skill = uris[100], uris[7000], uris[9000]
    manager = net.client_as(network, "manager1")
    clients = []
    for api, field, skills in ((manager, "07", {have: 4, cook_skill: 3}), (manager, "02", {cook_skill: 4}),
                               (net.client_as(network, "manager2"), "04", {have: 3, cook_skill: 2})):
        body = {"first_name": "Eero" + uuid.uuid4().hex[:6], "last_name": "Esimerkki", "birth_date": "2002-03-04",
                "home_municipality": "214", "field_of_education": field,
                "consents": {"service": True, "profile_sharing": True}}
        response = api.post(f"{INTAKE}/clients", json=body)
        assert response.status_code == 201, response.get_json()
        client_id = response.get_json()["id"]
        api.put(f"{INTAKE}/clients/{client_id}/profile", json={"municipalities": ["214"], "languages": ["fi"]})
        for uri, level in skills.items():
            api.post(f"{INTAKE}/clients/{client_id}/profile/skills",
                     json={"skill_uri": uri, "level": level, "evidence": "self"})
        clients.append(client_id)
    record_partner(network, manager, name="Konepaja Virtanen Oy", kind="company", municipality="214",
                   organisation="konepaja-virtanen")
    need = net.client_as(network, "partner1").post(f"{INTAKE}/competence-needs", json={
        "title": "Kokoonpanija", "work_type": "part_time", "municipality": "214", "languages": ["fi"],
        "skills": [{"uri": have, "essential": True, "level": 3}, {"uri": lack, "essential": True, "level": 2}]})
    assert need.status_code == 201, need.get_json()
    environment_id, roles = str(uuid.uuid4()), [str(uuid.uuid4()), str(uuid.uuid4())]
    with network.runtimes["environments"].work() as work:
        work.emit("environments.environment.opened", {
            "environment_id": environment_id, "host_organisation": "samk", "name": "Sataman kesäkahvila",
            "status": "open", "fields_of_education": ["02", "07"], "multidisciplinary": True,
            "institutions": ["samk"], "partner_ids": [], "need_ids": [], "municipality": "214",
            "service_area": None, "starts_on": None, "ends_on": None, "capacity": 3,
            "roles": [{"role_id": roles[0], "title": "Kokki", "seats": 1, "fields_of_education": [],
                       "skills": [{"uri": cook_skill, "level": 2}]},
                      {"role_id": roles[1], "title": "Kokoaja", "seats": 1, "fields_of_education": [],
                       "skills": [{"uri": have, "level": 2}]}]})
    assert network.settle()
    return {"clients": clients, "need": need.get_json()["id"], "lack": lack, "environment": environment_id}


def page(browser, path: str, status: int = 200) -> str:
    response = browser.get(path, headers={"Accept": "text/html"})
    assert response.status_code == status, response.get_data(as_text=True)[:500]
    return response.get_data(as_text=True)


def test_the_inbox_lists_the_organisations_suggestions_in_finnish(network, world):
    browser = browser_as(network, "manager1")
    html = page(browser, "/matching/suggestions")
    assert "<h1>Ehdotukset</h1>" in html and "Kokoonpanija" in html and "Sataman kesäkahvila" in html
    assert world["clients"][2][:8] not in html  # samk's client
    filtered = page(browser, f"/matching/suggestions?need_id={world['need']}")
    assert ">Kokki</a>" in html and ">Kokki</a>" not in filtered and ">Kokoonpanija</a>" in filtered
    bad = page(browser, "/matching/suggestions?client_id=nonsense")  # the filter picks a client by name now
    assert 'id="client_id-error"' in bad and "Virheellinen valinta" in bad


def suggestion_path(browser, text: str) -> str:
    html = page(browser, "/matching/suggestions")
    rows = re.findall(r'<a href="(/matching/suggestions/[0-9a-f-]{36})">([^<]*)</a>', html)
    return next(path for path, title in rows if title == text)


def test_a_suggestion_explains_itself_and_a_learning_gap_goes_onto_the_personal_path(network, world):
    browser = browser_as(network, "manager1")
    path = suggestion_path(browser, "Kokoonpanija")
    html = page(browser, path)
    lacking = esco.load_taxonomy().label(esco.load_taxonomy().index[world["lack"]], "fi")
    assert "Puuttuvat välttämättömät taidot" in html and lacking in html
    response = browser.post(f"{path}/learning-gaps", data={"csrf_token": csrf_of(html), "skill_uri": world["lack"]})
    assert response.status_code == 303
    steps = net.client_as(network, "manager1").get(f"{INTAKE}/clients/{world['clients'][0]}/path").get_json()
    assert world["lack"] in str(steps)
    assert "henkilökohtaiselle polulle" in page(browser, path)  # the flash says so
    not_a_gap = browser.post(f"{path}/learning-gaps", data={"csrf_token": csrf_of(html), "skill_uri": "urn:x"})
    assert not_a_gap.status_code == 400


def test_a_decision_on_the_page_needs_a_reason_to_decline(network, world):
    browser = browser_as(network, "manager1")
    path = suggestion_path(browser, "Kokki")
    html = page(browser, path)
    response = browser.post(path, data={"csrf_token": csrf_of(html), "decision": "decline", "reason": ""},
                            headers={"Accept": "text/html"})
    assert response.status_code == 422 and "Kerro syy" in response.get_data(as_text=True)
    response = browser.post(path, data={"csrf_token": csrf_of(html), "decision": "decline", "reason": "Kiireinen"})
    assert response.status_code == 303
    assert "Hylätty" in page(browser, path)


def test_need_and_environment_pages_with_an_optimal_team(network, world):
    browser = browser_as(network, "manager1")
    assert "Kokoonpanija" in page(browser, f"/matching/needs/{world['need']}")
    html = page(browser, f"/matching/environments/{world['environment']}?build=1&min_fields=2&min_institutions=1")
    assert "todistetusti optimaalinen" in html
    assert "toisen organisaation opiskelija" in html or world["clients"][2][:8] not in html
    team = net.client_as(network, "manager1").get(f"/matching/api/v1/environments/{world['environment']}/team",
                                                  query_string={"min_fields": 2, "min_institutions": 1})
    body = team.get_json()
    assert team.status_code == 200 and body["optimal"] and len(body["members"]) == 2 and len(body["fields"]) >= 2
    assert body["objective"] >= body["greedy_objective"] - 1e-9 or not body["greedy_meets_mix"]
    # the fit shown is the total over the seats to fill, as a percentage (not the raw total "1,868")
    assert body["fit"] == pytest.approx(body["objective"] / body["seats"])
    assert "Tiimin sopivuus" in html and "(objective)" not in html and "kokonaissopivuus" not in html
    assert f"{round(body['fit'] * 100)}\u00a0%" in html
    assert page(browser, f"/matching/environments/{uuid.uuid4()}", 404)


def test_the_client_card_fragment_partner_fairness_and_digest_pages(network, world):
    browser = browser_as(network, "manager1")
    fragment = browser.get(f"/matching/clients/{world['clients'][0]}/suggestions", headers={"HX-Request": "true"})
    assert fragment.status_code == 200 and "<html" not in fragment.get_data(as_text=True)
    assert "Kokoonpanija" in fragment.get_data(as_text=True)
    card = page(browser, f"/intake/clients/{world['clients'][0]}")
    assert f"/matching/clients/{world['clients'][0]}/suggestions" in card
    assert "Kokoonpanija" in page(browser_as(network, "partner1"), "/matching/partner/needs")
    assert "Yhdenvertaisuuden seuranta" in page(browser_as(network, "coordinator"), "/matching/fairness")
    html = page(browser, "/matching/digest")
    response = browser.post("/matching/digest", data={"csrf_token": csrf_of(html), "email": "m1@example.fi",
                                                      "locale": "sv"})
    assert response.status_code == 303 and "m1@example.fi" in page(browser, "/matching/digest")
    swedish = browser_as(network, "manager1")
    swedish.set_cookie("kampus_lang", "sv")
    assert "<h1>Förslag</h1>" in page(swedish, "/matching/suggestions")
    assert page(browser_as(network, "student1"), "/matching/suggestions", 403)


@pytest.mark.parametrize(("language", "count_column", "status"), [("fi", "Hyväksyttyjä", "Hyväksytty"),
                                                                  ("sv", "Godkända", "Godkänt"),
                                                                  ("en", "Accepted", None)])
def test_the_fairness_tables_accepted_column_counts_profiles_not_a_status(network, language, count_column, status):
    """The column counts profiles whose suggestion was accepted: its own words, not a suggestion's status."""
    coordinator = browser_as(network, "coordinator")
    coordinator.set_cookie("kampus_lang", language)
    html = page(coordinator, "/matching/fairness")
    assert html.count(f'<th scope="col">{count_column}</th>') >= 1
    if status is not None:
        assert f">{status}<" not in html
