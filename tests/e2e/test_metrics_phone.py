"""Personal metrics on a phone: at 390 px the table of a student's answers turns into one card per statement
(its answers one a line, the change), nothing scrolls sideways, on the student's own pages and on the manager's
client card; the parts keep their table roles; a wide screen keeps the table.
"""
from __future__ import annotations

import re

import pytest

from tests.support.browser import demo_served, signed_in

pytestmark = [pytest.mark.e2e, pytest.mark.browser]

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}
TABLE = "main table.metric-table"
STATEMENT = "Tiedän, millaista työtä haluan"
# The right edges of the metric table's box, its cells and their answer lines, and how wide the page scrolls.
GEOMETRY = """selector => {
  const table = document.querySelector(selector);
  const box = table.closest('.table-scroll');
  const parts = Array.from(table.querySelectorAll('tbody th, tbody td, tbody li'));
  return {parts: parts.map(p => p.getBoundingClientRect().right),
          caption: table.caption.getBoundingClientRect().width,
          boxScrolls: box.scrollWidth > box.clientWidth,
          page: document.documentElement.scrollWidth};
}"""


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    with demo_served(tmp_path_factory, "metrics-phone") as url:
        yield url


def answer(page, phase: str, value: int) -> None:
    """Answer every statement of the questionnaire with `value` in `phase` and save."""
    page.locator(f"main input[name='phase'][value='{phase}']").check()
    for radio in page.locator(f"main input[name^='answers_'][value='{value}']").all():
        radio.check()
    page.get_by_role("button", name="Tallenna vastaukseni").click()
    page.wait_for_url(re.compile(r"/intake/me/metrics$"))


def readable_without_scrolling(page) -> None:
    """The metric table's cells and answer lines end inside the phone's width; neither it nor the page scrolls;
    its caption runs across the width."""
    geometry = page.evaluate(GEOMETRY, TABLE)
    assert geometry["parts"], geometry
    assert max(geometry["parts"]) <= PHONE["width"], f"the table reaches {max(geometry['parts'])}px"
    assert not geometry["boxScrolls"] and geometry["page"] <= PHONE["width"], geometry
    assert geometry["caption"] > PHONE["width"] / 2, geometry  # the caption reads across, not a letter a line


def card_of(page, statement: str):
    return page.locator(f"{TABLE} tbody tr").filter(has=page.get_by_role("rowheader", name=statement))


def test_the_students_metrics_are_cards_without_sideways_scrolling(site, browser):
    with signed_in(browser, site, "student1", viewport=PHONE) as page:
        page.goto(f"{site}/intake/me/metrics")
        answer(page, "start", 2)
        answer(page, "end", 4)
        readable_without_scrolling(page)
        card = card_of(page, STATEMENT)
        cells = card.get_by_role("cell")
        assert cells.evaluate_all("cs => cs.map(c => c.getAttribute('data-label'))") == [
            "Vastaukset vaiheittain", "Muutos"]
        lines = cells.first.locator("li")
        # The demo's own answers of student1 (2 at the start, 3 at the end) and ours, one a line in phase order;
        # the change is the latest at the end less the first at the start: 4 - 2.
        assert [re.sub(r" \(\d+\.\d+\.\d{4}\)", "", t) for t in lines.all_inner_texts()] == [
            "Alussa: 2/5", "Alussa: 2/5", "Lopussa: 3/5", "Lopussa: 4/5"]
        assert lines.last.is_visible() and cells.last.inner_text().endswith("+2")
        assert page.get_by_role("table").get_by_role("columnheader", name="Muutos").count() == 1

        page.goto(f"{site}/intake/me")  # the same table on the student's own page
        readable_without_scrolling(page)
        assert card_of(page, STATEMENT).get_by_role("cell").last.inner_text().endswith("+2")

        page.set_viewport_size(DESKTOP)
        assert page.evaluate(f"getComputedStyle(document.querySelector('{TABLE}')).display") == "table"
        assert page.locator(f"{TABLE} thead").is_visible()


def test_the_managers_client_card_shows_the_metrics_as_cards(site, browser):
    with signed_in(browser, site, "manager1", viewport=PHONE) as page:
        page.goto(f"{site}/intake/clients")
        page.get_by_role("link", name=re.compile("Yksi")).first.click()
        page.wait_for_url(re.compile(r"/intake/clients/[^/]+$"))
        page.locator(TABLE).wait_for()
        readable_without_scrolling(page)
        assert card_of(page, STATEMENT).get_by_role("cell").first.locator("li").count() >= 1
