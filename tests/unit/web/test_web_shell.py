"""The layout's parts kept per person and language ({% shell %}) and the navigation kept per roles and language
give the same page as made anew, and each person, language, page and count its own."""
from __future__ import annotations

import re

import pytest

from shared.auth import ANONYMOUS, Principal

TOKEN = re.compile(r"[\w-]{20,}\.[\w-]{4,}\.[\w-]{10,}")  # a CSRF token is signed anew each second


def page(client, path: str = "/clients", **headers) -> str:
    response = client.get(path, headers=headers)
    assert response.status_code == 200
    return TOKEN.sub("<token>", response.text)


def person(name: str, organisation: str, *roles: str, locale: str | None = None) -> Principal:
    return Principal(user_id=f"id-{name}", username=name.lower(), name=name, organisation=organisation,
                     roles=frozenset(roles), locale=locale)


WHO = [ANONYMOUS, person("Maija", "sataedu", "manager"), person("Sven", "samk", "student", locale="sv"),
       person("Pia", "samk", "partner", locale="en"), person("Kim", "sataedu", "coordinator", "admin")]


@pytest.mark.parametrize("path", ["/clients", "/clients/12"])
def test_kept_parts_give_the_same_page_as_made_anew(app, client, path):
    for principal in WHO * 2:  # the second time from the kept parts
        app.config.update(TEST_PRINCIPAL=principal, KAMPUS_SHELL_KEPT=True)
        kept = page(client, path)
        app.config["KAMPUS_SHELL_KEPT"] = False
        assert kept == page(client, path), principal


def test_each_person_sees_their_own_name_links_and_language(app, client, html):
    app.config["TEST_PRINCIPAL"] = person("Maija", "sataedu", "manager")
    first = html(page(client))
    app.config["TEST_PRINCIPAL"] = person("Sven", "samk", "student", locale="sv")
    second = html(page(client))
    assert first.find("span", class_="user__name").text == "Maija"
    assert second.find("span", class_="user__name").text == "Sven"
    assert second.find("span", class_="user__org").text == "samk"
    assert first.find("html").attrs["lang"] == "fi" and second.find("html").attrs["lang"] == "sv"
    assert second.find("a", class_="skip-link").text == "Hoppa till huvudinnehållet"
    assert [a.text for a in second.find("nav").find_all("a")][:2] == ["Startsida", "Min väg"]
    assert "Asiakkaat" in [a.text for a in first.find("nav").find_all("a")]
    app.config["TEST_PRINCIPAL"] = Principal(
        user_id="id-Maija", username="maija", name="Maija Virtanen", organisation="sataedu",
        roles=frozenset({"manager"}))  # the same person renamed
    assert html(page(client)).find("span", class_="user__name").text == "Maija Virtanen"


def test_the_language_switch_keeps_the_path_and_the_active_link_follows_the_page(app, client, html):
    from flask import render_template

    from shared.auth.policy import public

    app.get("/partners")(public(lambda: render_template("base.html")))
    app.config["TEST_PRINCIPAL"] = person("Maija", "sataedu", "manager")
    for path, active in (("/clients", "/intake/clients"), ("/partners", "/intake/partners"),
                         ("/clients/12?tab=path", "/intake/clients")):
        shown = html(page(client, path))
        assert shown.find("input", name="next").attrs["value"] == path
        assert [a.attrs["href"] for a in shown.find("nav").find_all("a", aria_current="page")] == [active]


def test_a_count_of_the_navigation_is_asked_on_every_page(app, client, html, monkeypatch):
    from services.intake.web import desk

    asked = []
    monkeypatch.setattr(desk, "count_all", lambda: asked.append(1) or len(asked))
    monkeypatch.setattr(desk, "count_referrals", lambda: None)
    monkeypatch.setattr(desk, "count_overlap", lambda: None)
    app.extensions["kampus"] = object()  # the service's data is here: its counts are shown
    app.config["TEST_PRINCIPAL"] = person("Maija", "sataedu", "manager")
    counts = [html(page(client)).find("span", class_="site-nav__count").children[0] for _ in range(3)]
    assert counts == ["1", "2", "3"]


def test_a_page_rendered_in_a_forced_language_gets_that_languages_parts(request_as):
    from flask import render_template
    from flask_babel import force_locale

    maija = person("Maija", "sataedu", "manager")
    with request_as(maija, "/clients"):
        finnish = render_template("base.html")
        with force_locale("sv"):
            swedish = render_template("base.html")
        again = render_template("base.html")
    assert 'lang="fi"' in finnish and "Siirry pääsisältöön" in finnish
    assert 'lang="sv"' in swedish and "Hoppa till huvudinnehållet" in swedish and "Siirry pääsisältöön" not in swedish
    assert TOKEN.sub("", again) == TOKEN.sub("", finnish)
