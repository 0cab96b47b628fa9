"""The personal metrics pages: the student's questionnaire and the accessible chart of change."""
from __future__ import annotations

import re

import pytest

from services.intake.db import metric_answers
from tests.integration.intake.client_helpers import SQLITE_ONLY
from tests.integration.intake.personal_helpers import HTML, as_student, field_errors, register, rows, token
from tests.support import network as net

pytestmark = [pytest.mark.integration, SQLITE_ONLY]


def test_the_student_answers_the_questionnaire_and_sees_the_change(manager, network):
    client = register(manager)
    student = as_student(network, client["id"])
    questionnaire = student.get("/intake/me/metrics", headers=HTML)
    assert questionnaire.status_code == 200
    text = questionnaire.text
    assert "Tiedän, millaista työtä haluan" in text and "Ei vielä vastauksia." in text
    assert re.search(r'<input checked id="phase-0"[^>]*value="start"', text)
    csrf = token(text)
    for phase, value in (("start", "2"), ("end", "4")):
        saved = student.post("/intake/me/metrics", data={"csrf_token": csrf, "phase": phase,
                                                          "answers_know_wanted_work": value}, headers=HTML)
        assert saved.status_code == 303
    page = student.get("/intake/me/metrics", headers=HTML).text
    assert page.count('role="img"') == 1
    assert re.search(r'<polyline points="[\d.]+,[\d.]+ [\d.]+,[\d.]+"', page)
    assert "Tiedän, millaista työtä haluan: nousua 2" in page
    table = page[page.index('<table class="data-table metric-table table-cards">'):]
    assert re.search(r"<li>Alussa \([\d.]+\): 2/5</li><li>Lopussa \([\d.]+\): 4/5</li>", table) and "+2" in table
    assert '<th scope="col">Muutos</th>' in table and ">Muuta<" not in table  # a change, not "change it!"
    assert re.search(r'<input checked id="phase-1"[^>]*value="during"', page)  # next time: during


def test_a_bad_questionnaire_is_shown_again_with_messages_and_nothing_is_stored(manager, network):
    client = register(manager)
    student = as_student(network, client["id"])
    csrf = token(student.get("/intake/me/metrics", headers=HTML).text)
    empty = student.post("/intake/me/metrics", data={"csrf_token": csrf, "phase": "start"}, headers=HTML)
    assert empty.status_code == 422 and "<li>Vastaa vähintään yhteen väittämään.</li>" in empty.text
    out_of_range = student.post("/intake/me/metrics", data={"csrf_token": csrf, "phase": "start",
                                                             "answers_job_search": "9",
                                                             "answers_know_wanted_work": "3"}, headers=HTML)
    assert out_of_range.status_code == 422
    assert "answers_job_search" in field_errors(out_of_range.text)
    assert re.search(r'<input checked id="answers_know_wanted_work-2"[^>]*value="3"', out_of_range.text)
    assert rows(network, metric_answers, client_id=client["id"]) == 0


def test_the_manager_records_answers_and_the_card_shows_the_chart(manager, network):
    client = register(manager)
    url = f"/intake/clients/{client['id']}/metrics"
    csrf = token(manager.get(url, headers=HTML).text)
    assert manager.post(url, data={"csrf_token": csrf, "phase": "start", "answers_job_search": "3",
                                   "answers_find_my_place": "1"}, headers=HTML).status_code == 303
    card = manager.get(f"/intake/clients/{client['id']}", headers=HTML).text
    assert 'id="metrics-card-title"' in card and card.count('role="img"') == 2
    assert "Osaan hakea töitä" in card
    assert rows(network, metric_answers, client_id=client["id"]) == 2
    other = net.client_as(network, "manager3")
    assert other.get(url, headers=HTML).status_code == 404
    assert other.post(url, data={"csrf_token": csrf, "phase": "start", "answers_job_search": "5"},
                      headers=HTML).status_code in (400, 404, 422)
    assert rows(network, metric_answers, client_id=client["id"]) == 2


def test_a_student_without_a_client_record_gets_404(network):
    assert as_student(network, None).get("/intake/me/metrics", headers=HTML).status_code == 404


SCALES_PAGE = "/intake/metrics/scales"


def test_the_coordinator_adds_retires_and_restores_a_statement_on_the_questionnaire_page(network):
    from services.intake.db import metric_scales

    coordinator = net.client_as(network, "coordinator")
    page = coordinator.get(SCALES_PAGE, headers=HTML)
    assert page.status_code == 200
    assert "Osaan hakea töitä" in page.text and "Tiedän, millaista työtä haluan" in page.text
    csrf = token(page.text)
    added = coordinator.post(SCALES_PAGE, headers=HTML, data={
        "csrf_token": csrf, "label_fi": "Tunnen vahvuuteni", "label_sv": "Jag känner mina styrkor",
        "label_en": "I know my strengths", "minimum": "1", "maximum": "5"})
    assert added.status_code == 303
    assert rows(network, metric_scales, key="i_know_my_strengths", active=True) == 1
    assert "Tunnen vahvuuteni" in coordinator.get(SCALES_PAGE, headers=HTML).text
    assert coordinator.post(f"{SCALES_PAGE}/i_know_my_strengths/retire", headers=HTML,
                            data={"csrf_token": csrf}).status_code == 303
    assert rows(network, metric_scales, key="i_know_my_strengths", active=False) == 1
    student_form = as_student(network, register(net.client_as(network, "manager1"))["id"]).get(
        "/intake/me/metrics", headers=HTML).text
    assert "Tunnen vahvuuteni" not in student_form
    admin = net.client_as(network, "admin")
    admin_csrf = token(admin.get(SCALES_PAGE, headers=HTML).text)
    assert admin.post(f"{SCALES_PAGE}/i_know_my_strengths/restore", headers=HTML,
                      data={"csrf_token": admin_csrf}).status_code == 303
    assert rows(network, metric_scales, key="i_know_my_strengths", active=True) == 1


def test_a_statement_missing_a_language_is_shown_again_beside_the_field_and_not_stored(network):
    from services.intake.db import metric_scales

    coordinator = net.client_as(network, "coordinator")
    form = coordinator.get(SCALES_PAGE, headers=HTML).text
    csrf = token(form)
    for language in ("suomeksi", "ruotsiksi", "englanniksi"):  # all three are asked: none is called optional
        assert re.search(rf"Väittämä {language}\s*</label>", form), language
    before = rows(network, metric_scales)
    response = coordinator.post(SCALES_PAGE, headers=HTML, data={
        "csrf_token": csrf, "label_fi": "Osaan pyytää apua", "label_sv": "", "label_en": "I can ask for help",
        "minimum": "3", "maximum": "2"})
    assert response.status_code == 422
    errors = field_errors(response.text)
    assert set(errors) == {"label_sv", "maximum"}, errors
    assert "Anna väittämä suomeksi, ruotsiksi ja englanniksi." in errors["label_sv"]
    assert rows(network, metric_scales) == before


@pytest.mark.parametrize("username", ["manager1", "manager2", "partner1", "student1"])
def test_nobody_else_reaches_the_questionnaire_page_or_changes_a_statement(network, username):
    from services.intake.db import metric_scales

    who = net.client_as(network, username)
    assert who.get(SCALES_PAGE, headers=HTML).status_code == 403
    csrf = token(net.client_as(network, "coordinator").get(SCALES_PAGE, headers=HTML).text)
    assert who.post(f"{SCALES_PAGE}/job_search/retire", headers=HTML, data={"csrf_token": csrf}).status_code == 403
    assert who.post(SCALES_PAGE, headers=HTML, data={"csrf_token": csrf, "label_fi": "a", "label_sv": "b",
                                                      "label_en": "sneaky"}).status_code == 403
    assert rows(network, metric_scales, key="job_search", active=True) == 1
    assert rows(network, metric_scales, key="sneaky") == 0
