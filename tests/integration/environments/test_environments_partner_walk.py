"""A partner on an environment's page, as found walking the product: days are Finnish days of Finland's calendar
(not "2026-11-08", nor a review done at 00.30 shown as the day before), and a saved assessment leads back to the
team, where the next participant to assess is; a partner is reminded of its own assessments only, not of which
students left their survey unanswered."""
from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import update

from services.environments.db import review_items
from tests.integration.environments.helpers import enrol, move, opened, register_partner
from tests.integration.environments.test_environments_pages import browser, page, post

pytestmark = pytest.mark.integration


def test_the_outcome_and_review_dates_on_the_partners_page_are_finnish_days(network, manager):
    environment = opened(manager, network, partner_ids=[register_partner(network, organisation="konepaja-virtanen")])
    person = enrol(manager, environment, 0, team_name="Aino").get_json()
    assert move(manager, environment["id"], "running").status_code == 200
    with network.runtimes["environments"].db.transaction() as session:  # 00.30 on 8 Dec in Finland
        session.execute(update(review_items).where(review_items.c.environment_id == environment["id"]).values(
            reviewed_at=datetime(2026, 12, 7, 22, 30, tzinfo=UTC)))
    partner = browser(network, "partner1")
    saved = post(partner, f"/environments/{environment['id']}/outcomes/new", {
        "kind": "part_time", "participant_id": person["id"], "started_on": "2026-11-08"})
    assert saved.status_code == 303

    html = page(partner, f"/environments/{environment['id']}").get_data(as_text=True)
    assert "Osa-aikainen työ" in html and ", 8.11.2026" in html and "2026-11-08" not in html
    assert ", 8.12.2026</span>" in html and "07.12.2026" not in html


def test_after_an_assessment_the_partner_is_back_on_the_team_with_the_next_one_to_assess(network, manager):
    environment = opened(manager, network, partner_ids=[register_partner(network, organisation="konepaja-virtanen")])
    first = enrol(manager, environment, 0, team_name="Aino").get_json()
    second = enrol(manager, environment, 0, team_name="Leo").get_json()
    assert move(manager, environment["id"], "running").status_code == 200
    partner = browser(network, "partner1")
    scores = {f"score_{k}": "4" for k in ("competence_matched_needs", "working_life_skills", "initiative",
                                          "teamwork", "would_recruit")}
    given = post(partner, f"/my/assessments/{environment['id']}/{first['id']}", scores)
    assert given.status_code == 303
    assert given.headers["Location"].endswith(f"/environments/environments/{environment['id']}#team")
    team = partner.get(given.headers["Location"], headers={"Accept": "text/html"}).get_data(as_text=True)
    assert "Kiitos! Arviointi tallennettiin." in team
    assert f'href="/environments/my/assessments/{environment["id"]}/{second["id"]}">Arvioi' in team


def test_a_partner_is_reminded_of_its_own_assessments_only_not_of_the_students_surveys(network, manager):
    environment = opened(manager, network, partner_ids=[register_partner(network, organisation="konepaja-virtanen")])
    enrol(manager, environment, 0, team_name="Aino")
    for status in ("running", "completed"):
        assert move(manager, environment["id"], status).status_code == 200
    partner = page(browser(network, "partner1"), f"/environments/{environment['id']}").get_data(as_text=True)
    assert "Kumppani ei ole arvioinut tätä osallistujaa. – Aino – Konepaja Virtanen Oy" in partner
    assert "Kokemuskyselyyn ei ole vastattu." not in partner
    host = page(browser(network, "manager1"), f"/environments/{environment['id']}").get_data(as_text=True)
    assert "Kokemuskyselyyn ei ole vastattu. – Aino" in host
