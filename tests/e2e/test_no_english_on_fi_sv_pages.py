"""Nothing untranslated reaches a person (issue 21, item 2): no Finnish or Swedish page shows an English
catalog string.

The English strings to look for are the catalogs' own: every msgid (and plural) whose Finnish or Swedish
translation differs from it, cut at its placeholders into literal pieces long enough to be recognised. On the
demo story's network each role (a manager, an environment's host, a student, a partner, the coordinator, the
administrator) opens the front page, its navigation's pages and the pages linked from those, with the
language cookie set to fi and then sv; on every page the visible text, and the labels, titles and
placeholders, must hold none of those English pieces. A Swedish page must hold no Finnish phrase of the
catalogs either (a text looked up in the wrong catalog, or written in Finnish in code): a Finnish translation's
pieces of two words or more that no Swedish translation shares; single words are left out, as the demo's people
and organisations carry Finnish names (Opiskelija Yksi, Kaisa Kumppani). A werkzeug test client with each role's
token: the pages as the server renders them, which is what a browser shows apart from script-made text.
"""
from __future__ import annotations

import re
from functools import cache
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from babel.messages.pofile import read_po

from demo import story
from tests.support import network as net

pytestmark = [pytest.mark.e2e, pytest.mark.slow]

ROOT = Path(__file__).resolve().parents[2]
CATALOGS = [ROOT / "shared" / "translations", *sorted((ROOT / "services").glob("*/translations"))]
ROLES = {"manager1": "a service manager", "manager2": "the host of a running environment", "student1": "a student",
         "partner1": "a partner", "coordinator": "the coordinator", "admin": "the administrator"}
PAGES_PER_ROLE = 150
# Links that leave, change something, stream or download a file rather than show a page.
SKIPPED = ("logout", "export", "download", ".csv", ".json", ".pdf", ".xlsx", "/api/", "/static/", "apidocs",
           "/docs", "/stream", "/events")
PLACEHOLDER = re.compile(r"%\(\w+\)[sdif]|%[sdif%]|\{\w*\}")
# A piece of a msgid is looked for when it has two words or more, or is one word of five letters or more:
# shorter ones ("n", "OK", "of") are not recognisable as English on their own.
WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
# A Finnish word, with its letters beyond ASCII (Määräaikainen is one word, not three).
FINNISH_WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")
# Words that are also Finnish or Swedish, or names, and so are no sign of English on their own.
SHARED_WORDS = {"fi": {"Excel", "Open Badge"},
                "sv": {"Excel", "Open Badge", "Service"}}  # Swedish too: "09 Service till utvinning" (TOL 2008)
# Not prose: scripts, styles, and identifiers shown as code (an event type such as client.closed).
HIDDEN = ("script", "style", "template", "code", "kbd", "samp")


def pieces(msgid: str) -> list[str]:
    """The literal parts of a msgid between its placeholders that are recognisable English."""
    found = []
    for part in PLACEHOLDER.split(msgid):
        part = part.strip(" \t\n.,:;!?()[]\"'”–-/")
        words = WORD.findall(part)
        if len(words) >= 2 or (len(words) == 1 and len(words[0]) >= 5 and words[0] == part):
            found.append(part)
    return found


@cache
def english_strings(locale: str) -> frozenset[str]:
    """Every English piece of a catalog msgid whose `locale` translation differs, minus pieces the locale's own
    translations contain (a name or a loanword the translation keeps)."""
    english: set[str] = set()
    translations: list[str] = []
    for directory in CATALOGS:
        path = directory / locale / "LC_MESSAGES" / "messages.po"
        if not path.exists():
            continue
        with open(path, "rb") as po:
            catalog = read_po(po, locale=locale)
        for message in catalog:
            if not message.id or not message.string:
                continue
            ids = message.id if isinstance(message.id, (list, tuple)) else (message.id,)
            strings = message.string if isinstance(message.string, (list, tuple)) else (message.string,)
            translations.extend(s for s in strings if s)
            for msgid in ids:
                if msgid not in strings:
                    english.update(pieces(msgid))
    own = "\n".join(translations)
    return frozenset(e for e in english
                     if not re.search(rf"(?<![\w]){re.escape(e)}(?![\w])", own) and e not in SHARED_WORDS[locale])


@cache
def finnish_strings() -> frozenset[str]:
    """The pieces of two words or more of every Finnish translation that differs from its message's Swedish one,
    minus pieces a Swedish translation contains (a name both keep)."""
    finnish: set[str] = set()
    swedish: list[str] = []
    for directory in CATALOGS:
        fi, sv = (catalog_strings(directory, locale) for locale in ("fi", "sv"))
        swedish.extend(s for strings in sv.values() for s in strings)
        for key, strings in fi.items():
            finnish.update(p for s in strings if s not in sv.get(key, ()) for p in pieces(s)
                           if len(FINNISH_WORD.findall(p)) >= 2)
    own = "\n".join(swedish)
    return frozenset(f for f in finnish if not re.search(rf"(?<![\w]){re.escape(f)}(?![\w])", own))


def catalog_strings(directory: Path, locale: str) -> dict[tuple, tuple[str, ...]]:
    """A catalog's translations by message (context and msgid); empty when the catalog is not there."""
    path = directory / locale / "LC_MESSAGES" / "messages.po"
    if not path.exists():
        return {}
    with open(path, "rb") as po:
        catalog = read_po(po, locale=locale)
    return {(m.context, m.id if isinstance(m.id, str) else tuple(m.id)):
            tuple(s for s in (m.string if isinstance(m.string, (list, tuple)) else (m.string,)) if s)
            for m in catalog if m.id and m.string}


@cache
def english_pattern(locale: str) -> re.Pattern:
    return phrase_pattern(english_strings(locale))


@cache
def phrase_pattern(phrases: frozenset[str]) -> re.Pattern:
    alternatives = sorted(phrases, key=len, reverse=True)
    return re.compile(r"(?<![\w%])(?:" + "|".join(map(re.escape, alternatives)) + r")(?![\w])")


class Shown(HTMLParser):
    """The text a person sees on a page (not scripts or styles), its labels and titles, and its links."""

    ATTRIBUTES = ("aria-label", "title", "placeholder", "alt")

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.texts: list[str] = []
        self.links: list[tuple[str, bool]] = []
        self._hidden = 0
        self._in_nav = 0
        self._in_main = 0

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if tag in HIDDEN:
            self._hidden += 1
        if tag == "nav":
            self._in_nav += 1
        if tag == "main":
            self._in_main += 1
        self.texts.extend(values[a] for a in self.ATTRIBUTES if values.get(a))
        if tag == "a" and values.get("href") and (self._in_nav or self._in_main):
            self.links.append((values["href"], bool(self._in_nav)))

    def handle_endtag(self, tag):
        if tag in HIDDEN:
            self._hidden = max(0, self._hidden - 1)
        if tag == "nav":
            self._in_nav = max(0, self._in_nav - 1)
        if tag == "main":
            self._in_main = max(0, self._in_main - 1)

    def handle_data(self, data):
        if not self._hidden and data.strip():
            self.texts.append(" ".join(data.split()))


def shown(html: str) -> Shown:
    parser = Shown()
    parser.feed(html)
    return parser


def english_on(texts: list[str], locale: str) -> list[str]:
    pattern = english_pattern(locale)
    return sorted({m.group(0) for text in texts for m in pattern.finditer(text)})


def finnish_on(texts: list[str]) -> list[str]:
    pattern = phrase_pattern(finnish_strings())
    return sorted({m.group(0) for text in texts for m in pattern.finditer(text)})


@pytest.fixture(scope="module")
def network(tmp_path_factory):
    built = net.build(tmp_path_factory.mktemp("english"))
    story.seed(built)
    assert built.settle()
    yield built
    built.shutdown()


def same_site(base: str, href: str) -> str | None:
    if href.startswith(("#", "mailto:", "javascript:", "tel:")):
        return None
    url = urljoin(base, href).split("#")[0]
    parts = urlsplit(url)
    if parts.netloc not in ("", "localhost") or any(s in url for s in SKIPPED):
        return None
    return parts.path + (f"?{parts.query}" if parts.query else "")


def crawl(client, locale: str) -> tuple[list[str], list[str]]:
    """The pages reached (front page, the navigation's pages, one level of links from those) and what each
    shows in English; a page that fails with 5xx is a finding too."""
    client.set_cookie("kampus_lang", locale, domain="localhost")
    headers = {"Accept": "text/html"}
    queue, seen, found = ["/"], [], []
    first_level: set[str] = {"/"}
    while queue and len(seen) < PAGES_PER_ROLE:
        path = queue.pop(0)
        if path in seen:
            continue
        seen.append(path)
        response = client.get(path, headers=headers, follow_redirects=True)
        if response.status_code >= 500:
            found.append(f"{path}: answered {response.status_code}")
            continue
        if response.status_code != 200 or "text/html" not in response.content_type:
            continue
        page = shown(response.get_data(as_text=True))
        leaks = english_on(page.texts, locale)
        if leaks:
            found.append(f"{path}: {'; '.join(leaks[:6])}")
        finnish = finnish_on(page.texts) if locale == "sv" else []
        if finnish:
            found.append(f"{path}: Finnish: {'; '.join(finnish[:6])}")
        if path not in first_level:
            continue  # one level of links below the navigation
        for href, in_nav in page.links:
            url = same_site("http://localhost" + path, href)
            if url and url not in seen and url not in queue:
                queue.append(url)
                if in_nav or path == "/":
                    first_level.add(url)
    return seen, found


@pytest.mark.parametrize("locale", ["fi", "sv"])
@pytest.mark.parametrize("username", ROLES)
def test_no_page_a_role_reaches_shows_english(network, username, locale):
    client = net.client_as(network, username)
    pages, found = crawl(client, locale)
    assert len(pages) >= 4, f"{username} reaches only {pages}: {found}"
    assert not found, (f"{ROLES[username]} ({username}) sees English (or Finnish) on {len(found)} {locale} page(s) of "
                       f"{len(pages)}:\n" + "\n".join(found))


def test_the_english_strings_are_the_catalogs_own_and_found_in_text():
    fi = english_strings("fi")
    assert "Skip to main content" in fi and "Skip to main content" in english_strings("sv")
    assert pieces("%(num)d of the need's positions is filled by a hire.") == [
        "of the need's positions is filled by a hire"]
    assert pieces("n") == [] and pieces("Open") == [] and pieces("Teamwork") == ["Teamwork"]
    page = shown('<main><p>Siirry <b>Skip to main content</b></p><script>var x = "Skip to main content"</script>'
                 '<input placeholder="Leavers"></main>')
    assert english_on(page.texts, "fi") == ["Leavers", "Skip to main content"]
    assert english_on(shown("<p>Siirry pääsisältöön</p>").texts, "fi") == []


def test_the_finnish_phrases_are_the_catalogs_own_and_found_on_swedish_text():
    finnish = finnish_strings()
    assert "Siirry pääsisältöön" in finnish and "Hoppa till huvudinnehållet" not in finnish
    assert not any(len(FINNISH_WORD.findall(f)) < 2 for f in finnish)  # single words: names in the demo
    assert "Määräaikainen" not in finnish and "Osa-aikainen" not in finnish
    page = shown('<main><p>Hoppa <b>Siirry pääsisältöön</b></p><p>Opiskelija Yksi, Kaisa Kumppani</p>'
                 '<p>Määräaikainen markkinointiassistentti.</p></main>')
    assert finnish_on(page.texts) == ["Siirry pääsisältöön"]
    assert finnish_on(shown("<p>Hoppa till huvudinnehållet</p>").texts) == []
