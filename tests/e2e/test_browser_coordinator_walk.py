"""What the coordinator's walk on a phone found: a table's legend keeps each mark whole beside its meaning,
and no page asks for a file that is not there.

The mark ".." (hidden without telling its size) broke into one dot per line beside a two-line meaning, so a
reader saw "." and could not match it to the ".." in the table above.
"""
from __future__ import annotations

import pytest

from tests.support.browser import signed_in

pytestmark = [pytest.mark.e2e, pytest.mark.browser]


def test_every_mark_of_the_legend_is_on_one_line_at_phone_width(server, browser):
    with signed_in(browser, server, "coordinator", viewport={"width": 390, "height": 844}) as page:
        page.get_by_role("link", name="Raportit").last.click()
        page.wait_for_load_state("networkidle")
        marks = page.eval_on_selector_all(
            "#table-referrals .report-table__legend dt",
            """els => els.map(e => {
                 const range = document.createRange();
                 range.selectNodeContents(e);
                 const tops = new Set([...range.getClientRects()].map(r => Math.round(r.top)));
                 return [e.innerText, tops.size];
               })""")
        assert marks == [["<5", 1], ["x", 1], ["..", 1], ["–", 1]]  # each mark on one line, not a dot a line


def test_a_page_asks_for_nothing_that_is_not_there(server, browser):
    """Every page asked for /favicon.ico and got a 404 (an error in the browser's console)."""
    context = browser.new_context(locale="fi-FI")
    try:
        page = context.new_page()
        errors = []  # the browser's own request for an icon is no page response: its 404 shows in the console
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.goto(f"{server}/login")
        page.wait_for_load_state("networkidle")
        page.wait_for_timeout(500)
        assert page.locator("#username").count() == 1
        assert not [e for e in errors if "404" in e], errors
    finally:
        context.close()
