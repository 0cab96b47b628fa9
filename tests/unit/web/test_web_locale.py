"""Which language a page is in, and the language switch."""
from __future__ import annotations

import pytest

from shared.web.ui import LANGUAGE_COOKIE, safe_next


def lang_of(response, html) -> str:
    return html(response.text).find("html").attrs["lang"]


def test_finnish_is_the_default(client, html):
    assert lang_of(client.get("/clients"), html) == "fi"


def test_finnish_when_the_browser_asks_for_nothing_we_have(client, html):
    assert lang_of(client.get("/clients", headers={"Accept-Language": "de-DE, de;q=0.9"}), html) == "fi"


@pytest.mark.parametrize("header, expected", [
    ("sv-FI, sv;q=0.9, en;q=0.5", "sv"),
    ("en-GB, en;q=0.9", "en"),
    ("de, en;q=0.7, sv;q=0.6", "en"),
    ("fi", "fi"),
])
def test_browser_languages_choose_among_fi_sv_en(client, html, header, expected):
    assert lang_of(client.get("/clients", headers={"Accept-Language": header}), html) == expected


def test_the_switch_cookie_outranks_the_browser(client, html):
    client.set_cookie(LANGUAGE_COOKIE, "sv")
    assert lang_of(client.get("/clients", headers={"Accept-Language": "en"}), html) == "sv"


def test_an_unsupported_cookie_is_ignored(client, html):
    client.set_cookie(LANGUAGE_COOKIE, "de")
    assert lang_of(client.get("/clients", headers={"Accept-Language": "en"}), html) == "en"


def test_the_switch_outranks_the_users_setting_which_outranks_the_browser(client, html, sign_in):
    sign_in("manager", locale="sv_FI")
    assert lang_of(client.get("/clients", headers={"Accept-Language": "en"}), html) == "sv"
    client.set_cookie(LANGUAGE_COOKIE, "en")
    assert lang_of(client.get("/clients", headers={"Accept-Language": "fi"}), html) == "en"


def test_a_user_without_a_setting_gets_the_cookie(client, html, sign_in):
    sign_in("manager", locale=None)
    client.set_cookie(LANGUAGE_COOKIE, "en")
    assert lang_of(client.get("/clients"), html) == "en"


def test_pages_are_translated(client):
    finnish = client.get("/clients").text
    swedish = client.get("/clients", headers={"Accept-Language": "sv"}).text
    assert "Siirry pääsisältöön" in finnish
    assert "Hoppa till huvudinnehållet" in swedish


def test_switching_sets_a_long_lived_lax_httponly_cookie_and_goes_back(client):
    response = client.post("/language", data={"lang": "sv", "next": "/intake/clients?page=2"})
    assert response.status_code == 303
    assert response.headers["Location"] == "/intake/clients?page=2"
    cookie = response.headers["Set-Cookie"]
    assert cookie.startswith(f"{LANGUAGE_COOKIE}=sv;")
    for attribute in ("Max-Age=31536000", "HttpOnly", "SameSite=Lax", "Path=/"):
        assert attribute in cookie
    assert "Secure" not in cookie


def test_the_cookie_is_secure_over_https(client):
    response = client.post("/language", data={"lang": "en", "next": "/"}, base_url="https://localhost")
    assert "Secure" in response.headers["Set-Cookie"]


def test_after_switching_pages_are_in_the_chosen_language(client, html):
    client.post("/language", data={"lang": "sv", "next": "/clients"})
    assert lang_of(client.get("/clients"), html) == "sv"


@pytest.mark.parametrize("target", ["//evil.example/", "https://evil.example/", "evil.example", "/\\evil.example",
                                    "javascript:alert(1)", "", "/%0d%0aSet-Cookie:x", "/\r\nX-Injected: 1"])
def test_an_off_site_next_is_refused(client, target):
    response = client.post("/language", data={"lang": "sv", "next": target})
    assert response.status_code == 303
    location = response.headers["Location"]
    assert location in ("/", "/%0d%0aSet-Cookie:x")
    assert "X-Injected" not in response.headers


def test_without_next_the_switch_goes_to_the_services_root(client):
    response = client.post("/language", data={"lang": "fi"}, base_url="http://localhost/intake")
    assert response.headers["Location"] == "/intake/"


@pytest.mark.parametrize("lang", ["de", "", "FI", "sv-FI"])
def test_an_unknown_language_is_a_bad_request(client, lang):
    response = client.post("/language", data={"lang": lang, "next": "/"})
    assert response.status_code == 400
    assert "Set-Cookie" not in response.headers or LANGUAGE_COOKIE not in response.headers["Set-Cookie"]


def test_safe_next_keeps_only_same_site_paths():
    assert safe_next("/environments/12?tab=team") == "/environments/12?tab=team"
    assert safe_next("//host/") is None
    assert safe_next("http://host/") is None
    assert safe_next(None) is None


def test_the_switch_announces_the_choice_so_a_users_setting_can_follow(app, client, sign_in):
    from shared.web.ui import language_changed

    heard = []

    def remember(sender, locale, principal, response):
        heard.append((sender, locale, principal.username, response.status_code))

    sign_in("student")
    with language_changed.connected_to(remember, app):
        client.post("/language", data={"lang": "sv", "next": "/"})
    assert heard == [(app, "sv", "maija", 303)]


def test_outside_a_request_the_locale_is_finnish(app):
    from shared.web.ui import select_locale

    with app.app_context():
        assert select_locale() == "fi"


def test_a_browser_header_seen_before_chooses_as_it_did_and_a_long_one_is_matched_each_time(client, html):
    from shared.web import ui

    ui._ACCEPTED.clear()
    for _ in range(2):  # the second time from what was kept
        assert lang_of(client.get("/clients", headers={"Accept-Language": "sv-FI, sv;q=0.9"}), html) == "sv"
        assert lang_of(client.get("/clients", headers={"Accept-Language": "en-GB, en;q=0.9"}), html) == "en"
        assert lang_of(client.get("/clients", headers={"Accept-Language": "de-DE"}), html) == "fi"
    assert ui._ACCEPTED == {"sv-FI, sv;q=0.9": "sv", "en-GB, en;q=0.9": "en", "de-DE": None}
    long = ", ".join(f"x{i};q=0.{i % 9 + 1}" for i in range(40)) + ", sv;q=0.05"  # 400+ characters
    assert lang_of(client.get("/clients", headers={"Accept-Language": long}), html) == "sv"
    assert long not in ui._ACCEPTED


def test_the_session_cookie_signed_with_a_kept_serializer_holds_until_the_secret_key_changes(app):
    from flask import request

    from shared.web.ui import KeptSerializerSessions

    sessions = app.session_interface
    assert isinstance(sessions, KeptSerializerSessions)
    cookie = sessions.get_signing_serializer(app).dumps({"seen": 41})
    sent = {"Cookie": f"{app.config['SESSION_COOKIE_NAME']}={cookie}"}
    with app.test_request_context("/", headers=sent):
        assert sessions.open_session(app, request)["seen"] == 41
    assert sessions.get_signing_serializer(app) is sessions.get_signing_serializer(app)  # made once
    old_key = app.secret_key
    try:
        app.secret_key = "another-secret-key-" + "y" * 40
        with app.test_request_context("/", headers=sent):
            assert "seen" not in sessions.open_session(app, request)  # signed with the old key: not believed
    finally:
        app.secret_key = old_key
