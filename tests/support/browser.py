"""What the browser tests (tests/e2e) share: the network served on a local port, headless Chromium, a login."""
from __future__ import annotations

import os
import re
import shutil
import threading
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from werkzeug.serving import make_server

CHROMIUM = os.environ.get("CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]


@contextmanager
def served(network) -> Iterator[str]:
    """The network's pages and APIs on a free local port: its address; afterwards the server and the network stop."""
    httpd = make_server("127.0.0.1", 0, network.wsgi, threaded=True)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{httpd.server_port}"
    finally:
        httpd.shutdown()
        network.shutdown()


@contextmanager
def demo_served(tmp_path_factory, name: str) -> Iterator[str]:
    """A fresh network with the demo's clients, settled and served (for one module's browser tests): its address."""
    from demo import clients as demo_clients
    from tests.support import network as net

    network = net.build(tmp_path_factory.mktemp(name))
    assert demo_clients.seed(network) is True
    assert network.settle()
    with served(network) as url:
        yield url


@contextmanager
def chromium():
    """Headless Chromium (Playwright), closed afterwards; a test fails, never skips, where it is not installed."""
    from playwright.sync_api import sync_playwright

    if not os.path.exists(CHROMIUM):
        pytest.fail("Chromium is needed for browser tests: apt-get install chromium chromium-driver",
                    pytrace=False)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            yield browser
        finally:
            browser.close()


def submit_login(page, username: str, password: str = "demo") -> None:
    """Fill in the Finnish login form shown on `page` and send it."""
    page.get_by_label("Käyttäjätunnus").fill(username)
    page.get_by_label("Salasana").fill(password)
    page.get_by_role("button", name="Kirjaudu sisään").click()


def log_in(page, server: str, username: str) -> None:
    """Log in as a demo user (password 'demo') and wait for where they land (a manager: the desk)."""
    page.goto(server + "/login")
    submit_login(page, username)
    page.wait_for_url(re.compile(re.escape(server) + r"/(intake/desk)?$"))



@contextmanager
def signed_in(browser, server: str, username: str, **context_options) -> Iterator:
    """A page of a fresh Finnish browser context, logged in as `username`; the context is closed afterwards."""
    context = browser.new_context(locale="fi-FI", **context_options)
    try:
        page = context.new_page()
        log_in(page, server, username)
        yield page
    finally:
        context.close()
