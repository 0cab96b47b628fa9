"""Phones and wide screens: no page of the demo network scrolls sideways.

Each role signs in, follows its navigation and one level of list → detail links (bounded), and on every page
the document must be no wider than the window: at 390 × 844 (a phone) and at 1280 × 800 (long unbroken
strings and Finnish compounds must wrap). One browser for the whole module, one context per role and width.
"""
from __future__ import annotations

from urllib.parse import urljoin, urlsplit

import pytest

from tests.support.browser import demo_served, signed_in

pytestmark = [pytest.mark.e2e, pytest.mark.browser]

ROLES = ["manager1", "partner1", "student1", "coordinator"]
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}
PAGES_PER_ROLE = 15
DETAILS_PER_LIST = 2
# Links that leave, change something or download a file rather than show a page.
SKIPPED = ("logout", "export", "download", ".csv", ".json", "/api/", "/static/", "apidocs", "/docs")

WIDER_THAN_WINDOW = "document.documentElement.scrollWidth > window.innerWidth"
WIDE_ELEMENTS = """() => {
  const limit = window.innerWidth;
  const out = [];
  for (const el of document.querySelectorAll('body *')) {
    const r = el.getBoundingClientRect();
    if (r.right > limit + 1 && (el.closest(".table-scroll") === null || el.matches(".visually-hidden"))) {
      out.push(el.tagName.toLowerCase() + (el.className ? '.' + String(el.className).split(' ')[0] : '')
               + ' ' + Math.round(r.right) + 'px');
      if (out.length >= 3) break;
    }
  }
  return out;
}"""


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    with demo_served(tmp_path_factory, "responsive") as url:
        yield url


def page_links(page, server: str, selector: str) -> list[str]:
    """Same-site pages linked from `selector`, without fragments, in document order."""
    hrefs = page.eval_on_selector_all(selector, "els => els.map(e => e.getAttribute('href'))")
    found: list[str] = []
    for href in hrefs:
        if not href or href.startswith(("#", "mailto:", "javascript:")):
            continue
        url = urljoin(page.url, href).split("#")[0]
        if urlsplit(url).netloc != urlsplit(server).netloc or any(s in url for s in SKIPPED):
            continue
        if url not in found:
            found.append(url)
    return found


def visit(page, url: str) -> bool:
    """Open a page; False when it is not an HTML page (a download, an error)."""
    try:
        response = page.goto(url)
    except Exception:  # a download starts instead of a page
        return False
    return response is not None and response.ok and "text/html" in response.headers.get("content-type", "")


def pages_of(page, server: str) -> list[str]:
    """The role's navigation, then up to DETAILS_PER_LIST detail pages of each, at most PAGES_PER_ROLE."""
    page.goto(server + "/")
    nav = page_links(page, server, "nav.site-nav a[href]")
    pages = [server + "/", *[u for u in nav if u != server + "/"]]
    for url in list(pages):
        if len(pages) >= PAGES_PER_ROLE:
            break
        if not visit(page, url):
            continue
        details = [u for u in page_links(page, server, "main a[href]") if u not in pages]
        pages.extend(details[:DETAILS_PER_LIST])
    return pages[:PAGES_PER_ROLE]


def too_wide(page, urls: list[str]) -> list[str]:
    failures = []
    for url in urls:
        if not visit(page, url):
            continue
        if page.evaluate(WIDER_THAN_WINDOW):
            width = page.evaluate("document.documentElement.scrollWidth")
            failures.append(f"{url} ({width}px: {', '.join(page.evaluate(WIDE_ELEMENTS))})")
    return failures


@pytest.mark.parametrize("username", ROLES)
def test_no_page_of_the_role_scrolls_sideways_on_a_phone_or_a_wide_screen(server, browser, username):
    with signed_in(browser, server, username, viewport=PHONE) as page:
        urls = pages_of(page, server)
        assert len(urls) >= 3, f"{username} reaches only {urls}"
        phone = too_wide(page, urls)
        page.set_viewport_size(DESKTOP)
        desktop = too_wide(page, urls)
    assert not phone, f"{username}: pages wider than a 390 px phone:\n" + "\n".join(phone)
    assert not desktop, f"{username}: pages wider than 1280 px:\n" + "\n".join(desktop)


def test_on_a_phone_the_menu_folds_behind_a_button_that_opens_it(server, browser):
    with signed_in(browser, server, "manager1", viewport=PHONE) as page:
        button = page.get_by_role("button", name="Valikko")
        nav = page.get_by_role("navigation", name="Päävalikko")
        assert button.get_attribute("aria-expanded") == "false"
        assert not nav.is_visible()
        header = page.evaluate("document.querySelector('header').getBoundingClientRect().bottom")
        assert header <= 0.15 * PHONE["height"], f"the folded header takes {header}px of {PHONE['height']}"

        button.click()
        assert button.get_attribute("aria-expanded") == "true"
        assert nav.get_by_role("link", name="Asiakkaat", exact=True).is_visible()
        assert page.get_by_role("link", name="Kirjaudu ulos").is_visible()
        page.keyboard.press("Escape")
        assert button.get_attribute("aria-expanded") == "false"
        assert not nav.is_visible()

        page.set_viewport_size(DESKTOP)
        assert not button.is_visible(), "a wide screen shows the navigation itself, no button"
        assert nav.get_by_role("link", name="Asiakkaat", exact=True).is_visible()


def test_tables_scroll_in_a_named_region_and_long_words_wrap(server, browser):
    with signed_in(browser, server, "manager1", viewport=PHONE) as page:
        page.goto(server + "/matching/fairness")  # a matrix of figures (record tables become cards instead)
        region = page.locator("main .table-scroll").first
        assert region.get_attribute("role") == "region"
        assert (region.get_attribute("aria-label") or "").strip()
        assert region.get_attribute("tabindex") == "0", "a table wider than the phone scrolls with the keyboard"

        # A 300-letter word in a paragraph, a heading and a table cell: the page still fits a wide screen.
        page.set_viewport_size(DESKTOP)
        page.evaluate("""() => {
          const word = 'Työllisyydenhoitopalvelukokonaisuus'.repeat(9);
          document.querySelector('main h1').textContent = word;
          const p = document.createElement('p'); p.textContent = word; document.querySelector('main').append(p);
          document.querySelector('main td').textContent = word;
        }""")
        assert not page.evaluate(WIDER_THAN_WINDOW), page.evaluate(WIDE_ELEMENTS)
