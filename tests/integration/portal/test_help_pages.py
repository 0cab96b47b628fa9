"""The accessibility statement and the user guide: public, in fi/sv/en, linked from every page's footer."""
from __future__ import annotations

import re

import pytest
from werkzeug.test import Client

from tests.support import network as net

pytestmark = pytest.mark.integration

network = net.module_network("help-pages")
HTML = {"Accept": "text/html"}


def visitor(network, lang: str, username: str | None = None) -> Client:
    client = Client(network.wsgi)
    client.set_cookie("kampus_lang", lang, domain="localhost")
    if username:
        client.set_cookie("kampus_token", net.token_for(network, username), domain="localhost")
    return client


def heading(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", re.search(r"<h1[^>]*>(.*?)</h1>", html, re.S).group(1)).split())


@pytest.mark.parametrize(("lang", "title", "status", "authority"), [
    ("fi", "Saavutettavuusseloste", "täyttää <strong>osittain</strong>", "Etelä-Suomen aluehallintovirasto"),
    ("sv", "Tillgänglighetsutlåtande", "uppfyller <strong>delvis</strong>", "Regionförvaltningsverket i Södra Finland"),
    ("en", "Accessibility statement", "<strong>partially</strong> meets", "Regional State Administrative Agency"),
])
def test_the_accessibility_statement_is_public_in_each_language(network, lang, title, status, authority):
    response = visitor(network, lang).get("/accessibility", headers=HTML)
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert heading(html) == title and f"<title>{title}" in html
    assert status in html and authority in html
    assert "306/2019" in html and "WCAG 2.1" in html
    assert re.search(r"6(\.12\.| December )2026", html)  # when it was prepared
    assert 'href="mailto:saavutettavuus@avi.fi"' in html  # the supervisory authority
    assert 'href="mailto:saavutettavuus@sosiaalinenkampus.example"' in html  # our feedback address (the default)


@pytest.mark.parametrize(("lang", "statement", "guide"), [
    ("fi", "Saavutettavuusseloste", "Ohjeet"), ("sv", "Tillgänglighetsutlåtande", "Anvisningar"),
    ("en", "Accessibility statement", "Guide")])
@pytest.mark.parametrize("path", ["/login", "/intake/clients", "/environments/", "/no-such-page"])
def test_every_page_footer_links_the_statement_and_the_guide(network, lang, statement, guide, path):
    response = visitor(network, lang, "manager1").get(path, headers=HTML)
    footer = response.get_data(as_text=True).split('<footer class="site-footer">', 1)[1]
    assert re.search(rf'<a class="site-footer__accessibility" href="[^"]*/accessibility">{statement}</a>', footer)
    assert re.search(rf'<a class="site-footer__guide" href="[^"]*/guide">{guide}</a>', footer)


def test_the_guide_has_a_chapter_per_role_in_finnish_and_english(network):
    finnish = visitor(network, "fi")
    front = finnish.get("/guide", headers=HTML).get_data(as_text=True)
    assert heading(front) == "Sosiaalinen kampus – käyttöohje"
    for role in ("manager", "partner", "host", "student", "coordinator"):
        assert f'href="/guide/{role}"' in front
        for lang in ("fi", "en"):
            chapter = visitor(network, lang).get(f"/guide/{role}", headers=HTML)
            assert chapter.status_code == 200 and "<h2>" in chapter.get_data(as_text=True)
    manager = finnish.get("/guide/manager", headers=HTML).get_data(as_text=True)
    assert heading(manager) == "Palvelumanageri"
    assert '<img src="/guide/img/manager-client.png" alt="Asiakaskortti"' in manager
    english = visitor(network, "en").get("/guide/manager", headers=HTML).get_data(as_text=True)
    assert heading(english) == "Service manager" and 'lang="fi"' not in english.split("<main", 1)[1]


def test_the_swedish_guide_welcomes_and_links_the_finnish_and_english_chapters(network):
    swedish = visitor(network, "sv")
    html = swedish.get("/guide", headers=HTML).get_data(as_text=True)
    assert heading(html) == "Sosiaalinen kampus – välkommen"
    assert 'href="/guide/partner?lang=fi"' in html and 'href="/guide/partner?lang=en"' in html
    chapter = swedish.get("/guide/partner?lang=en", headers=HTML).get_data(as_text=True)
    assert heading(chapter) == "Partner" and '<article class="guide" lang="en">' in chapter
    fallback = swedish.get("/guide/student", headers=HTML).get_data(as_text=True)  # no Swedish chapter yet
    assert heading(fallback) == "Opiskelija" and '<article class="guide" lang="fi">' in fallback


@pytest.mark.parametrize("path", ["/guide/nothing", "/guide/img/..%2Fen%2Fmanager.md", "/guide/img/missing.png"])
def test_no_other_file_is_served(network, path):
    response = visitor(network, "fi").get(path, headers=HTML)
    assert response.status_code == 404
    assert "<h1" in response.get_data(as_text=True)  # the layout's error page, not a file


@pytest.mark.parametrize(("lang", "title", "credit", "use", "statistics"), [
    ("fi", "Tietolähteet ja lisenssit", "Lähdemaininta", "Kunnat, maakunnat, koulutusalat ja toimialat.",
     "Lähde: Tilastokeskus"),
    ("sv", "Datakällor och licenser", "Källhänvisning", "Kommuner, landskap, utbildningsområden och näringsgrenar.",
     "Källa: Statistikcentralen"),
    ("en", "Data sources and licences", "Credit", "Municipalities, regions, fields of education and industries.",
     "Source: Statistics Finland"),
])
def test_the_data_sources_page_credits_each_source_in_each_language(network, lang, title, credit, use, statistics):
    response = visitor(network, lang).get("/sources", headers=HTML)
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert heading(html) == title and f"<title>{title}" in html
    assert html.count(f"<dt>{credit}</dt>") == 4 and use in html
    # The credit lines and licences as the sources ask for them (SOURCES.md), in their own wording.
    for line in ("ESCO v1.1.1, European Commission", statistics, "FreeDict (WikDict, from Wiktionary)"):
        assert f"<dd>{line}</dd>" in html
    assert 'href="https://creativecommons.org/licenses/by/4.0/" rel="license external">CC BY 4.0</a>' in html
    assert 'href="https://creativecommons.org/licenses/by-sa/3.0/" rel="license external">CC BY-SA 3.0</a>' in html


def test_every_page_links_the_data_sources_from_its_footer(network):
    html = visitor(network, "fi", "manager1").get("/", headers=HTML).get_data(as_text=True)
    footer = html[html.index('<footer class="site-footer">'):]
    assert re.search(r'<a class="site-footer__sources" href="[^"]*/sources">Tietolähteet</a>', footer)
