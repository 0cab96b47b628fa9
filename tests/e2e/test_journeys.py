"""Five roles' journeys in a real browser (Chromium), in Finnish, Swedish and English.

Each journey starts at the front page, chooses its language with the header's button, logs in and moves only by
links and buttons (a link is found by where it leads, so the same journey runs in every language; no id is
typed). On every page it reaches, `Walk.arrive` runs axe-core (WCAG 2.1 A/AA), checks the page fits a 390 px
phone and that no label calls a required field optional; every form used is sent once empty and once with an
invalid value, and the message beside the field must be there, in the page's language. The journeys run at
1280 px. With KAMPUS_GUIDE_SCREENSHOTS=docs/guide/img (`make guide-screenshots`) the Finnish journeys save the
user guide's pictures.
"""
from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.support.browser import demo_served
from tests.support.journey import DESKTOP, FIRST, Walk

pytestmark = [pytest.mark.e2e, pytest.mark.browser, pytest.mark.slow]

LANGUAGES = ["fi", "sv", "en"]
LOCALES = {"fi": "fi-FI", "sv": "sv-SE", "en": "en-GB"}
CARD = r"^/intake/clients/[0-9a-f-]{36}$"


def every_choice(walk: Walk, form: str) -> dict[str, str]:
    """Each radio group of the form answered with its first option (a scale: the first point)."""
    names = walk.page.locator(form).first.evaluate(
        "f => [...new Set([...f.querySelectorAll('input[type=radio]')].map(e => e.name))]")
    return {name: FIRST for name in names}


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    with demo_served(tmp_path_factory, "journeys") as url:
        yield url


@pytest.fixture
def walk_of(server, browser):
    contexts = []

    def make(role: str, lang: str) -> Walk:
        # The browser asks for Finnish, as most users' will: the journey switches with the header's button.
        context = browser.new_context(locale=LOCALES["fi"], viewport=DESKTOP)
        walk = Walk(context.new_page(), server, lang, role)
        contexts.append((context, walk))
        return walk

    yield make
    for context, walk in contexts:
        # Shown by pytest only when the test fails: where the journey stopped and what it found before.
        print(f"\nJOURNEY {walk.where()} — last page; found on the way:\n" + "\n".join(walk.failures))
        context.close()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_manager_journey(walk_of, lang):
    """A service manager registers a client with consent, maps needs, builds a path, records metrics and the
    skills profile, refers the client to another organisation's service and looks at a suggestion."""
    walk = walk_of("manager", lang)
    walk.start("manager1")
    walk.nav(r"^/intake/clients$")
    walk.follow(r"/intake/clients/new$")
    walk.form("main form[action$='/intake/clients/new']",
              {"first_name": "Kulkija", "last_name": f"Polku-{lang}", "birth_date": "2003-05-04",
               "home_municipality": FIRST, "consent_profile_sharing": True, "consent_method": FIRST},
              {"email": "ei-osoite", "birth_date": "2999-01-01"},
              expect_empty={"first_name", "last_name", "birth_date", "home_municipality"})
    walk.picture("manager-client")
    walk.click(walk.page.locator("main form[action$='/consents'] button:visible").first)  # a consent changed

    walk.follow(r"/needs$")
    walk.form("main form[action$='/needs']", {"category": FIRST, "priority": FIRST},
              {"description": "x" * 5000}, expect_empty={"category", "priority"})
    walk.follow(CARD)

    walk.follow(r"/path$")
    walk.form("main form[action$='/path/goals']", {"kind": FIRST, "title": "Kesätyö konepajassa"},
              {"title": "x" * 400}, expect_empty={"kind", "title"})
    walk.picture("manager-path")
    walk.follow(CARD)

    walk.follow(r"/metrics$")
    metrics = "main form[action$='/metrics']"
    walk.form(metrics, every_choice(walk, metrics), expect_empty={"phase"})
    walk.follow(CARD)

    walk.follow(r"/profile$")
    walk.form("main form[action$='/profile']", {"hours_per_week": "20"}, {"hours_per_week": "-5"},
              empty_is_valid=True)
    walk.follow(CARD)

    walk.follow(r"/referrals/new$")
    walk.form("main form:has([name=client_agreed])", {"service": FIRST, "client_agreed": True},
              {"client_agreed": False}, expect_empty={"service"})

    walk.nav(r"^/matching/suggestions$")
    walk.follow(r"^/matching/suggestions/[0-9a-f-]{36}$")
    walk.picture("manager-suggestion")
    walk.picture("manager-phone", phone=True)
    walk.assert_clean()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_environment_host_journey(walk_of, lang):
    """A host (a member organisation's manager) creates a learning environment, gives it a role, reviews it for
    gender neutrality, opens it, enrols the demo student, records an outcome and completes it."""
    walk = walk_of("host", lang)
    walk.start("manager1")
    walk.nav(r"^/environments/$")
    walk.follow(r"/environments/environments/new$")
    walk.form("main form:has([name=capacity])",
              {"name": f"Polkutesti ({lang})", "capacity": "5", "partner_ids": "Konepaja Virtanen"},
              {"capacity": "-1"}, expect_empty={"name"})
    walk.picture("host-environment")

    walk.follow(r"/roles/new$")
    walk.form("main form:has([name=seats])", {"title": "Tuotantoassistentti", "seats": "2"}, {"seats": "-2"},
              expect_empty={"title", "seats"})

    walk.follow(r"/review$")
    review = "main form:has([name='items-0-checked'])"
    checks = walk.page.locator(review).evaluate("f => [...f.querySelectorAll('input[type=checkbox]')].map(e => e.name)")
    walk.form(review, dict.fromkeys(checks, True), {"items-0-note": "x" * 3000}, empty_is_valid=True)
    if "/review" in walk.page.url:  # the saved review stays on its page; the environment is one link away
        walk.follow(r"^/environments/environments/[0-9a-f-]{36}$")

    walk.click(walk.page.locator("main form.move--open button[type=submit]"))
    walk.follow(r"/enrol$")
    enrol = "main form:has([name=client_id])"
    client = walk.page.locator(f"{enrol} [name=client_id] option", has_text="Opiskelija").first.get_attribute("value")
    walk.form(enrol, {"client_id": client, "role_id": FIRST}, {"team_name": "x" * 500},
              expect_empty={"client_id"})
    if "/enrol" in walk.page.url:
        walk.follow(r"^/environments/environments/[0-9a-f-]{36}$")

    walk.click(walk.page.locator("main form.move--running button[type=submit]"))
    walk.follow(r"/outcomes/new$")
    walk.form("main form:has([name=kind])", {"kind": FIRST, "partner_id": FIRST, "participant_id": FIRST,
                                                "started_on": "2026-05-01"},
              {"started_on": "2026-05-01", "ended_on": "2026-04-01"}, expect_invalid={"ended_on"})
    walk.picture("host-outcomes")
    if "/outcomes" in walk.page.url:
        walk.follow(r"^/environments/environments/[0-9a-f-]{36}$")
    walk.click(walk.page.locator("main form.move--completed button[type=submit]"))
    walk.picture("host-phone", phone=True)
    walk.assert_clean()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_partner_journey(walk_of, lang):
    """A partner tells a competence need that is a hidden job, looks at the candidates for a need, and assesses
    the participant of the environment the host journey in the same language made with them (so the host's
    journey runs first: it is above this one in the module)."""
    walk = walk_of("partner", lang)
    walk.start("partner1")
    walk.nav(r"^/intake/my/needs$")
    walk.follow(r"/intake/my/needs/new$")
    walk.form("main form:has([name=work_type])",
              {"title": f"Varastotyöntekijä ({lang})", "work_type": FIRST, "hidden_job": True, "hours_per_week": "20"},
              {"hours_per_week": "-3"}, expect_empty={"title"})
    walk.picture("partner-need")
    walk.nav(r"^/matching/partner/needs$")
    walk.follow(r"^/matching/partner/needs/[0-9a-f-]{36}$")
    walk.nav(r"^/environments/my/assessments$")
    # The environment the host journey (before this one) made with this partner and completed.
    walk.follow(r"^/environments/environments/[0-9a-f-]{36}$", text=f"Polkutesti ({lang})")
    environment = walk.page.url
    person = r"^/environments/my/assessments/[0-9a-f-]{36}/[0-9a-f-]{36}$"
    for nth in range(8):  # the first participant this partner has not assessed yet (earlier runs assessed some)
        walk.follow(person, nth=nth)
        if walk.page.locator("main form").count():
            break
        walk.page.goto(environment)
    assessment = "main form"
    walk.form(assessment, every_choice(walk, assessment))
    walk.picture("partner-assessment")
    walk.picture("partner-phone", phone=True)
    walk.assert_clean()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_student_journey(walk_of, lang):
    """A student looks at their path, answers the personal metrics (self-assessment) and an experience survey,
    and changes a consent on their own page."""
    walk = walk_of("student", lang)
    walk.start("student1")
    walk.nav(r"^/intake/me$")
    walk.follow(r"^/intake/me/path$")
    walk.picture("student-path")
    walk.follow(r"^/intake/me/metrics$")
    metrics = "main form[action$='/intake/me/metrics']"
    walk.form(metrics, every_choice(walk, metrics), expect_empty={"phase"})
    walk.nav(r"^/environments/my/surveys$")
    walk.follow(r"^/environments/my/surveys/[0-9a-f-]{36}$")
    survey = "main form:has([name=free_text])"
    walk.picture("student-survey")
    walk.form(survey, every_choice(walk, survey), {"free_text": "x" * 5000})
    walk.nav(r"^/intake/me$")
    consents = walk.page.locator("main form[action$='/intake/me/consents']")
    withdraw = consents.locator("details.consent__withdraw > summary")
    if withdraw.count():  # a consent in force: withdrawing it first shows what follows, then asks to confirm
        withdraw.first.click()
        expect(consents.locator("details[open] button[type=submit]").first).to_be_visible()
    walk.click(consents.locator("button[type=submit]:visible").first)
    walk.picture("student-phone", phone=True)
    walk.assert_clean()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_coordinator_journey(walk_of, lang):
    """The network's coordinator reads the dashboard, narrows it to a period and downloads the exports."""
    walk = walk_of("coordinator", lang)
    walk.start("coordinator")
    walk.nav(r"^/reporting/$")
    walk.picture("coordinator-dashboard")
    walk.picture("coordinator-phone", phone=True)
    walk.form("main form[action$='/reporting/']", {"start": "2026-01-01", "end": "2026-12-31"},
              {"start": "2026-12-31", "end": "2026-01-01"}, empty_is_valid=True, expect_invalid={"end"})
    for export in ("/reporting/tables/reach.csv", "/reporting/workbook.xlsx"):
        with walk.page.expect_download() as download:
            walk.page.locator(f"main a[href*='{export}']").first.click()
        assert Path(download.value.path()).stat().st_size > 0, export
    walk.assert_clean()
