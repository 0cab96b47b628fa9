"""Minors and guardians through intake's API and pages, on the real database: consents by age, the member's
minimum age, guardian records and requests, the young person's objection, erasure requests and renewal at 18."""
from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import insert, select, update

from services.intake.db import clients, consents, guardian_requests, rights_requests
from services.intake.domain.minors import birthday_of
from services.intake.handlers.minors import adulthood_check
from shared import clock
from shared.events.envelope import utcnow
from tests.integration.intake.client_helpers import API, as_student, browser, csrf_of, intake, register
from tests.support.erasure import company_controller

pytestmark = pytest.mark.integration
TODAY = clock.today()


def born(years: int, days_more: int = 0) -> str:
    """The birth date of someone `years` old today who had their birthday `days_more` days ago."""
    try:
        day = TODAY.replace(year=TODAY.year - years)
    except ValueError:  # 29 February
        day = date(TODAY.year - years, 3, 1)
    return (day - timedelta(days=days_more)).isoformat()


def rows(network, table, *where) -> list:
    with intake(network).db.session() as session:
        return session.execute(select(table).where(*where)).all()


def post_page(caller, url: str, form: dict, page: str):
    """Post a page's form as a browser does (with the CSRF token of the page it came from)."""
    token = csrf_of(caller.get(page).get_data(as_text=True))
    return caller.post(url, data={**form, "csrf_token": token})


def test_under_15_the_optional_consents_are_the_guardians_and_the_minimum_age_holds(manager):
    body = {"birth_date": born(13), "consents": {"service": True, "profile_sharing": True}}
    refused = manager.post(API, json={**register_body(body)})
    assert refused.status_code == 422
    assert "profile_sharing" in refused.get_json()["error"]["fields"]["consents"]
    accepted = manager.post(API, json={**register_body(body), "consent_method": "guardian"})
    assert accepted.status_code == 201, accepted.get_json()
    too_young = manager.post(API, json=register_body({"birth_date": born(11, 300)}))
    assert too_young.status_code == 422
    assert too_young.get_json()["error"]["fields"]["birth_date"] == [
        "The client is under the minimum age for registration in this organisation."]
    assert manager.post(API, json=register_body({"birth_date": born(12)})).status_code == 201  # on the birthday


def register_body(overrides: dict) -> dict:
    from tests.integration.intake.client_helpers import unique_client

    return unique_client(**overrides)


def test_a_14_year_old_withdraws_but_does_not_give_and_a_15_year_old_gives(network, manager):
    child = register(manager, birth_date=born(14, 364), consents={"service": True})["id"]
    young = register(manager, birth_date=born(15), consents={"service": True})["id"]
    decision = {"purpose": "contact_to_partner", "given": True}
    refused = as_student(network, child).post(f"{API}/{child}/consents", json=decision)
    assert refused.status_code == 422 and "method" in refused.get_json()["error"]["fields"]
    page = browser(as_student(network, child)).get("/intake/me").get_data(as_text=True)
    assert "Sinun ikäisesi puolesta tämän suostumuksen antaa huoltajasi" in page
    assert as_student(network, young).post(f"{API}/{young}/consents", json=decision).status_code == 201
    given_by_guardian = manager.post(f"{API}/{child}/consents", json={**decision, "method": "guardian"})
    assert given_by_guardian.status_code == 201
    withdrawn = as_student(network, child).post(f"{API}/{child}/consents", json={**decision, "given": False})
    assert withdrawn.status_code == 201  # withdrawing is always the young person's own right
    adult = register(manager, consents={"service": True})["id"]
    assert manager.post(f"{API}/{adult}/consents", json={**decision, "method": "guardian"}).status_code == 422


def test_guardians_requests_and_the_young_persons_objection(network, manager):
    client_id = register(manager, birth_date=born(16), consents={"service": True})["id"]
    pages = browser(manager)
    url = f"/intake/clients/{client_id}/guardians"
    bad = post_page(pages, url, {"name": "Maija", "relation": "parent", "email": "ei-osoite"}, url)
    assert bad.status_code == 422 and "Anna sähköpostiosoite" in bad.get_data(as_text=True)
    saved = post_page(pages, url, {"name": "Maija Virtanen", "relation": "parent", "phone": "+358 40 111 2222"}, url)
    assert saved.status_code == 303
    page = pages.get(url).get_data(as_text=True)
    assert "Maija Virtanen" in page
    guardian_id = page.split('name="guardian_id"', 1)[1].split('value="', 1)[1].split('"', 1)[0]
    made = post_page(pages, f"/intake/clients/{client_id}/guardian-requests",
                     {"guardian_id": guardian_id, "kind": "access", "received_on": TODAY.isoformat()}, url)
    assert made.status_code == 303
    [request] = rows(network, guardian_requests, guardian_requests.c.client_id == client_id)

    student = browser(as_student(network, client_id))
    assert "Maija Virtanen" in student.get("/intake/me").get_data(as_text=True)
    objected = post_page(student, "/intake/me/guardian-objection", {"answer": "yes"}, "/intake/me")
    assert objected.status_code == 303
    grant = post_page(pages, f"/intake/clients/{client_id}/guardian-requests/{request.id}", {"answer": "yes"}, url)
    assert grant.status_code == 303
    assert rows(network, guardian_requests, guardian_requests.c.id == request.id)[0].status == "open"
    assert "pyyntöä ei voi hyväksyä" in pages.get(url).get_data(as_text=True)

    post_page(student, "/intake/me/guardian-objection", {"answer": "no"}, "/intake/me")  # she changes her mind
    post_page(pages, f"/intake/clients/{client_id}/guardian-requests/{request.id}", {"answer": "yes"}, url)
    assert rows(network, guardian_requests, guardian_requests.c.id == request.id)[0].status == "granted"
    from tests.support.factories import audit_entries

    disclosed = [e for e in audit_entries(network.runtimes["intake"], client_id) if e["action"] == "disclose"
                 and e["object_type"] == "guardian_request"]
    assert [e["detail"] for e in disclosed] == [{"kind": "access", "granted": True}]


def test_a_guardian_is_recorded_only_for_a_minor(network, manager):
    adult = register(manager, consents={"service": True})["id"]
    url = f"/intake/clients/{adult}/guardians"
    answer = post_page(browser(manager), url, {"name": "Maija", "relation": "parent", "phone": "+358401112222"}, url)
    assert answer.status_code == 422 and "vain alle 18-vuotiaalle" in answer.get_data(as_text=True)


def test_an_erasure_request_is_recorded_for_the_manager_who_carries_it_out(network, manager):
    client_id = register(manager, birth_date=born(16), consents={"service": True})["id"]
    student = browser(as_student(network, client_id))
    form = {"kind": "erasure", "purpose": ""}
    with company_controller():  # a company's decision erases
        assert post_page(student, "/intake/me/rights", form, "/intake/me/rights").status_code == 303
        assert post_page(student, "/intake/me/rights", form, "/intake/me/rights").status_code == 303  # once only
    [request] = rows(network, rights_requests, rights_requests.c.client_id == client_id)
    assert (request.kind, request.state, request.received_on) == ("erasure", "open", TODAY)
    assert "1 pyyntösi odottaa vastausta" in student.get("/intake/me").get_data(as_text=True)
    pages = browser(manager)
    assert "Asiakas pyysi" in pages.get(f"/intake/clients/{client_id}").get_data(as_text=True)
    assert "pyysi" in pages.get("/intake/clients/attention").get_data(as_text=True)
    done = manager.post(f"/intake/api/v1/rights-requests/{request.id}/erasure-decision")
    assert done.status_code == 200 and done.get_json()["result"] == "erased"
    assert rows(network, clients, clients.c.id == client_id)[0].first_name is None
    [seen] = as_student(network, client_id).get("/intake/api/v1/me/rights-requests").get_json()
    assert (seen["state"], seen["erasure_decision"]["state"]) == ("done", "executed")  # she still sees it


def test_consents_given_before_18_are_renewed_by_the_young_person(network, manager):
    client_id = register(manager, birth_date=born(18, 10), consents={"profile_sharing": True})["id"]
    with intake(network).db.transaction() as session:  # the consents were given when she was 17
        session.execute(update(consents).where(consents.c.client_id == client_id)
                        .values(decided_at=utcnow() - timedelta(days=400)))
    adult_on = birthday_of(date.fromisoformat(born(18, 10)), 18)
    assert any(found[1] == client_id and found[2] == adult_on for found in adulthood_check(intake(network), TODAY))
    assert "pyydä häntä uusimaan suostumuksensa" in browser(manager).get(
        f"/intake/clients/{client_id}").get_data(as_text=True)
    student = browser(as_student(network, client_id))
    assert "Täytit 18 vuotta" in student.get("/intake/me").get_data(as_text=True)
    assert post_page(student, "/intake/me/consents/renew", {}, "/intake/me").status_code == 303
    assert "Täytit 18 vuotta" not in student.get("/intake/me").get_data(as_text=True)
    assert not any(found[1] == client_id for found in adulthood_check(intake(network), TODAY))
    renewed = rows(network, consents, consents.c.client_id == client_id, consents.c.method == "self_service")
    assert sorted(r.purpose for r in renewed) == ["profile_sharing"]


def test_the_adulthood_check_command_lists_them(network, manager, monkeypatch):
    from click.testing import CliRunner

    from services.intake.cli import cli

    client_id = register(manager, birth_date=born(18, 3), consents={"service": True})["id"]
    with intake(network).db.transaction() as session:
        session.execute(insert(consents).values(client_id=client_id, purpose="statistics", version="2026-1",
                                                given=True, decided_at=utcnow() - timedelta(days=30),
                                                method="in_person"))
    monkeypatch.setenv("DATABASE_URL", str(intake(network).db.engine.url.render_as_string(hide_password=False)))
    monkeypatch.setenv("KAMPUS_ORG", "sataedu")
    result = CliRunner().invoke(cli, ["adulthood-check"])
    assert result.exit_code == 0, result.output
    assert client_id in result.output and "client(s) to ask to renew their consents" in result.output
