"""The client pages, in Finnish first: list and search, registration, card, consents, erasure, /me."""
from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from services.intake.db import clients
from services.intake.handlers.consents import current_consents
from shared import clock
from shared.audit import codes
from tests.integration.intake.client_helpers import (
    API,
    SQLITE_ONLY,
    as_student,
    browser,
    csrf_of,
    event_types,
    intake,
    outbox,
    register,
)
from tests.support import network as net
from tests.support.erasure import company_controller
from tests.support.factories import audit_entries
from tests.support.intake_partners import browser_as

pytestmark = [pytest.mark.integration, SQLITE_ONLY]
PAGES = "/intake/clients"


@pytest.fixture(scope="module")
def api(network):
    return net.client_as(network, "manager1")


@pytest.fixture(scope="module")
def page(api):
    return browser(api)


def form_of(page, url: str) -> dict:
    response = page.get(url)
    assert response.status_code == 200, response.get_data(as_text=True)[:300]
    return {"csrf_token": csrf_of(response.get_data(as_text=True))}


def registration(token: str, **changes) -> dict:
    data = {"csrf_token": token, "first_name": "Veera", "last_name": "Öhman", "birth_date": "2005-08-09",
            "home_municipality": "079", "gender": "", "mother_tongue": "sv", "languages": ["fi", "en"],
            "education_status": "graduated", "field_of_education": "", "employment_status": "unemployed",
            "education_level": "3", "disadvantaged": "", "entered_on": "", "consent_service": "y",
            "consent_statistics": "y", "consent_method": "in_person"}
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def test_the_registration_form_is_in_finnish_and_keeps_values_beside_their_errors(page, network):
    token = form_of(page, f"{PAGES}/new")["csrf_token"]
    before = len(outbox(network))
    response = page.post(f"{PAGES}/new", data=registration(token, first_name="", email="veera@",
                                                           birth_date="2030-01-01", languages=["fi", "xx"],
                                                           consent_service=None))
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert "<h1>Kirjaa asiakas</h1>" in html and "Lomakkeessa on virheitä" in html
    for field_id, message in (("first_name", "Pakollinen."),
                              ("email", "Anna sähköpostiosoite muodossa nimi@esimerkki.fi."),
                              ("birth_date", "Syntymäaika ei voi olla tulevaisuudessa."),
                              ("languages", "Valitse kielet luetteloista.")):
        errors = html.split(f'id="{field_id}-error"', 1)
        assert len(errors) == 2 and message in errors[1].split("</ul>", 1)[0], field_id
    assert 'value="Öhman"' in html and 'value="veera@"' in html
    assert re.search(r'<input [^>]*checked id="languages-\d+" name="languages" type="checkbox" value="fi">', html)
    assert len(outbox(network)) == before


def test_registering_through_the_page_records_the_client_and_consents(page, network):
    token = form_of(page, f"{PAGES}/new")["csrf_token"]
    response = page.post(f"{PAGES}/new", data=registration(token, first_name="Veera" + token[-6:].replace("-", "x")))
    assert response.status_code == 303
    client_id = response.headers["Location"].rstrip("/").rsplit("/", 1)[1]
    with intake(network).db.session() as session:
        row = session.execute(select(clients).where(clients.c.id == client_id)).one()
        assert (row.home_municipality, row.mother_tongue, row.education_level) == ("079", "sv", 3)
        assert row.languages == [{"code": "fi"}, {"code": "en"}]
        # Service and statistics rest on a public task (the default register): no consent is asked or kept.
        assert current_consents(session, client_id) == {
            "service": False, "profile_sharing": False, "contact_to_partner": False, "statistics": False,
            "overlap": False}
    assert "intake.statistics.recorded" in event_types(network, client_id)
    card = page.get(f"{PAGES}/{client_id}").get_data(as_text=True)
    assert "Öhman" in card and "Harjavalta" in card and "Kaakkois-Satakunta" in card and "Suostumukset" in card


def test_consents_are_given_and_withdrawn_on_the_card(page, api, network):
    created = register(api)
    token = form_of(page, f"{PAGES}/{created['id']}")["csrf_token"]
    given = page.post(f"{PAGES}/{created['id']}/consents",
                      data={"csrf_token": token, "purpose": "profile_sharing", "given": "yes"})
    assert given.status_code == 303
    withdrawn = page.post(f"{PAGES}/{created['id']}/consents",
                          data={"csrf_token": token, "purpose": "profile_sharing", "given": "no"})
    assert withdrawn.status_code == 303
    assert event_types(network, created["id"])[-2:] == ["intake.consent.withdrawn", "intake.profile.withdrawn"]
    card = page.get(f"{PAGES}/{created['id']}").get_data(as_text=True)
    assert "Suostumus peruttu: Osaamisprofiilin jakaminen" in card
    assert page.post(f"{PAGES}/{created['id']}/consents",
                     data={"csrf_token": token, "purpose": "marketing", "given": "yes"}).status_code == 400


def test_the_list_searches_names_from_the_body_and_filters(page, api):
    wanted = register(api, last_name="Kivelä-Sjöblom", home_municipality="230")
    token = form_of(page, PAGES)["csrf_token"]
    found = page.post(PAGES, data={"csrf_token": token, "q": "kivela sjoblom", "status": "active"})
    html = found.get_data(as_text=True)
    assert found.status_code == 200 and f"{PAGES}/{wanted['id']}" in html and "Löytyi 1 asiakas" in html
    by_area = page.post(PAGES, data={"csrf_token": token, "service_area": "kaakkois-satakunta", "status": ""})
    assert f"{PAGES}/{wanted['id']}" not in by_area.get_data(as_text=True)
    bad = page.post(PAGES, data={"csrf_token": token, "entered_from": "2026-02-02", "entered_to": "2026-01-01"})
    assert "Loppu ei voi olla ennen alkua." in bad.get_data(as_text=True)


def test_the_list_filters_show_the_defaults_on_a_get_and_what_a_search_sent(page, api, network):
    """A GET's filters are rendered once per person and language (a kept part of the page): a search shows the
    values it sent, the next GET the defaults again, and a Swedish page its own labels."""
    def filters(response) -> str:
        html = response.get_data(as_text=True)
        start = html.index('<fieldset class="filters">')
        return html[start:html.index("</fieldset>", start)]

    first = filters(page.get(PAGES))
    assert "Haku ja rajaus" in first and '<option selected value="active">' in first
    assert filters(page.get(PAGES)) == first
    token = form_of(page, PAGES)["csrf_token"]
    searched = filters(page.post(PAGES, data={"csrf_token": token, "municipality": "230", "status": ""}))
    assert '<option selected value="230">' in searched and '<option selected value="active">' not in searched
    assert filters(page.get(PAGES)) == first
    swedish = browser_as(network, "manager1")
    swedish.set_cookie("kampus_lang", "sv")
    in_swedish = filters(swedish.get(PAGES))
    assert "Sökning och filter" in in_swedish and "Haku ja rajaus" not in in_swedish


def test_a_get_builds_no_filter_form_once_its_filters_are_kept_and_a_bad_search_shows_its_problem(page, monkeypatch):
    """The filters of a GET are the form's defaults, kept rendered: once kept, a GET builds no form and shows the same
    filters; a search builds it, and a bad one shows its problem beside its field (422 is not used: the page)."""
    from services.intake.web import clients as pages

    built: list[str] = []
    real = pages.SearchForm
    monkeypatch.setattr(pages, "SearchForm", lambda **given: built.append("form") or real(**given))
    first = page.get(PAGES).get_data(as_text=True)  # kept by this GET, if no earlier one did
    built.clear()
    again = page.get(PAGES).get_data(as_text=True)
    assert built == []
    start = again.index('<fieldset class="filters">')
    assert again[start:again.index("</fieldset>", start)] == first[start:first.index("</fieldset>", start)]
    assert 'class="error-summary"' not in again
    bad = page.post(PAGES, data={"csrf_token": csrf_of(again), "entered_from": "2026-02-02",
                                 "entered_to": "2026-01-01"})
    html = bad.get_data(as_text=True)
    assert bad.status_code == 200 and built == ["form"]
    beside = html[html.index('id="entered_to-error"'):]
    assert beside.index("Loppu ei voi olla ennen alkua.") < beside.index("</ul>")
    assert 'href="#entered_to"' in html  # the summary at the top links to the field
    unknown = page.post(PAGES, data={"csrf_token": csrf_of(again), "municipality": "999", "page": "x"})
    assert unknown.status_code == 200 and 'id="municipality-error"' in unknown.get_data(as_text=True)


def test_a_listed_clients_row_is_kept_until_its_name_or_status_changes(page, api, monkeypatch):
    """Each row of the table is rendered once per language and content: the same search again renders none, a
    changed name or status is rendered anew at once, names are escaped."""
    from services.intake.web import clients as pages

    created = register(api, first_name="Riikka", last_name="Rivinen-Kätkö", home_municipality="609")
    made: list[str] = []
    real = pages._row_html
    monkeypatch.setattr(pages, "_row_html", lambda row, *given: made.append(str(row.id)) or real(row, *given))

    def row_of(name: str) -> str:
        token = form_of(page, PAGES)["csrf_token"]
        html = page.post(PAGES, data={"csrf_token": token, "q": name, "status": ""}).get_data(as_text=True)
        rows = re.findall(r"<tr>\s*<td><a href=.*?</tr>", html, re.S)
        assert len(rows) == 1, rows
        return rows[0]

    first = row_of("rivinen katko")
    assert f'<a href="{PAGES}/{created["id"]}">Rivinen-Kätkö, Riikka</a>' in first
    assert "<td>Pori</td>" in first and "<td>Aktiivinen</td>" in first
    assert made == [created["id"]]
    made.clear()
    assert row_of("rivinen katko") == first and made == []
    renamed = api.patch(f"{API}/{created['id']}", json={"first_name": "Riina <b>"})
    assert renamed.status_code == 200, renamed.get_json()
    assert "Rivinen-Kätkö, Riina &lt;b&gt;</a>" in row_of("rivinen katko") and made == [created["id"]]
    made.clear()
    assert api.post(f"{API}/{created['id']}/close", json={}).status_code == 200
    closed = row_of("rivinen katko")
    assert "<td>Päättynyt</td>" in closed and "Aktiivinen" not in closed and made == [created["id"]]


def test_the_list_page_audits_each_listed_client_and_the_special_category_read(page, api, network):
    """The page reads only what it shows and the special-category fields: its read names every listed client, and
    the special category's entry the one whose record holds one (disadvantaged)."""
    marked = register(api, first_name="Sanni", last_name="Auditoitu-Erityinen", disadvantaged=True)
    plain = register(api, first_name="Saku", last_name="Auditoitu-Tavallinen", disadvantaged=None)
    token = form_of(page, PAGES)["csrf_token"]
    before = max((e["seq"] for e in audit_entries(network.runtimes["intake"])), default=0)
    found = page.post(PAGES, data={"csrf_token": token, "q": "auditoitu", "status": ""}).get_data(as_text=True)
    assert "Auditoitu-Erityinen, Sanni" in found and "Auditoitu-Tavallinen, Saku" in found
    read = [e for e in audit_entries(network.runtimes["intake"])
            if e["seq"] > before and e["object_type"] == "client_list" and e["action"] == "read"]
    assert [sorted(e["subject_ids"]) for e in read] == [sorted([marked["id"], plain["id"]]), [marked["id"]]]
    assert read[1]["category"] == codes.SPECIAL_CATEGORY and read[1]["detail"] == {"fields": ["disadvantaged"]}


def test_correcting_data_on_the_page(page, api):
    created = register(api)
    edit = page.get(f"{PAGES}/{created['id']}/edit").get_data(as_text=True)
    assert 'value="Äijälä"' in edit
    token = csrf_of(edit)
    data = registration(token, first_name=created["first_name"], last_name="Laine", birth_date="2004-05-17",
                        home_municipality="214", consent_service=None, consent_statistics=None, consent_method=None)
    assert page.post(f"{PAGES}/{created['id']}/edit", data=data).status_code == 303
    assert api.get(f"{API}/{created['id']}").get_json()["last_name"] == "Laine"
    bad = page.post(f"{PAGES}/{created['id']}/edit", data={**data, "phone": "soita"})
    assert bad.status_code == 422 and "Anna puhelinnumero" in bad.get_data(as_text=True)


def test_closing_and_erasing_on_the_page(page, api, network):
    created = register(api)
    token = form_of(page, f"{PAGES}/{created['id']}")["csrf_token"]
    assert page.post(f"{PAGES}/{created['id']}/close", data={"csrf_token": token}).status_code == 303
    assert api.get(f"{API}/{created['id']}").get_json()["status"] == "closed"
    card = page.get(f"{PAGES}/{created['id']}").get_data(as_text=True)
    assert f'href="{PAGES}/{created["id"]}/rights/new?kind=erasure"' in card  # "Erase the data" files a request
    undated = page.post(f"{PAGES}/{created['id']}/rights/new", data={"csrf_token": token, "kind": "erasure",
                                                                     "purpose": "", "received_on": ""})
    assert undated.status_code == 422 and 'id="received_on-error"' in undated.get_data(as_text=True)
    assert f'<a href="{PAGES}/{created["id"]}">Peruuta</a>' in undated.get_data(as_text=True)  # back to the card
    assert event_types(network, created["id"])[-1] != "intake.client.erased"
    with company_controller():  # a company's decision erases (a public body's archives)
        filed = page.post(f"{PAGES}/{created['id']}/rights/new", data={
            "csrf_token": token, "kind": "erasure", "purpose": "", "received_on": clock.today().isoformat()})
        assert filed.status_code == 303
        decision_page = page.get(filed.headers["Location"]).get_data(as_text=True)
        assert f'<a href="{PAGES}/{created["id"]}">Takaisin asiakaskorttiin</a>' in decision_page
        assert "Ei enää tarpeen" in decision_page and "Viranomaisen asiakirja" not in decision_page
        # What the decision will do, in one tense: "Poistetaan" beside "Säilytetään", not the status "Poistettu".
        assert "<td>Poistetaan</td>" in decision_page and "<td>Säilytetään</td>" in decision_page
        assert "<td>Poistettu</td>" not in decision_page
        erased = page.post(f"{filed.headers['Location']}/erasure", data={"csrf_token": token})
    assert erased.status_code == 303
    assert event_types(network, created["id"])[-1] == "intake.client.erased"
    assert page.get(f"{PAGES}/{created['id']}").status_code == 404


def test_the_students_own_page(network, api):
    created = register(api)
    student = browser(as_student(network, created["id"]))
    me = student.get("/intake/me")
    html = me.get_data(as_text=True)
    assert me.status_code == 200 and "<h1>Oma sivu</h1>" in html and "Lataa omat tietoni" in html
    assert "/intake/me/export" in html
    decided = student.post("/intake/me/consents",
                           data={"csrf_token": csrf_of(html), "purpose": "profile_sharing", "given": "yes"})
    assert decided.status_code == 303
    state = api.get(f"{API}/{created['id']}/consents").get_json()["current"]["profile_sharing"]
    assert state["given"] is True and state["method"] == "self_service"
    unlinked = browser(net.client_as(network, "student1")).get("/intake/me")
    assert unlinked.status_code == 200 and "ei ole vielä liitetty" in unlinked.get_data(as_text=True)


@pytest.mark.parametrize(("lang", "first"), [("fi", ["suomi", "ruotsi", "englanti"]),
                                             ("sv", ["finska", "svenska", "engelska"]),
                                             ("en", ["Finnish", "Swedish", "English"])])
def test_languages_are_chosen_by_name_with_finnish_swedish_and_english_first(page, network, lang, first):
    html = page.get(f"{PAGES}/new", headers={"Accept": "text/html", "Accept-Language": lang}).get_data(as_text=True)
    for list_id in ("mother_tongue", "another_language"):
        listed = re.search(rf'<select[^>]*id="{list_id}"[^>]*>(.*?)</select>', html, re.S).group(1)
        names = re.findall(r'<option[^>]*value="[a-z]{2}"[^>]*>([^<]+)</option>', listed)
        assert [n.casefold() for n in names[:3]] == [n.casefold() for n in first], list_id
        assert len(names) > 100 and names[3:] == sorted(names[3:], key=str.casefold)
    boxes = re.findall(r'name="languages" type="checkbox" value="([a-z]{2})"', html)
    assert boxes[:3] == ["fi", "sv", "en"] and "Language codes" not in html and "Kielikoodit" not in html


def test_another_language_from_the_list_is_kept_with_the_checked_ones(page, network):
    token = form_of(page, f"{PAGES}/new")["csrf_token"]
    response = page.post(f"{PAGES}/new", data=registration(token, first_name="Kielitaito", languages=["en"],
                                                           another_language="et"))
    assert response.status_code == 303, response.get_data(as_text=True)[-1500:]
    client_id = response.headers["Location"].rstrip("/").rsplit("/", 1)[1]
    with intake(network).db.session() as session:
        row = session.execute(select(clients).where(clients.c.id == client_id)).one()
    assert row.languages == [{"code": "en"}, {"code": "et"}]
