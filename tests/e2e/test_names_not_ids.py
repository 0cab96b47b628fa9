"""People see names, never ids (issue 17, item 5): no page shows a UUID or an 8-hex pseudonym.

On the demo story's network each role signs in (a manager, an environment's host, a student, a partner, the
coordinator, the administrator), follows every link of its navigation and one level of links from those
pages, and on every page neither the visible text nor any label of an input may hold a UUID-shaped string
or an 8-character hexadecimal pseudonym (such as "39823f7e"). In Finnish, in real headless Chromium.
"""
from __future__ import annotations

import re

import pytest

from demo import story
from tests.e2e.test_responsive import page_links, visit
from tests.support import network as net
from tests.support.browser import served, signed_in

pytestmark = [pytest.mark.e2e, pytest.mark.browser, pytest.mark.slow]

ROLES = {"manager1": "a service manager", "manager2": "the host of a running environment", "student1": "a student",
         "partner1": "a partner", "coordinator": "the coordinator", "admin": "the administrator"}
UUID = re.compile(r"\b[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\b")
# Eight hexadecimal characters with a letter and a digit ("39823f7e"); not a date like 20261206.
PSEUDONYM = re.compile(r"(?<![0-9A-Za-z-])(?=[0-9a-f]*[a-f])(?=[0-9a-f]*[0-9])[0-9a-f]{8}(?![0-9A-Za-z-])")
PAGES_PER_ROLE = 120
SHOWN = """() => ({
  text: document.body.innerText,
  labels: [...document.querySelectorAll('label, legend, [aria-label]')].map(
      e => (e.getAttribute('aria-label') || '') + ' ' + e.innerText).join('\\n'),
})"""


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    network = net.build(tmp_path_factory.mktemp("names"))
    story.seed(network)
    assert network.settle()
    with served(network) as address:
        yield address


def reachable(page, server: str) -> list[str]:
    """The front page, the navigation's pages and every page linked from those (one level), bounded."""
    page.goto(server + "/")
    pages = [server + "/", *[u for u in page_links(page, server, "nav.site-nav a[href]") if u != server + "/"]]
    for url in list(pages):
        if not visit(page, url):
            continue
        pages.extend(u for u in page_links(page, server, "main a[href]") if u not in pages)
        if len(pages) >= PAGES_PER_ROLE:
            break
    return list(dict.fromkeys(pages))[:PAGES_PER_ROLE]


def ids_shown(page, urls: list[str]) -> list[str]:
    """Pages whose text or labels show an id, and pages that fail (a 5xx would hide what they show)."""
    found = []
    for url in urls:
        try:
            response = page.goto(url)
        except Exception:  # noqa: BLE001 - a download starts instead of a page
            continue
        if response is not None and response.status >= 500:
            found.append(f"{url}: answered {response.status}")
            continue
        if response is None or not response.ok or "text/html" not in response.headers.get("content-type", ""):
            continue
        shown = page.evaluate(SHOWN)
        for where, text in (("text", shown["text"]), ("label", shown["labels"])):
            hits = UUID.findall(text) + PSEUDONYM.findall(UUID.sub("", text))
            if hits:
                found.append(f"{url} ({where}): {', '.join(sorted(set(hits))[:3])}")
    return found


@pytest.mark.parametrize("username", ROLES)
def test_no_page_a_role_reaches_shows_an_id_in_place_of_a_name(server, browser, username):  # noqa: F811
    with signed_in(browser, server, username) as page:
        urls = reachable(page, server)
        assert len(urls) >= 3, f"{username} reaches only {urls}"
        found = ids_shown(page, urls)
    assert not found, f"{ROLES[username]} ({username}) sees ids on {len(found)} page(s):\n" + "\n".join(found)


def test_the_crawl_finds_an_id_in_the_text_or_in_a_label(server, browser):  # noqa: F811
    context = browser.new_context(locale="fi-FI")
    try:
        page = context.new_page()
        page.goto(server + "/login")
        page.evaluate("""() => {
          const p = document.createElement('p'); p.textContent = 'Asiakas 39823f7e'; document.body.append(p);
          const l = document.createElement('label');
          l.textContent = 'Tunniste 0b6e2c1a-8f3d-4c55-9e0a-2f1d7c9b4e11'; document.body.append(l);
        }""")
        shown = page.evaluate(SHOWN)
    finally:
        context.close()
    assert PSEUDONYM.findall(shown["text"]) == ["39823f7e"]
    assert UUID.findall(shown["labels"]) == ["0b6e2c1a-8f3d-4c55-9e0a-2f1d7c9b4e11"]
    assert PSEUDONYM.findall("20261206 on päivä, 2464491-9 Y-tunnus, deadbeef sana") == []
