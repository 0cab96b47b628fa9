"""The needs assessment and personal path pages: forms with errors beside fields, the student's own path."""
from __future__ import annotations

import re
from datetime import timedelta

import pytest

from services.intake.db import needs, path_goals, path_steps
from shared import clock
from tests.integration.intake.client_helpers import SQLITE_ONLY
from tests.integration.intake.personal_helpers import HTML, as_student, field_errors, register, rows, token
from tests.support import network as net

pytestmark = [pytest.mark.integration, SQLITE_ONLY]
WELDER = "http://data.europa.eu/esco/occupation/7aedaa07-3884-4c5b-88f9-80997b2aa54b"


@pytest.fixture
def client(manager):
    return register(manager)


def page(api, url):
    response = api.get(url, headers=HTML)
    assert response.status_code == 200, response.text[-500:]
    return response.text


def test_a_need_with_a_missing_description_is_shown_again_with_the_message_beside_it(manager, network, client):
    url = f"/intake/clients/{client['id']}/needs"
    form = {"csrf_token": token(page(manager, url)), "category": "other", "priority": "1", "description": " "}
    response = manager.post(url, data=form, headers=HTML)
    assert response.status_code == 422
    assert field_errors(response.text) == {"description": "Virhe: Kuvaile tarve, kun sen luokka on ”muu”."}
    assert '<option selected value="other">' in response.text
    assert re.search(r'<input checked id="priority-0"[^>]*value="1"', response.text)
    assert 'aria-describedby="description-hint description-error"' in response.text
    assert rows(network, needs, client_id=client["id"]) == 0


def test_needs_are_recorded_changed_and_removed_on_the_page(manager, network, client):
    url = f"/intake/clients/{client['id']}/needs"
    csrf = token(page(manager, url))
    response = manager.post(url, data={"csrf_token": csrf, "category": "housing", "priority": "2",
                                       "description": "Asunto puuttuu"}, headers=HTML)
    assert response.status_code == 303 and response.headers["Location"].endswith(url)
    shown = page(manager, url)
    assert "Asuminen" in shown and "Asunto puuttuu" in shown and "Tarve kirjattiin." in shown
    need_id = manager.get(f"/intake/api/v1/clients/{client['id']}/needs").get_json()[0]["id"]
    prefix = f"need-{need_id}-"
    assert manager.post(f"{url}/{need_id}", data={prefix + "csrf_token": csrf, prefix + "priority": "1",
                                                  prefix + "status": "met"}, headers=HTML).status_code == 303
    assert manager.get(f"/intake/api/v1/clients/{client['id']}/needs").get_json()[0]["status"] == "met"
    assert manager.post(f"{url}/{need_id}/removal", data={"csrf_token": csrf}, headers=HTML).status_code == 303
    assert rows(network, needs, client_id=client["id"]) == 0


def test_a_form_without_its_csrf_token_changes_nothing(manager, network, client):
    url = f"/intake/clients/{client['id']}/needs"
    response = manager.post(url, data={"category": "housing", "priority": "2"}, headers=HTML)
    assert response.status_code == 422
    assert rows(network, needs, client_id=client["id"]) == 0


def test_a_work_goal_finds_its_occupation_without_javascript(manager, network, client):
    url = f"/intake/clients/{client['id']}/path"
    csrf = token(page(manager, url))
    searched = manager.post(f"{url}/goals", data={"csrf_token": csrf, "kind": "work", "title": "Hitsariksi",
                                                  "occupation_query": "hitsaaja", "action": "search"}, headers=HTML)
    assert searched.status_code == 200
    assert f'value="{WELDER}"' in searched.text and 'value="Hitsariksi"' in searched.text
    assert rows(network, path_goals, client_id=client["id"]) == 0
    saved = manager.post(f"{url}/goals", data={"csrf_token": csrf, "kind": "work", "title": "Hitsariksi",
                                               "occupation_uri": WELDER, "action": "save"}, headers=HTML)
    assert saved.status_code == 303
    [goal] = manager.get(f"/intake/api/v1/clients/{client['id']}/path").get_json()["goals"]
    assert (goal["title"], goal["target_code"]) == ("Hitsariksi", WELDER)
    assert "hitsaaja" in page(manager, url)


def test_the_occupation_options_come_as_you_type(manager):
    response = manager.get("/intake/path/occupation-options", query_string={"occupation_query": "welder"},
                           headers=HTML)
    assert response.status_code == 200 and f'value="{WELDER}"' in response.text
    assert "<html" not in response.text  # a fragment for htmx to swap in


def test_a_bad_goal_keeps_what_was_typed(manager, network, client):
    url = f"/intake/clients/{client['id']}/path"
    response = manager.post(f"{url}/goals", data={"csrf_token": token(page(manager, url)), "kind": "education",
                                                  "title": "", "field_of_education": "071"}, headers=HTML)
    assert response.status_code == 422
    assert field_errors(response.text) == {"title": "Virhe: Anna tavoitteelle nimi."}
    assert '<option selected value="071">' in response.text
    assert rows(network, path_goals, client_id=client["id"]) == 0


def test_steps_are_planned_changed_and_their_history_shown(manager, network, client):
    url = f"/intake/clients/{client['id']}/path"
    csrf = token(page(manager, url))
    bad = manager.post(f"{url}/steps", data={"csrf_token": csrf, "kind": "work_trial", "title": "",
                                             "owner": "client"}, headers=HTML)
    assert bad.status_code == 422 and "step-title" in field_errors(bad.text)  # the step form's ids start with step-
    assert '<option selected value="work_trial">' in bad.text
    assert manager.post(f"{url}/steps", data={"csrf_token": csrf, "kind": "work_trial", "title": "Työkokeilu",
                                              "owner": "client", "due_date": "2026-05-04"},
                        headers=HTML).status_code == 303
    step_id = manager.get(f"/intake/api/v1/clients/{client['id']}/path").get_json()["steps"][0]["id"]
    prefix = f"step-{step_id}-"
    assert manager.post(f"{url}/steps/{step_id}", data={prefix + "csrf_token": csrf, prefix + "status": "in_progress",
                                                        prefix + "due_date": "2026-05-04"},
                        headers=HTML).status_code == 303
    history = page(manager, f"{url}/steps/{step_id}")
    assert "Suunniteltu → Käynnissä" in re.sub(r"\s+", " ", history)
    assert "Palvelumanageri (sinä)" in re.sub(r"\s+", " ", history)


def test_the_student_follows_their_path_and_marks_their_step_done(manager, network, client):
    api = f"/intake/api/v1/clients/{client['id']}/path"
    own = manager.post(f"{api}/steps", json={"kind": "course", "title": "Työturvallisuuskortti",
                                             "owner": "client"}).get_json()
    theirs = manager.post(f"{api}/steps", json={"kind": "guidance_meeting", "title": "Ohjaustapaaminen",
                                                "owner": "manager"}).get_json()
    student = as_student(network, client["id"])
    mine = page(student, "/intake/me/path")
    assert "Työturvallisuuskortti" in mine and "Ohjaustapaaminen" in mine
    assert f"/me/path/steps/{own['id']}/done" in mine and f"/me/path/steps/{theirs['id']}/done" not in mine
    csrf = token(mine)
    assert student.post(f"/intake/me/path/steps/{own['id']}/done", data={"csrf_token": csrf},
                        headers=HTML).status_code == 303
    assert student.post(f"/intake/me/path/steps/{theirs['id']}/done", data={"csrf_token": csrf},
                        headers=HTML).status_code == 403
    statuses = {s["id"]: s["status"] for s in manager.get(api).get_json()["steps"]}
    assert statuses == {own["id"]: "done", theirs["id"]: "planned"}
    own_page = page(student, "/intake/me")
    assert "Oma polku" in own_page and "1/2 askelta tehty." in own_page
    assert student.get(f"/intake/clients/{client['id']}/path", headers=HTML).status_code == 403


def test_the_client_card_shows_needs_and_path_and_other_organisations_get_404(manager, network, client):
    manager.post(f"/intake/api/v1/clients/{client['id']}/needs", json={"category": "language", "priority": 1})
    manager.post(f"/intake/api/v1/clients/{client['id']}/path/goals", json={"kind": "work", "title": "Kesätyö"})
    card = page(manager, f"/intake/clients/{client['id']}")
    assert 'id="needs-card-title"' in card and "Kielitaito" in card
    assert 'id="path-card-title"' in card and "Kesätyö" in card
    other = net.client_as(network, "manager2")
    for tail in ("needs", "path"):
        assert other.get(f"/intake/clients/{client['id']}/{tail}", headers=HTML).status_code == 404
    assert rows(network, path_steps, client_id=client["id"]) == 0


def test_the_goal_and_step_forms_share_no_id_and_each_label_names_its_own_field(manager, client):
    html = page(manager, f"/intake/clients/{client['id']}/path")
    ids = re.findall(r'\sid="([^"]+)"', html)
    assert sorted({i for i in ids if ids.count(i) > 1}) == []  # the forms' hidden CSRF tokens have no id either
    assert html.count('name="csrf_token"') >= 2
    for_ids = re.findall(r'<label[^>]*\sfor="([^"]+)"', html)
    assert all(ids.count(i) == 1 for i in for_ids), [i for i in for_ids if ids.count(i) != 1]
    assert re.search(r'<label[^>]*for="title"[^>]*>\s*Tavoite', html)  # the goal form's
    assert re.search(r'<label[^>]*for="step-title"[^>]*>\s*Askel', html)  # the step form's
    assert '<option value="06">06 Tietojenkäsittely ja tietoliikenne (ICT)</option>' in html
    assert 'value="SS"' not in html and "yhteensä" not in html  # the statistics' total is no field to choose


def test_a_step_refused_shows_its_message_beside_the_step_forms_own_field(manager, client):
    url = f"/intake/clients/{client['id']}/path"
    response = manager.post(f"{url}/steps", data={"csrf_token": token(page(manager, url)), "kind": "visit_company",
                                                  "title": " ", "owner": "client"}, headers=HTML)
    assert response.status_code == 422
    assert re.search(r'<ul class="field__errors" id="step-title-error">.*?Kuvaile askel', response.text, re.S)
    assert 'href="#step-title"' in response.text


def test_a_step_past_its_date_is_marked_late_for_the_student_and_the_manager(manager, network, client):
    """Late: still to be done and due before today in Finland (due today is not late, a done step never is)."""
    api = f"/intake/api/v1/clients/{client['id']}/path"
    today = clock.today()
    for title, due, status in (("Myöhästynyt askel", today - timedelta(days=1), "planned"),
                               ("Tänään tehtävä", today, "in_progress"),
                               ("Tehty ajallaan", today - timedelta(days=5), "done")):
        made = manager.post(f"{api}/steps", json={"kind": "course", "title": title, "owner": "client",
                                                  "due_date": due.isoformat()})
        assert made.status_code == 201, made.get_json()
        if status != "planned":
            assert manager.patch(f"{api}/steps/{made.get_json()['id']}", json={"status": status}).status_code == 200

    def late_titles(html: str) -> list[str]:
        return re.findall(r"<strong>([^<]+)</strong>[^<]*\.[^<]*<strong class=\"badge badge--warning\">Myöhässä",
                          re.sub(r"\s+", " ", html))

    student = as_student(network, client["id"])
    assert late_titles(page(student, "/intake/me/path")) == ["Myöhästynyt askel"]
    managers = re.sub(r"\s+", " ", page(manager, f"/intake/clients/{client['id']}/path"))
    assert managers.count("Myöhässä") == 1
    assert re.search(r"Myöhästynyt askel</a>.*?Myöhässä.*?Tänään tehtävä</a>", managers)
    student.set_cookie("kampus_lang", "sv", domain="localhost")
    assert page(student, "/intake/me/path").count("Försenat") == 1
