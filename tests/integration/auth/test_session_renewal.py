"""The session that holds a browser's CSRF token is a new one after a login and after a logout, in the portal
and in every service: a CSRF token known before does not work after."""
from __future__ import annotations

import re

import pytest
from werkzeug.test import Client

from tests.support import network as net

HTML = {"Accept": "text/html"}


network = net.module_network("sessions")


def csrf_of(response) -> str:
    return re.search(r'name="csrf_token"[^>]*value="([^"]+)"', response.get_data(as_text=True)).group(1)


def log_in(browser: Client, username: str) -> None:
    csrf = csrf_of(browser.get("/login"))
    assert browser.post("/login", data={"username": username, "password": "demo",
                                        "csrf_token": csrf}).status_code == 302


def log_out(browser: Client) -> None:
    csrf = csrf_of(browser.get("/logout"))
    assert browser.post("/logout", data={"csrf_token": csrf}).status_code == 302


def switch_language(browser: Client, prefix: str, csrf: str) -> int:
    """A small form of every app (the language switch): its answer tells whether the CSRF token was taken."""
    return browser.post(f"{prefix}/language", data={"lang": "sv", "next": f"{prefix}/", "csrf_token": csrf},
                        headers=HTML).status_code


def test_a_csrf_token_from_before_the_login_is_refused_after_it(network):
    browser = Client(network.wsgi)
    planted = csrf_of(browser.get("/login"))  # what someone who handed this browser its session would know
    log_in(browser, "manager1")
    assert switch_language(browser, "", planted) == 400
    assert switch_language(browser, "", csrf_of(browser.get("/", headers=HTML))) == 303


def test_a_csrf_token_from_before_the_logout_is_refused_after_it(network):
    browser = Client(network.wsgi)
    log_in(browser, "manager2")
    before = csrf_of(browser.get("/", headers=HTML))
    log_out(browser)
    assert switch_language(browser, "", before) == 400
    assert browser.post("/login", data={"username": "manager2", "password": "demo",
                                        "csrf_token": before}).status_code == 400
    assert switch_language(browser, "", csrf_of(browser.get("/login"))) == 303


@pytest.mark.parametrize("service", ["intake", "matching", "environments", "reporting"])
def test_each_services_session_is_renewed_when_the_login_changes(network, service):
    browser = Client(network.wsgi)
    log_in(browser, "manager3")
    known = csrf_of(browser.get(f"/{service}/", headers=HTML, follow_redirects=True))
    assert switch_language(browser, f"/{service}", known) == 303, "the token works while the login lasts"
    log_out(browser)
    log_in(browser, "manager4")  # someone else at the same browser
    assert switch_language(browser, f"/{service}", known) == 400
    assert switch_language(browser, f"/{service}", csrf_of(
        browser.get(f"/{service}/", headers=HTML, follow_redirects=True))) == 303
