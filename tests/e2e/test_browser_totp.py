"""A manager in a real browser (headless Chromium) sets up a one-time password at the first login and logs
in with a code the next time; the codes are computed with pyotp as an authenticator app would."""
from __future__ import annotations

import re
import time

import pyotp
import pytest
from playwright.sync_api import expect

from tests.support import network as net
from tests.support.browser import served, submit_login

pytestmark = [pytest.mark.e2e, pytest.mark.browser]


@pytest.fixture
def server(tmp_path):
    network = net.build(tmp_path, jwt_signing="eddsa", mfa_required_roles=("manager", "coordinator", "admin"))
    with served(network) as url:
        yield url


def log_in_with_password(page, server: str) -> None:
    page.goto(server + "/login")
    submit_login(page, "manager1")


def test_a_manager_sets_up_a_one_time_password_and_logs_in_with_a_code(server, page):
    log_in_with_password(page, server)
    page.wait_for_url("**/login/enrol")
    assert page.get_by_role("heading", name="Ota kertakäyttösalasana käyttöön").is_visible()
    assert page.get_by_role("img", name="Kertakäyttösalasanan avaimen QR-koodi").is_visible()
    secret = page.locator("#totp-secret").inner_text().strip()
    assert re.fullmatch(r"[A-Z2-7]{32}", secret)
    page.get_by_label("Koodi").fill("000000" if pyotp.TOTP(secret).now() != "000000" else "111111")
    page.get_by_role("button", name="Vahvista").click()
    expect(page.locator("main")).to_contain_text("Koodi ei ole oikea")  # a wrong code is named beside the field
    page.get_by_label("Koodi").fill(pyotp.TOTP(secret).now())
    page.get_by_role("button", name="Vahvista").click()
    expect(page.locator("#recovery-codes li")).to_have_count(8)  # waits for the page that answers the code
    page.get_by_role("link", name="Jatka").click()
    page.wait_for_url(server + "/intake/desk")  # a manager lands on the desk
    assert "Palvelumanageri 1" in page.locator("header").inner_text()

    page.context.clear_cookies()
    log_in_with_password(page, server)
    page.wait_for_url("**/login/code")
    page.get_by_label("Koodi").fill(pyotp.TOTP(secret).at(time.time() + 30))  # the next step: not used yet
    page.get_by_role("button", name="Kirjaudu sisään").click()
    page.wait_for_url(server + "/intake/desk")  # a manager lands on the desk
    assert "Palvelumanageri 1" in page.locator("header").inner_text()
