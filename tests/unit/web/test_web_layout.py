"""The shared layout: landmarks, skip link, language switch, header, error pages, static files."""
from __future__ import annotations

import pytest
from flask import abort, render_template

from shared.auth.policy import public


def test_every_landmark_once(client, html, sign_in):
    sign_in("manager")
    page = html(client.get("/clients").text)
    assert len(page.find_all("header")) == 1
    assert len(page.find_all("nav")) == 1
    assert len(page.find_all("main")) == 1
    assert len(page.find_all("footer")) == 1
    assert page.find("main").attrs["id"] == "main"
    assert page.find("nav").attrs.get("aria-label"), "a nav landmark needs a name"


def test_the_skip_link_comes_first_and_targets_main(client, html):
    page = html(client.get("/clients").text)
    body = page.find("body")
    first_link = body.find("a")
    assert first_link.attrs["href"] == "#main"
    assert first_link.text == "Siirry pääsisältöön"


def test_the_page_title_names_the_network(client, html):
    assert html(client.get("/clients").text).find("title").text == "Sosiaalinen kampus"
    assert "Sosiaalinen kampus" in html(client.get("/clients").text).find("header").text


def test_the_language_switch_is_a_post_form_with_csrf_and_the_current_path(client, html):
    page = html(client.get("/clients?page=2", base_url="http://localhost/intake").text)
    form = page.find("form", action="/intake/language")
    assert form.attrs["method"] == "post"
    assert form.find("input", name="csrf_token").attrs["value"]
    assert form.find("input", name="next").attrs["value"] == "/intake/clients?page=2"
    buttons = form.find_all("button", name="lang")
    assert [(b.attrs["value"], b.attrs["lang"], b.text) for b in buttons] == [
        ("fi", "fi", "Suomi"), ("sv", "sv", "Svenska"), ("en", "en", "English")]
    assert [b.attrs["value"] for b in buttons if b.attrs.get("aria-current") == "true"] == ["fi"]
    assert form.find("legend").text == "Kieli"


def test_the_header_shows_who_is_signed_in_and_links_to_logout(client, html, sign_in):
    sign_in("manager")
    header = html(client.get("/clients").text).find("header")
    assert "Maija Manageri" in header.text
    assert "sataedu" in header.text
    logout = [a for a in header.find_all("a") if a.text == "Kirjaudu ulos"]
    assert logout and logout[0].attrs["href"] == "/logout"
    assert not header.find_all("form", action="/logout"), "the portal owns logout and its CSRF token"


def test_an_anonymous_visitor_sees_a_login_link_and_no_navigation(client, html):
    page = html(client.get("/clients").text)
    assert [a.attrs["href"] for a in page.find("header").find_all("a") if a.text == "Kirjaudu sisään"] == ["/login"]
    assert page.find_all("nav") == []


def test_links_follow_kampus_links(app, client, html, sign_in):
    app.config["KAMPUS_LINKS"] = {"portal": "https://kampus.example/", "intake": "https://sataedu.example/intake/"}
    sign_in("manager")
    page = html(client.get("/clients").text)
    hrefs = [a.attrs["href"] for a in page.find("nav").find_all("a")]
    assert hrefs[:3] == ["https://kampus.example/", "https://sataedu.example/intake/desk",
                         "https://sataedu.example/intake/clients"]
    assert "/matching/suggestions" in hrefs
    assert page.find("a", class_="site-header__brand").attrs["href"] == "https://kampus.example/"


def test_the_active_section_has_aria_current_page(client, html, sign_in):
    sign_in("manager")
    nav = html(client.get("/clients/7").text).find("nav")
    current = nav.find_all("a", aria_current="page")
    assert [a.text for a in current] == ["Asiakkaat"]


def test_flash_messages_are_in_a_status_region(app, client, html):
    from flask import flash

    @app.get("/saved")
    @public
    def saved():
        flash("Tallennettu", "success")
        return render_template("base.html")

    region = html(client.get("/saved").text).find("main").find(role="status")
    assert region.text == "Tallennettu"


def test_styles_and_scripts_come_from_our_own_static_files(client, html):
    page = html(client.get("/clients").text)
    css = page.find("link", rel="stylesheet").attrs["href"]
    scripts = [s.attrs["src"] for s in page.find_all("script")]
    assert css == "/static/kampus/kampus.css"
    assert scripts == ["/static/kampus/vendor/htmx.min.js", "/static/kampus/kampus.js"]
    for url in [css, *scripts]:
        response = client.get(url)
        assert response.status_code == 200, url
        response.close()


def test_htmx_sends_the_csrf_token(client, html):
    import json

    body = html(client.get("/clients").text).find("body")
    assert json.loads(body.attrs["hx-headers"])["X-CSRFToken"]


@pytest.mark.parametrize("status, heading", [(403, "Sinulla ei ole oikeutta käyttää tätä sivua"),
                                             (404, "Sivua ei löytynyt"), (500, "Jokin meni vikaan")])
def test_error_pages_for_browsers(app, client, html, status, heading):
    @app.get("/fail")
    @public
    def fail():
        abort(status)

    response = client.get("/fail", headers={"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"})
    assert response.status_code == status
    page = html(response.text)
    assert page.find("h1").text == heading
    assert page.find("main").attrs["id"] == "main"


def test_api_clients_keep_the_apps_own_error_shape(app, client):
    from werkzeug.exceptions import HTTPException

    @app.errorhandler(HTTPException)
    def as_json(exc):
        return {"error": {"code": exc.code}}, exc.code

    response = client.get("/nowhere", headers={"Accept": "application/json"})
    assert response.status_code == 404
    assert response.get_json() == {"error": {"code": 404}}
    assert client.get("/api/v1/nothing", headers={"Accept": "text/html"}).get_json() == {"error": {"code": 404}}
