"""The privacy notice in a real browser (headless Chromium): reached from the footer without logging in,
in Finnish, Swedish and English, with each organisation's notice and the short one for young people."""
from __future__ import annotations

import pytest

pytestmark = [pytest.mark.e2e, pytest.mark.browser]


def test_an_anonymous_visitor_reaches_the_notice_from_the_footer_in_three_languages(server, page):
    page.goto(server + "/login")
    footer = page.locator("footer")
    footer.get_by_role("link", name="Tietosuojaseloste").click()
    page.wait_for_url(server + "/privacy")
    assert page.get_by_role("heading", level=1).inner_text() == "Tietosuojaseloste"
    assert "/login" not in page.url, "the notice needs no login"

    page.get_by_role("link", name="Sataedu (demo)", exact=True).click()
    page.wait_for_url(server + "/privacy/sataedu")
    assert "julkisen tehtävän hoitaminen" in page.locator("#purpose-guidance").inner_text()
    assert "suostumus" in page.locator("#purpose-matching").inner_text()

    page.get_by_role("button", name="Svenska").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "sv"
    assert page.get_by_role("heading", level=1).inner_text() == "Dataskyddsbeskrivning: Sataedu (demo)"
    assert "uppgift av allmänt intresse" in page.locator("#purpose-guidance").inner_text()
    assert page.locator("footer").get_by_role("link", name="Dataskyddsbeskrivning").is_visible()

    page.get_by_role("button", name="English").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", level=1).inner_text() == "Privacy notice: Sataedu (demo)"
    page.get_by_role("link", name="Short version for young people").click()
    page.wait_for_url(server + "/privacy/sataedu/young")
    assert page.get_by_role("heading", level=1).inner_text() == "Your data in short: Sataedu (demo)"
    assert "only if you say yes" in page.locator("main").inner_text()
