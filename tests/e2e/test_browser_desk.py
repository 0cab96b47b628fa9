"""A service manager's day from the desk, in headless Chromium, in Finnish, on a wide screen and on a phone.

SAMK's manager logs in on the demo network and lands on the desk: Leo's referral waits for SAMK, Elias's company
visit is overdue and a guidance meeting with Aada is today. Every item opens its page in one click; the manager
marks the visit and the meeting done and accepts the referral, and each item is gone from the desk (and from the
navigation's count). At 390 px nothing scrolls sideways.
"""
from __future__ import annotations

import re
from urllib.parse import urljoin

import pytest
from playwright.sync_api import expect

from demo import cast
from tests.e2e.test_responsive import WIDER_THAN_WINDOW, server  # noqa: F401 - the demo's site
from tests.support.browser import submit_login

pytestmark = [pytest.mark.e2e, pytest.mark.browser]

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}
PEOPLE = {p.key: p for p in cast.people()}
VISIT, MEETING = (step.title for step in cast.DAYS_WORK if step.person in ("elias", "aada"))


def name(key: str) -> str:
    return f"{PEOPLE[key].first} {PEOPLE[key].last}"


def log_in_as_samk_manager(browser, server: str, viewport: dict):  # noqa: F811
    context = browser.new_context(locale="fi-FI", viewport=viewport)
    page = context.new_page()
    page.goto(server + "/login")
    submit_login(page, "manager2")
    page.wait_for_url(server + "/intake/desk")  # the manager's first page is the desk
    return context, page


def desk_items(page) -> list[tuple[str, str]]:
    """(text, href) of every item on the desk."""
    return [(" ".join(a.inner_text().split()), a.get_attribute("href"))
            for a in page.locator("li.desk-item a.desk-item__link").all()]


def item(page, *words: str) -> tuple[str, str]:
    found = [i for i in desk_items(page) if all(w in i[0] for w in words)]
    assert len(found) == 1, (words, desk_items(page))
    return found[0]


def nav_count(page) -> int:
    badge = page.locator("nav.site-nav a", has_text="Työpöytä").locator(".site-nav__count")  # folded on a phone
    return int(badge.inner_text().split()[0]) if badge.count() else 0


def mark_done(page, title: str) -> None:
    row = page.locator("tr", has_text=title)
    row.get_by_label("Tila").select_option(label="Tehty")
    row.get_by_role("button", name="Tallenna").click()
    page.wait_for_load_state()
    assert "Askel päivitettiin." in page.locator(".flash-messages").inner_text()


def test_every_desk_item_opens_its_page_in_one_click(server, browser):  # noqa: F811
    context, page = log_in_as_samk_manager(browser, server, DESKTOP)
    assert page.get_by_role("heading", name="Työpöytä", level=1).is_visible()
    items = desk_items(page)
    item(page, name("elias"), VISIT)
    item(page, name("aada"), MEETING)
    item(page, "Lähettäjä")  # Leo's referral: another organisation's client, so no name
    assert len(items) == nav_count(page)
    for text, href in items:
        page.goto(server + "/intake/desk")
        page.locator("a.desk-item__link", has_text=text).first.click()
        page.wait_for_load_state()
        assert page.url == urljoin(server + "/", href), (text, page.url)  # one click: where the item is done
        assert page.locator("main h1").count() == 1 and "Virhe" not in page.title(), (text, page.url)
    context.close()


def test_the_days_work_is_done_from_the_desk_on_a_phone(server, browser):  # noqa: F811
    context, page = log_in_as_samk_manager(browser, server, PHONE)
    assert not page.evaluate(WIDER_THAN_WINDOW), "the desk does not scroll sideways at 390 px"
    before = nav_count(page)
    assert before >= 3

    item(page, name("elias"), VISIT)
    assert "myöhässä" in page.locator("li.desk-item", has_text=VISIT).inner_text()
    page.get_by_role("link", name=re.compile(re.escape(VISIT))).click()
    mark_done(page, VISIT)
    page.goto(server + "/intake/desk")
    assert not [i for i in desk_items(page) if VISIT in i[0]], "the visit done is gone from the desk"

    page.get_by_role("link", name=re.compile(re.escape(MEETING))).click()
    expect(page.locator("tr", has_text=MEETING)).to_have_count(1)  # waits for the path page, not the desk still shown
    mark_done(page, MEETING)
    page.goto(server + "/intake/desk")
    assert not [i for i in desk_items(page) if MEETING in i[0]], "the meeting held is gone from the desk"

    page.locator("a.desk-item__link", has_text="Lähettäjä").click()
    page.wait_for_url("**/intake/referrals")
    page.get_by_role("button", name=re.compile("^Hyväksy")).first.click()
    page.wait_for_load_state()
    page.goto(server + "/intake/desk")
    assert not [i for i in desk_items(page) if "Lähettäjä" in i[0]], "the accepted referral is gone from the desk"

    assert nav_count(page) == before - 3
    assert not page.evaluate(WIDER_THAN_WINDOW)
    context.close()
