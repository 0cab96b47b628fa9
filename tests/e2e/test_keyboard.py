"""Keyboard only: the login and one form of each role, with Tab, Shift+Tab, Enter and Space (and typing into text
fields; the arrow key picks a select's option, as Chromium offers no other key for a closed select).

At every stop of Tab the focused element must show a visible focus indicator (an outline or a ring); the form
must be reached, filled and sent without the mouse, and the page it leads to must not show a refusal. The page
holding the form is reached by its links (a person who uses a mouse for moving about and the keyboard for
forms is not the point here; moving about by keyboard is what the login part shows).
"""
from __future__ import annotations

import re

import pytest

from tests.support.browser import demo_served
from tests.support.journey import DESKTOP

pytestmark = [pytest.mark.e2e, pytest.mark.browser]

# A stop inside a control's own browser-drawn part (the calendar button of a date field) leaves the field itself
# without :focus; Chromium draws that part's focus, which the page's styles cannot reach: such stops are not
# judged here (`inner`).
FOCUS_SHOWN = """el => {
  const s = getComputedStyle(el);
  if (!el.matches(':focus')) return {name: el.name || el.id || el.tagName, visible: true, inner: true,
                                     tag: el.tagName, type: el.type || ''};
  const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0;
  const ring = s.boxShadow && s.boxShadow !== 'none';
  const r = el.getBoundingClientRect();
  return {name: el.name || el.id || el.tagName, visible: (outline || ring) && r.width > 0 && r.height > 0,
          tag: el.tagName, type: el.type || ''};
}"""
MAX_TABS = 120


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    with demo_served(tmp_path_factory, "keyboard") as url:
        yield url


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="fi-FI", viewport=DESKTOP)
    yield context.new_page()
    context.close()


class Keyboard:
    """Tab through a page, filling fields on the way, and check the focus is visible at every stop."""

    def __init__(self, page):
        self.page = page
        self.unseen: list[str] = []

    def tab_to(self, selector: str) -> None:
        """Press Tab until an element matching the CSS `selector` has the focus (a radio group: the radio Tab
        stops at); each stop's focus must be visible."""
        for _ in range(MAX_TABS):
            self.page.keyboard.press("Tab")
            focused = self.page.evaluate_handle("document.activeElement")
            state = focused.evaluate(FOCUS_SHOWN)
            if not state["visible"] and state["tag"] not in ("BODY", "MAIN"):
                self.unseen.append(f"{self.page.url}: {state['tag']} {state['name']}")
            if focused.evaluate("(f, sel) => f.matches(sel)", selector):
                return
        raise AssertionError(f"{self.page.url}: Tab never reaches {selector}")

    def fill(self, form: str, steps: list[tuple[str, str, str | None]]) -> None:
        """steps: (control name, how, text) with how = type | space | choose; then Enter on the form's button."""
        for name, how, text in steps:
            self.tab_to(f"{form} [name='{name}']")
            if how == "type":
                self.page.keyboard.type(text or "")
            elif how == "space":
                self.page.keyboard.press("Space")
            elif how == "choose":
                self.page.keyboard.press("ArrowDown")
        # The form's own button is its last one (a goal form also has a search button before it).
        self.page.locator(form).first.evaluate(
            "f => [...f.querySelectorAll('button[type=submit]')].pop().setAttribute('data-keyboard-target', '')")
        self.tab_to(f"{form} [data-keyboard-target]")
        with self.page.expect_navigation():
            self.page.keyboard.press("Enter")
        self.page.wait_for_load_state()
        refused = self.page.locator("[aria-invalid=true]").evaluate_all("els => els.map(e => e.name)")
        assert not refused, f"{self.page.url}: the form sent by keyboard was refused at {refused}"


def log_in_by_keyboard(page, server: str, username: str) -> Keyboard:
    keys = Keyboard(page)
    page.goto(server + "/")
    keys.tab_to("main [name=username]")
    page.keyboard.type(username)
    keys.tab_to("main [name=password]")
    page.keyboard.type("demo")
    keys.tab_to("main form button[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    page.wait_for_load_state()
    assert "/login" not in page.url, f"{username} is not logged in by keyboard"
    return keys


def test_the_skip_link_is_the_first_stop_and_moves_the_focus_to_the_content(server, page):
    page.goto(server + "/login")
    page.keyboard.press("Tab")
    first = page.evaluate_handle("document.activeElement")
    assert first.evaluate("e => e.getAttribute('href')") == "#main"
    assert first.evaluate(FOCUS_SHOWN)["visible"], "the skip link shows when it has the focus"
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#main"


@pytest.mark.parametrize(("username", "route", "form", "steps"), [
    ("manager1", [r"^/intake/clients$", r"^/intake/clients/[0-9a-f-]{36}$", r"/path$"],
     "main form[action$='/path/goals']", [("kind", "space", None), ("title", "type", "Työkokeilu kaupassa")]),
    ("partner1", [r"^/intake/my/needs$", r"/intake/my/needs/new$"], "main form:has([name=work_type])",
     [("title", "type", "Kassatyöntekijä"), ("work_type", "choose", None)]),
    ("manager2", [r"^/environments/$", r"/environments/environments/new$"], "main form:has([name=capacity])",
     [("name", "type", "Näppäimistöllä tehty ympäristö")]),
    ("student1", [r"^/intake/me$", r"^/intake/me/metrics$"], "main form[action$='/intake/me/metrics']",
     [("phase", "space", None), *[(f"answers_{k}", "space", None) for k in (
         "know_wanted_work", "show_competence", "multidisciplinary_team", "job_search", "find_my_place")]]),
    ("coordinator", [r"^/reporting/$"], "main form[action$='/reporting/']", []),
], ids=["manager", "partner", "host", "student", "coordinator"])
def test_keyboard_only_login_and_a_form_of_each_role(server, page, username, route, form, steps):
    keys = log_in_by_keyboard(page, server, username)
    for href in route:
        links = page.locator("a[href]")
        hrefs = links.evaluate_all("els => els.map(e => e.getAttribute('href'))")
        index = next(i for i, h in enumerate(hrefs) if re.search(href, h or ""))
        with page.expect_navigation():
            links.nth(index).click()
    keys.fill(form, steps)
    assert not keys.unseen, "no visible focus at: " + "; ".join(keys.unseen)
