"""The header's notification counter on a page of another origin than the portal's (compose: a port each).

The network is served twice: the portal's address on one port, intake's on another (the links say so), as two
origins of one host. Sataedu's manager logs in at the portal and lands on intake's origin; SAMK's manager refers
a client to Sataedu; the counter on the intake page, asked from the portal across origins (shared.web.cors), goes
up without a reload.
"""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.test_push_browser import ARRIVES, refer_to_sataedu, unread
from tests.support import network as net
from tests.support.browser import submit_login
from tests.support.origins import Later, serving
from tests.support.waiting import eventually

pytestmark = [pytest.mark.e2e, pytest.mark.browser]


@pytest.fixture
def origins(tmp_path, monkeypatch):
    """(the running network, the portal's origin, intake's origin)."""
    later = Later()
    with serving(later) as portal, serving(later) as intake:
        monkeypatch.setenv("INTAKE_URL", intake + "/intake/")
        network = net.build(tmp_path, portal_url=portal + "/").start()
        later.app = network.wsgi
        try:
            yield network, portal, intake
        finally:
            network.shutdown()


def test_the_counter_on_an_intake_page_of_its_own_origin_goes_up_with_a_new_notification(origins, page):
    network, portal, intake = origins
    page.goto(portal + "/login")
    submit_login(page, "manager1")
    page.wait_for_url(intake + "/intake/desk")  # the login's cookie is the host's: intake's origin has it too
    page.goto(intake + "/intake/referrals")
    counter = page.locator(".notify-counter")
    assert counter.get_attribute("data-notify-stream") == portal + "/notifications/stream"
    expect(counter).to_have_attribute("data-unread", re.compile(r"^\d+$"), timeout=ARRIVES)
    before = unread(page)

    refer_to_sataedu(network)
    expect(counter).to_have_attribute("data-unread", str(before + 1), timeout=ARRIVES)
    page.locator(".toast").filter(has_text="Organisaatioosi saapui ohjaus.").wait_for(timeout=ARRIVES)
    assert page.locator(".notify-counter__count").inner_text() == str(before + 1)
    assert page.url.startswith(intake + "/")  # never reloaded, never left for the portal's origin


def test_without_a_stream_the_polled_counter_goes_up_across_origins_too(origins, page):
    """The fallback (a browser without EventSource, or no stream free) sends the login's cookie as well."""
    network, portal, intake = origins
    page.add_init_script("window.EventSource = undefined;")
    page.clock.install()  # the poll's 20 seconds, made to pass at once
    page.goto(portal + "/login")
    submit_login(page, "manager1")
    page.wait_for_url(intake + "/intake/desk")
    counter = page.locator(".notify-counter")
    expect(counter).to_have_attribute("data-unread", re.compile(r"^\d+$"), timeout=ARRIVES)
    before = unread(page)

    refer_to_sataedu(network)
    manager = net.client_as(network, "manager1")
    eventually(lambda: manager.get("/notifications/unread").get_json()["unread"] == before + 1,
               message="the referral's notification stored at the portal")
    page.clock.run_for(21_000)
    expect(counter).to_have_attribute("data-unread", str(before + 1), timeout=ARRIVES)


def test_the_poll_of_the_counter_answers_the_intake_origin_and_no_other(origins):
    """The fallback's answer as the browser gets it: for intake's origin with the login, for another none."""
    network, portal, intake = origins
    manager = net.client_as(network, "manager1")
    mine = manager.get("/notifications/unread", headers={"Origin": intake})
    assert mine.status_code == 200 and isinstance(mine.get_json()["unread"], int)
    assert mine.headers["Access-Control-Allow-Origin"] == intake
    assert mine.headers["Access-Control-Allow-Credentials"] == "true"
    other = manager.get("/notifications/unread", headers={"Origin": "http://127.0.0.1:1"})
    assert "Access-Control-Allow-Origin" not in other.headers
    policy = manager.get("/intake/referrals", headers={"Accept": "text/html"}).headers["Content-Security-Policy"]
    assert f"connect-src 'self' {portal}" in policy
