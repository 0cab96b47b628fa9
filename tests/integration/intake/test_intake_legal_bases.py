"""What a member's register of legal bases changes in intake: consent asked only where it is the basis.

Two networks: the default register (guidance and statistics on a public task, ESF reporting on a legal
obligation) and one whose members base guidance and statistics on consent.
"""
from __future__ import annotations

import pytest

from tests.integration.intake.client_helpers import (
    API,
    browser,
    csrf_of,
    event_types,
    outbox,
    register,
    unique_client,
)
from tests.support import network as net
from tests.support.intake_partners import add_client

pytestmark = pytest.mark.integration
PAGES = "/intake/clients"


def page_registration(page, **changes) -> object:
    html = page.get(f"{PAGES}/new").get_data(as_text=True)
    data = {"csrf_token": csrf_of(html), "first_name": "Veera", "last_name": "Öhman", "birth_date": "2005-08-09",
            "home_municipality": "079", "gender": "", "mother_tongue": "sv", "languages": "",
            "education_status": "graduated", "field_of_education": "", "employment_status": "unemployed",
            "education_level": "3", "disadvantaged": "", "entered_on": "", "consent_method": "in_person", **changes}
    return page.post(f"{PAGES}/new", data={k: v for k, v in data.items() if v is not None})


def test_under_a_public_task_registration_needs_no_consent_api_and_page(public_task):
    manager = net.client_as(public_task, "manager1")
    created = manager.post(API, json=unique_client(consents={}))
    assert created.status_code == 201, created.get_json()
    view = manager.get(f"{API}/{created.get_json()['id']}/consents").get_json()
    assert sorted(view["current"]) == ["contact_to_partner", "overlap", "profile_sharing"]
    assert view["not_asked"] == ["service", "statistics"] and view["history"] == []

    page = browser(manager)
    form = page.get(f"{PAGES}/new").get_data(as_text=True)
    assert 'name="consent_service"' not in form and 'name="consent_profile_sharing"' in form
    assert "/privacy/sataedu" in form  # each consent links to the organisation's notice
    response = page_registration(page)
    assert response.status_code == 303, response.get_data(as_text=True)[:500]
    card = page.get(response.headers["Location"]).get_data(as_text=True)
    assert "muulla oikeusperusteella" in card and "/privacy/sataedu" in card


def test_where_guidance_rests_on_consent_registration_without_it_is_refused_api_and_page(on_consent):
    manager = net.client_as(on_consent, "manager1")
    before = len(outbox(on_consent))
    refused = manager.post(API, json=unique_client(consents={"statistics": True}))
    assert refused.status_code == 422
    assert "service" in refused.get_json()["error"]["fields"]["consents"]
    response = page_registration(browser(manager), consent_statistics="y")
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    errors = html.split('id="consent_service-error"', 1)
    assert len(errors) == 2 and "suostuu tämän organisaation palveluun" in errors[1].split("</ul>", 1)[0]
    assert len(outbox(on_consent)) == before


def test_withdrawing_an_optional_consent_keeps_the_case_open(public_task):
    manager = net.client_as(public_task, "manager1")
    created = register(manager, consents={"profile_sharing": True})
    withdrawn = manager.post(f"{API}/{created['id']}/consents", json={"purpose": "profile_sharing", "given": False})
    assert withdrawn.status_code == 201
    assert manager.get(f"{API}/{created['id']}").get_json()["status"] == "active"
    assert "intake.client.closed" not in event_types(public_task, created["id"])
    # Service on a public task is not a consent: there is nothing to withdraw, and the case stays open.
    refused = manager.post(f"{API}/{created['id']}/consents", json={"purpose": "service", "given": False})
    assert refused.status_code == 422 and "purpose" in refused.get_json()["error"]["fields"]
    assert manager.get(f"{API}/{created['id']}").get_json()["status"] == "active"


def test_where_service_rests_on_consent_withdrawing_it_closes_the_case(on_consent):
    manager = net.client_as(on_consent, "manager1")
    created = register(manager, consents={"service": True})
    manager.post(f"{API}/{created['id']}/consents", json={"purpose": "service", "given": False})
    assert manager.get(f"{API}/{created['id']}").get_json()["status"] == "closed"


def test_outcomes_travel_for_the_esf_report_without_the_statistics_consent(on_consent):
    client = add_client(on_consent.runtimes["intake"], "sataedu", consents_given=("service",))
    manager = net.client_as(on_consent, "manager1")
    response = manager.post(f"{API}/{client}/outcomes", json={
        "kind": "education", "description": "Datanomi", "field_of_education": "06", "qualification": False,
        "started_on": "2026-08-10"})
    assert response.status_code == 201 and response.get_json()["published"] is True
    assert "intake.outcome.recorded" in event_types(on_consent, client)
