"""A person in a real browser (headless Chromium): log in, see Finnish, switch to Swedish, log out."""
from __future__ import annotations

import pytest

from tests.support.browser import submit_login

pytestmark = [pytest.mark.e2e, pytest.mark.browser]


def test_manager_logs_in_sees_finnish_switches_to_swedish_and_logs_out(server, page):
    page.goto(server + "/")
    assert "/login" in page.url, "an anonymous visitor is sent to the login page"
    assert page.locator("html").get_attribute("lang") == "fi"
    submit_login(page, "manager1")
    page.wait_for_url(server + "/")
    assert page.locator("html").get_attribute("lang") == "fi"
    nav = page.get_by_role("navigation", name="Päävalikko")
    assert nav.get_by_role("link", name="Asiakkaat", exact=True).is_visible()
    assert "Palvelumanageri 1" in page.locator("header").inner_text()

    page.get_by_role("button", name="Svenska").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "sv"
    assert page.get_by_role("link", name="Logga ut").is_visible()

    page.get_by_role("link", name="Logga ut").click()
    page.get_by_role("button", name="Logga ut").click()
    page.wait_for_url("**/login**")
    page.goto(server + "/")
    assert "/login" in page.url, "after logout the front page asks for a login again"


def test_wrong_password_shows_a_message_beside_the_form(server, page):
    page.goto(server + "/login")
    submit_login(page, "manager1", "wrong")
    assert page.get_by_role("alert").inner_text().strip() != ""
    assert page.get_by_label("Käyttäjätunnus").input_value() == "manager1"
