"""A person in a real browser (headless Chromium): log in, see Finnish, switch to Swedish, log out."""
from __future__ import annotations

import os
import shutil
import threading

import pytest
from werkzeug.serving import make_server

from tests.support import network as net

pytestmark = [pytest.mark.e2e, pytest.mark.browser]

CHROMIUM = os.environ.get("CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]


@pytest.fixture
def server(tmp_path):
    network = net.build(tmp_path)
    httpd = make_server("127.0.0.1", 0, network.wsgi, threaded=True)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_port}"
    httpd.shutdown()
    network.shutdown()


@pytest.fixture
def page():
    from playwright.sync_api import sync_playwright

    if not os.path.exists(CHROMIUM):
        pytest.fail("Chromium is needed for browser tests: apt-get install chromium chromium-driver",
                    pytrace=False)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        context = browser.new_context(locale="fi-FI")
        yield context.new_page()
        browser.close()


def test_manager_logs_in_sees_finnish_switches_to_swedish_and_logs_out(server, page):
    page.goto(server + "/")
    assert "/login" in page.url, "an anonymous visitor is sent to the login page"
    assert page.locator("html").get_attribute("lang") == "fi"
    page.get_by_label("Käyttäjätunnus").fill("manager1")
    page.get_by_label("Salasana").fill("demo")
    page.get_by_role("button", name="Kirjaudu sisään").click()
    page.wait_for_url(server + "/")  # the page asked for before the login (a manager without one: the desk)
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
    page.get_by_label("Käyttäjätunnus").fill("manager1")
    page.get_by_label("Salasana").fill("wrong")
    page.get_by_role("button", name="Kirjaudu sisään").click()
    assert page.get_by_role("alert").inner_text().strip() != ""
    assert page.get_by_label("Käyttäjätunnus").input_value() == "manager1"
