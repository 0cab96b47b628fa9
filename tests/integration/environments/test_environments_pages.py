"""The pages, as a browser uses them: Finnish first, forms with CSRF tokens, the target on the front page,
students' own surveys and partners' own assessments."""
from __future__ import annotations

import re
import uuid

import pytest
from werkzeug.test import Client

from services.environments.db import environments
from services.environments.domain.review import KEYS
from shared import clock
from tests.integration.environments.helpers import (
    API,
    answered,
    count,
    create,
    csrf_of,
    enrol,
    known_client,
    move,
    opened,
    read_settings_again,
    register_partner,
)
from tests.support import network as net


def browser(network, username: str | None = None, token: str | None = None) -> Client:
    """A browser signed in with the portal's cookie (so forms need their CSRF token)."""
    client = Client(network.wsgi)
    client.set_cookie("kampus_token", token or net.token_for(network, username), domain="localhost")
    return client


def page(client, path: str):
    return client.get(f"/environments{path}", headers={"Accept": "text/html"})


def post(client, path: str, data: dict, form_on: str | None = None):
    """Post a form as a browser does: with the CSRF token of the page the form is on."""
    form = page(client, form_on or path).get_data(as_text=True)
    return client.post(f"/environments{path}", data={"csrf_token": csrf_of(form), **data},
                       headers={"Accept": "text/html"})


@pytest.fixture(scope="module")
def manager_browser(network):
    return browser(network, "manager1")


def test_the_front_page_shows_the_target_and_filters_in_finnish(network, manager, manager_browser, monkeypatch):
    environment = opened(manager, network)
    monkeypatch.setenv("ENVIRONMENTS_TARGET", "15")
    read_settings_again(network, monkeypatch)
    html = page(manager_browser, "/").get_data(as_text=True)
    assert "Projektioppimisympäristöt" in html.replace("\u00ad", "") and "Verkoston tavoite" in html
    assert "Tavoitteen 15 monialaisesta oppimisympäristöstä on käynnistynyt 0." in html  # open has not started
    assert enrol(manager, environment).status_code == 201
    assert move(manager, environment["id"], "running").status_code == 200
    html = page(manager_browser, "/").get_data(as_text=True)
    assert "Tavoitteen 15 monialaisesta oppimisympäristöstä on käynnistynyt 1." in html
    assert "Kaikkiaan 1 oppimisympäristö on käynnistynyt." in html
    assert 'max="15"' in html and "Rajaa" in html and "monialainen" in html
    swedish = browser(network, "manager1")
    swedish.set_cookie("kampus_lang", "sv", domain="localhost")
    text = page(swedish, "/").get_data(as_text=True)
    assert "Nätverkets mål" in text and "Projektlärmiljöer" in text


def test_a_form_post_without_its_csrf_token_is_refused(network, manager_browser):
    before = count(network, environments)
    response = manager_browser.post("/environments/environments/new", data={"name": "Ilman tokenia", "capacity": "3"},
                                    headers={"Accept": "text/html"})
    assert response.status_code == 400 and count(network, environments) == before


def test_a_manager_drafts_an_environment_with_the_form(network, manager_browser):
    partner_id = register_partner(network, "Lomakeyritys Oy", organisation=None)
    nameless = post(manager_browser, "/environments/new", {"name": "", "capacity": "3"})
    assert nameless.status_code == 422
    assert "Nimi: Anna nimi." in nameless.get_data(as_text=True)
    bad = post(manager_browser, "/environments/new", {"name": "Väärä alue", "capacity": "3", "municipality": "214",
                                                      "service_area": "kaakkois-satakunta"})
    assert bad.status_code == 422
    text = bad.get_data(as_text=True)
    assert "Lomakkeessa on virheitä" in text and "Kunta ei kuulu tähän palvelualueeseen." in text
    made = post(manager_browser, "/environments/new", {
        "name": "Lomakkeella tehty", "description": "Tarvitsemme talonmiehen apua.", "capacity": "6",
        "fields_of_education": ["04", "07"], "partner_ids": [partner_id], "municipality": "214"})
    assert made.status_code == 303
    environment_page = manager_browser.get(made.headers["Location"], headers={"Accept": "text/html"})
    html = environment_page.get_data(as_text=True)
    assert "Lomakkeella tehty" in html and "Monialainen: mukana on 2 eri koulutusalaa." in html
    assert "talonmiehen" in html and "ehdotus: kiinteistönhoitaja" in html
    assert "Lomakeyritys Oy" in html and "Sukupuolineutraaliuden tarkistus" in html


def test_seats_out_of_range_are_refused_in_finnish_beside_the_field(network, manager, manager_browser):
    no_seats = post(manager_browser, "/environments/new", {"name": "Ei paikkoja", "capacity": "0"})
    text = no_seats.get_data(as_text=True)
    assert no_seats.status_code == 422 and "Osallistujapaikkoja: Anna luku väliltä 1–500." in text
    assert "Must be greater" not in text and 'value="Ei paikkoja"' in text
    environment = create(manager)
    role = post(manager_browser, f"/environments/{environment['id']}/roles/new", {"title": "Kokki", "seats": "501"})
    text = role.get_data(as_text=True)
    assert role.status_code == 422 and "Paikat: Anna luku väliltä 1–500." in text and "Must be greater" not in text


def test_the_review_and_the_refused_opening_in_the_pages(network, manager, manager_browser):
    environment = create(manager, description="Haemme esimiestä.")
    base = f"/environments/{environment['id']}"
    refused = post(manager_browser, f"{base}/move", {"to": "open"}, form_on=base)
    opened_page = manager_browser.get(refused.headers["Location"], headers={"Accept": "text/html"}).get_data(
        as_text=True)
    assert "Sukupuolineutraaliuden tarkistus on kesken" in opened_page
    data = {}
    for i, key in enumerate(KEYS):
        data.update({f"items-{i}-item": key, f"items-{i}-checked": "y", f"items-{i}-note": ""})
    needs_note = post(manager_browser, f"{base}/review", data)
    assert needs_note.status_code == 422
    assert "Kielentarkistus löytää yhä sukupuolittuneita nimikkeitä" in needs_note.get_data(as_text=True)
    data["items-0-note"] = "Esimies on tässä historiallisen näytelmän roolinimi."
    saved = post(manager_browser, f"{base}/review", data)
    assert saved.status_code == 303
    assert saved.headers["Location"].endswith(base)  # back to the environment, not to the review again
    day = clock.today()  # the review's day as Finnish dates are written: 7.12.2026, not 07.12.2026
    for shown in (page(manager_browser, base), page(manager_browser, f"{base}/review")):
        text = shown.get_data(as_text=True)
        assert f"{day.day}.{day.month}.{day.year}" in text
        assert not re.search(r"(?<![\d.])0\d\.\d{1,2}\.\d{4}|(?<![\d.])\d{1,2}\.0\d\.\d{4}", text)
    assert manager.get(f"{API}/environments/{environment['id']}/review").get_json()["complete"] is True
    assert post(manager_browser, f"{base}/move", {"to": "open"}, form_on=base).status_code == 303
    assert manager.get(f"{API}/environments/{environment['id']}").get_json()["status"] == "open"


def test_a_student_answers_their_own_survey_in_the_pages(network, manager):
    environment = opened(manager, network)
    client_id = str(uuid.uuid4())
    person = enrol(manager, environment, 0, client_id=client_id).get_json()
    assert move(manager, environment["id"], "running").status_code == 200
    assert move(manager, environment["id"], "completed").status_code == 200
    from shared.auth.principal import Principal

    token = net.token_of(network, Principal(
        user_id=str(uuid.uuid4()), username="s", name="S", organisation="sataedu", roles=frozenset({"student"}),
        client_id=client_id))
    student = browser(network, token=token)
    mine = page(student, "/my/surveys").get_data(as_text=True)
    assert environment["name"] in mine and "Vastaa kokemuskyselyyn" in mine
    assert page(student, "/").status_code == 303
    incomplete = post(student, f"/my/surveys/{person['id']}", {"answer_learning": "5"})
    assert incomplete.status_code == 422 and "Vastaa tähän kohtaan." in incomplete.get_data(as_text=True)
    answers = {f"answer_{k}": "4" for k in ("working_life_orientation", "learning", "competence_shown", "teamwork",
                                             "guidance")}
    assert post(student, f"/my/surveys/{person['id']}", answers).status_code == 303
    assert "Olet vastannut kyselyyn" in page(student, "/my/surveys").get_data(as_text=True)
    badge = page(student, f"/my/surveys/{person['id']}/badge").get_data(as_text=True)  # said in plain words
    assert "Anna sama osoite, jota käytät merkkirepussasi" in badge and "tiivist" not in badge
    badge = student.get(f"/environments/my/surveys/{person['id']}/badge",
                        headers={"Accept": "text/html", "Accept-Language": "sv"}).get_data(as_text=True)
    assert "din märkesryggsäck: då kopplas kompetensmärket till dig" in badge and "hash" not in badge
    stranger = browser(network, token=net.token_of(network, Principal(
        user_id="x", username="x", name="X", organisation="sataedu", roles=frozenset({"student"}),
        client_id=str(uuid.uuid4()))))
    assert page(stranger, f"/my/surveys/{person['id']}").status_code == 404
    own = page(student, f"/participants/{person['id']}").get_data(as_text=True)  # not a dead end
    assert '<a href="/environments/my/surveys">Takaisin omiin projekteihin</a>' in own
    # the personal metrics are answered in intake: the page tells which phases are answered and leads there
    assert "Alun vastaukset puuttuvat vielä." in own and "Lopun vastaukset puuttuvat vielä." in own
    assert re.search(r'<a href="[^"]*/intake/me/metrics">Vastaa henkilökohtaisiin mittareihin</a>', own)
    assert "start-scale_" not in own and 'name="part" value="start"' not in own  # no second questionnaire
    answered(network, client_id, environment["id"], "start", at="2026-03-02T09:30:00+00:00")
    own = page(student, f"/participants/{person['id']}").get_data(as_text=True)
    assert "Vastattu alussa 2.3.2026." in own and "Lopun vastaukset puuttuvat vielä." in own
    theirs = page(browser(network, "manager1"), f"/participants/{person['id']}").get_data(as_text=True)
    assert f'<a href="/environments/environments/{environment["id"]}">{environment["name"]}</a>' in theirs
    assert re.search(rf'<a href="[^"]*/intake/clients/{client_id}/metrics">Asiakkaan henkilökohtaiset mittarit</a>',
                     theirs), "their own manager is led to the client card's metrics"


def test_a_partner_assesses_in_the_pages_and_sees_only_its_own(network, manager):
    mine = opened(manager, network, partner_ids=[register_partner(network, organisation="konepaja-virtanen")])
    theirs = opened(manager, network, partner_ids=[register_partner(network, "Nuorisoseura",
                                                                    organisation="nuorisoseura",
                                                                    kind="association")])
    person = enrol(manager, mine, 0, team_name="Aino").get_json()
    assert move(manager, mine["id"], "running").status_code == 200
    partner = browser(network, "partner1")
    listing = page(partner, "/my/assessments").get_data(as_text=True)
    assert mine["name"] in listing and theirs["id"] not in listing
    assert page(partner, f"/environments/{theirs['id']}").status_code == 404
    link = f'href="/environments/my/assessments/{mine["id"]}/{person["id"]}">Arvioi'
    before = page(partner, f"/environments/{mine['id']}").get_data(as_text=True)
    assert link in before and ">Arvioitu</span>" not in before
    scores = {f"score_{k}": "4" for k in ("competence_matched_needs", "working_life_skills", "initiative",
                                          "teamwork", "would_recruit")}
    given = post(partner, f"/my/assessments/{mine['id']}/{person['id']}", scores)
    assert given.status_code == 303
    after = page(partner, f"/environments/{mine['id']}").get_data(as_text=True)  # the team says who is assessed
    assert link not in after and '<span class="tag tag--completed">Arvioitu</span>' in after
    again = page(partner, f"/my/assessments/{mine['id']}/{person['id']}").get_data(as_text=True)
    assert "Olet antanut tämän arvioinnin" in again
    form = page(partner, f"/environments/{mine['id']}/outcomes/new").get_data(as_text=True)
    # A job needs its participant, a cooperation opportunity does not: the label does not call it optional.
    assert '<label class="field__label" for="participant_id">Osallistuja</label>' in form
    assert "Pakollinen, kun tulos on työ tai harjoittelu" in form
    nobody = post(partner, f"/environments/{mine['id']}/outcomes/new", {
        "kind": "short", "participant_id": "", "started_on": "2026-06-01", "description": "Kesätyö"})
    assert nobody.status_code == 422 and "Kesätyö" in nobody.get_data(as_text=True)
    assert 'id="participant_id-error"' in nobody.get_data(as_text=True)
    outcome = post(partner, f"/environments/{mine['id']}/outcomes/new", {
        "kind": "part_time", "participant_id": person["id"], "started_on": "2026-06-01"})
    assert outcome.status_code == 303
    shown = page(partner, f"/environments/{mine['id']}").get_data(as_text=True)
    assert "Osa-aikainen työ" in shown
    assert "Konepaja Virtanen Oy, 1.6.2026" in shown and "2026-06-01" not in shown  # a Finnish date


def test_the_review_is_dated_by_its_finnish_day_as_every_other_day_on_the_page(network, manager, manager_browser):
    """Not the UTC clock's day (a day behind from 22 to 24 UTC) nor with leading zeros ("07.12.2026")."""
    from shared import clock

    environment = opened(manager, network)
    day = clock.today()
    html = page(manager_browser, f"/environments/{environment['id']}").get_data(as_text=True)
    assert f"Palvelumanageri 1, {day.day}.{day.month}.{day.year}</span>" in html
    review = page(manager_browser, f"/environments/{environment['id']}/review").get_data(as_text=True)
    assert f"Tarkisti Palvelumanageri 1 {day.day}.{day.month}.{day.year}</p>" in review


def test_the_partner_and_the_other_organisations_manager_cannot_use_the_managers_forms(network, manager):
    environment = opened(manager, network)
    other = browser(network, "manager2")
    assert page(other, f"/environments/{environment['id']}/edit").status_code == 403
    assert page(other, f"/environments/{environment['id']}").status_code == 200
    assert page(other, f"/environments/{environment['id']}/enrol").status_code == 200
    partner = browser(network, "partner1")
    assert page(partner, "/environments/new").status_code == 403


def test_a_role_is_added_with_its_wanted_skills_in_the_pages(network, manager, manager_browser):
    from tests.integration.environments.helpers import PYTHON

    environment = create(manager)
    path = f"/environments/{environment['id']}/roles/new"
    unknown = post(manager_browser, path, {"title": "Testaaja", "seats": "2", "skills-0-skill": "ei tällaista taitoa",
                                           "skills-0-level": "3"})
    assert unknown.status_code == 422 and "Tuntematon taito." in unknown.get_data(as_text=True)
    close = post(manager_browser, path, {"title": "Testaaja", "seats": "2", "skills-0-skill": "Python",
                                         "skills-0-level": "3"})  # the taxonomy has "Python (tietokoneohjelmointi)"
    assert close.status_code == 422
    assert "Tuntematon taito. Tarkoititko: Python (tietokoneohjelmointi)?" in close.get_data(as_text=True)
    added = post(manager_browser, path, {"title": "Testaaja", "seats": "2", "fields": ["06"],
                                         "skills-0-skill": PYTHON, "skills-0-level": "4"})
    assert added.status_code == 303
    roles = manager.get(f"{API}/environments/{environment['id']}").get_json()["roles"]
    assert roles[-1]["title"] == "Testaaja" and roles[-1]["skills"] == [
        {"uri": PYTHON, "level": 4, "label": roles[-1]["skills"][0]["label"]}]
    edit = page(manager_browser, f"/environments/{environment['id']}/roles/{roles[-1]['id']}/edit")
    assert edit.status_code == 200 and "Testaaja" in edit.get_data(as_text=True)


def test_the_manager_sees_their_own_client_without_a_team_name_by_name_and_others_do_not(network, manager,
                                                                                         manager_browser):
    from tests.support.intake_partners import add_client

    environment = opened(manager, network)
    client_id = add_client(network.runtimes["intake"], "sataedu", "Venla", "Virta")
    person = enrol(manager, environment, 0, client_id=client_id).get_json()  # no name in the team given
    base = f"/environments/{environment['id']}"
    html = page(manager_browser, base).get_data(as_text=True)
    assert f'/environments/participants/{person["id"]}">Venla Virta</a>' in html
    assert move(manager, environment["id"], "running").status_code == 200
    form = page(manager_browser, f"{base}/outcomes/new").get_data(as_text=True)
    assert f'<option value="{person["id"]}">Venla Virta (Ohjelmoija)</option>' in form
    other = page(browser(network, "manager2"), base).get_data(as_text=True)
    assert "Venla" not in other and "Osallistuja 1" in other


def test_the_withdrawal_form_refuses_a_manager_who_may_not_record_it(network, manager):
    """A manager of another organisation gets 403 for the form, as from the API, and records nothing."""
    environment = opened(manager, network)
    person = enrol(manager, environment, 0, team_name="Aino").get_json()
    outsider = browser(network, "manager2")
    url = f"/participants/{person['id']}/withdraw"
    assert page(outsider, url).status_code == 403
    refused = post(outsider, url, {"reason": "Sai työpaikan"}, form_on=f"/environments/{environment['id']}")
    assert refused.status_code == 403
    assert manager.get(f"{API}/participants/{person['id']}").get_json()["status"] == "enrolled"


def test_a_manager_enrols_withdraws_and_completes_with_the_forms(network, manager, manager_browser):
    environment = opened(manager, network)
    base = f"/environments/{environment['id']}"
    form = page(manager_browser, f"{base}/enrol").get_data(as_text=True)
    assert "Ohjelmoija (2 vapaana)" in form
    bad = post(manager_browser, f"{base}/enrol", {"client_id": "x", "role_id": environment["roles"][0]["id"]})
    assert bad.status_code == 422 and "Tunniste ei kelpaa." in bad.get_data(as_text=True)
    samks = known_client(network, "samk")
    foreign = post(manager_browser, f"{base}/enrol", {"client_id": samks, "team_name": "Sanni",
                                                      "role_id": environment["roles"][0]["id"]})
    assert foreign.status_code == 422
    assert "Organisaatiollasi ei ole tällaista asiakasta." in foreign.get_data(as_text=True)
    assert 'value="Sanni"' in foreign.get_data(as_text=True)
    assert manager.get(f"{API}/environments/{environment['id']}").get_json()["team"] == []
    first, second = known_client(network), known_client(network)
    for client_id, name in ((first, "Aino"), (second, "Eero")):
        enrolled = post(manager_browser, f"{base}/enrol", {"client_id": client_id, "team_name": name,
                                                           "role_id": environment["roles"][0]["id"]})
        assert enrolled.status_code == 303
    team = {p["team_name"]: p for p in manager.get(f"{API}/environments/{environment['id']}").get_json()["team"]}
    no_reason = post(manager_browser, f"/participants/{team['Eero']['id']}/withdraw", {"reason": " "})
    assert no_reason.status_code == 422 and "Kerro keskeyttämisen syy." in no_reason.get_data(as_text=True)
    assert post(manager_browser, f"/participants/{team['Eero']['id']}/withdraw",
                {"reason": "Sai työpaikan"}).status_code == 303
    assert move(manager, environment["id"], "running").status_code == 200
    done = post(manager_browser, f"/participants/{team['Aino']['id']}/complete", {}, form_on=base)
    assert done.status_code == 303
    statuses = {p["team_name"]: p["status"] for p in
                manager.get(f"{API}/environments/{environment['id']}").get_json()["team"]}
    assert statuses == {"Aino": "completed", "Eero": "withdrawn"}


def test_an_environment_page_runs_the_language_check_once_and_only_where_it_is_shown(network, manager,
                                                                                      manager_browser, monkeypatch):
    """The page's description (its warnings), its review and its reminders each ask for the findings: the check
    runs once per page (three times for a draft before, twice for others); a list, or the partner's page (which
    shows only the partner's own assessments still to give), never runs it."""
    from services.environments.handlers import views

    checked: list[str] = []

    def counting(row, role_rows):
        checked.append(row.id)
        return check(row, role_rows)

    check = views.language_findings
    monkeypatch.setattr(views, "language_findings", counting)
    partner_id = register_partner(network, "Konepaja Tarkistus Oy", organisation="konepaja-virtanen")
    draft = create(manager, [partner_id], name="Palomies ja myyntimies")  # two gendered titles
    checked.clear()  # the API's answer describes it too
    html = page(manager_browser, f"/environments/{draft['id']}").get_data(as_text=True)
    assert "Palomies" in html and checked == [draft["id"]]  # warned and reminded of its review
    running = opened(manager, network, partner_ids=[partner_id], name="Käynnissä oleva")
    enrol(manager, running, 0)
    assert move(manager, running["id"], "running").status_code == 200
    checked.clear()
    assert page(manager_browser, f"/environments/{running['id']}").status_code == 200
    assert checked == [running["id"]]  # its warnings are shown; its reminders do not ask
    checked.clear()
    assert page(manager_browser, "/").status_code == 200
    partner = browser(network, "partner1")
    listing = page(partner, "/my/assessments").get_data(as_text=True)
    assert "Käynnissä oleva" in listing and "Palomies ja myyntimies" in listing
    assert checked == []  # the partner's page: a partner is reminded only of its assessments, never of a review


def test_the_participation_page_says_own_learning_goals_once_and_asks_the_question(network, manager,
                                                                                   manager_browser):
    """The heading names the part; the field asks the question (of the student, or about them to the manager)."""
    environment = opened(manager, network)
    client_id = str(uuid.uuid4())
    person = enrol(manager, environment, 0, client_id=client_id).get_json()
    from shared.auth.principal import Principal

    student = browser(network, token=net.token_of(network, Principal(
        user_id=str(uuid.uuid4()), username="s", name="S", organisation="sataedu", roles=frozenset({"student"}),
        client_id=client_id)))
    own = page(student, f"/participants/{person['id']}").get_data(as_text=True)
    assert own.count("Omat oppimistavoitteet") == 1 and "Mitä haluat oppia tässä projektissa?" in own
    managers = page(manager_browser, f"/participants/{person['id']}").get_data(as_text=True)
    assert managers.count("Omat oppimistavoitteet") == 1
    assert "Mitä osallistuja haluaa oppia tässä projektissa?" in managers


def test_a_refused_start_names_who_is_busy_and_the_evaluation_reminders_name_whom(network, manager, manager_browser):
    """The refusal to start once said only "some enrolled students"; the reminders "– a participant". Both now
    name the participants as the page shows them (own client by name, a team name, else "Participant 2"); the
    environment's move and its status say the same word ("Merkitse päättyneeksi", "Päättynyt")."""
    from tests.support.intake_partners import add_client

    waiting, running = opened(manager, network), opened(manager, network)
    ville = add_client(network.runtimes["intake"], "sataedu", "Ville", "Varattu")
    kaisa = known_client(network)
    for environment, known in ((waiting, True), (running, False)):
        assert enrol(manager, environment, 0, client_id=ville, known=known).status_code == 201
        assert enrol(manager, environment, 0, client_id=kaisa, known=False, team_name="Kaisa").status_code == 201
    assert move(manager, running["id"], "running").status_code == 200
    base = f"/environments/{waiting['id']}"
    refused = post(manager_browser, f"{base}/move", {"to": "running"}, form_on=base)
    text = manager_browser.get(refused.headers["Location"], headers={"Accept": "text/html"}).get_data(as_text=True)
    assert "Ville Varattu ja Kaisa osallistuvat jo toiseen käynnissä olevaan ympäristöön." in text
    assert ville not in text and kaisa not in text
    swedish = browser(network, "manager1")
    swedish.set_cookie("kampus_lang", "sv", domain="localhost")
    refused = post(swedish, f"{base}/move", {"to": "running"}, form_on=base)
    text = swedish.get(refused.headers["Location"], headers={"Accept": "text/html"}).get_data(as_text=True)
    assert "Ville Varattu och Kaisa deltar redan i en annan pågående miljö." in text

    other = f"/environments/{running['id']}"
    assert "Merkitse päättyneeksi" in page(manager_browser, other).get_data(as_text=True)
    ended = post(manager_browser, f"{other}/move", {"to": "completed"}, form_on=other)
    text = manager_browser.get(ended.headers["Location"], headers={"Accept": "text/html"}).get_data(as_text=True)
    assert "Oppimisympäristön tila on nyt: Päättynyt." in text
    assert re.search(r'class="tag[^"]*"[^>]*>\s*Päättynyt\s*<', text), text[:3000]  # the status beside the name
    reminders = text[text.index('id="evaluation"'):]
    assert "– Ville Varattu" in reminders and "– Kaisa" in reminders and "– osallistuja" not in reminders
    seen_by_coordinator = page(browser(network, "coordinator"), other).get_data(as_text=True)
    reminders = seen_by_coordinator[seen_by_coordinator.index('id="evaluation"'):]
    assert "– Osallistuja 1" in reminders and "Ville" not in reminders and "– osallistuja" not in reminders
