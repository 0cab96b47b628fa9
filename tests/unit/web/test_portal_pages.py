"""The portal's pages in the shared layout: login, front page cards, logout and password (services/portal/templates)."""
from __future__ import annotations

import pytest
from flask import Flask, render_template
from flask_wtf import FlaskForm
from wtforms import HiddenField, PasswordField, StringField
from wtforms.validators import DataRequired

from shared.auth import ANONYMOUS, Principal
from shared.web.navigation import sections_for
from shared.web.ui import init_ui


@pytest.fixture
def app() -> Flask:
    """An app rooted in services/portal, as the portal's is: its templates and its own catalog."""
    app = Flask("services.portal")
    app.config.update(SECRET_KEY="test", TESTING=True)
    init_ui(app, "portal")
    return app


class LoginForm(FlaskForm):
    username = StringField("Username", validators=[DataRequired()])
    password = PasswordField("Password", validators=[DataRequired()])
    next = HiddenField()


class PasswordForm(FlaskForm):
    current = PasswordField("Current password", validators=[DataRequired()])
    new = PasswordField("New password", validators=[DataRequired()])
    repeat = PasswordField("Repeat the new password", validators=[DataRequired()])


def test_login_page_ties_the_error_to_the_form(request_as, html):
    with request_as(ANONYMOUS, "/login", method="POST", data={"username": "", "password": ""}):
        form = LoginForm(meta={"csrf": False})
        form.validate()
        page = html(render_template("portal/login.html", form=form, error="Väärä tunnus"))
    alert = page.find(role="alert")
    assert alert.text == "Väärä tunnus"
    form_el = page.find("main").find("form")
    assert form_el.attrs["method"] == "post" and "action" not in form_el.attrs
    assert form_el.attrs["aria-describedby"] == alert.attrs["id"]
    assert form_el.find("input", name="csrf_token").attrs["value"]
    assert form_el.find("input", name="next", type="hidden")
    assert form_el.find("label", for_="username") and form_el.find("label", for_="password")
    assert form_el.find("input", id="password").attrs["autocomplete"] == "current-password"
    assert [a.attrs["href"] for a in page.find(data_error_summary=True).find_all("a")] == ["#username", "#password"]


def test_front_page_cards(request_as, html):
    who = Principal(user_id="1", username="m", name="Maija", organisation="sataedu", roles=frozenset({"manager"}))
    with request_as(who):
        page = html(render_template("portal/front.html", principal=who, organisation_name="Sataedu",
                                    sections=sections_for(who)))
    main = page.find("main")
    assert main.find("h1").text == "Tervetuloa, Maija"
    assert "Sataedu" in main.text and "Palvelumanageri" in main.text
    assert [h.text for h in main.find_all("h3")] == [
        "Työpöytä", "Asiakkaat", "Kumppanit ja tarpeet", "Ehdotukset", "Ohjaukset", "Yhteiset asiakkaat",
        "Tapaamiset", "Oikeuspyynnöt", "Palveluluettelo",
        "Oppimisympäristöt", "Raportit"]
    assert main.find("a").attrs["href"] == "/intake/desk"


def test_logout_confirmation_posts_to_itself_with_csrf(request_as, html):
    with request_as(ANONYMOUS, "/logout"):
        page = html(render_template("portal/logout.html", form=None))
    form = page.find("main").find("form")
    assert form.attrs["method"] == "post" and "action" not in form.attrs
    assert form.find("input", name="csrf_token").attrs["value"]
    assert form.find("button", type="submit").text == "Kirjaudu ulos"


def test_password_page_done_and_form(request_as, html):
    with request_as(ANONYMOUS, "/account/password"):
        done = html(render_template("portal/password.html", form=PasswordForm(meta={"csrf": False}), done=True))
        blank = html(render_template("portal/password.html", form=PasswordForm(meta={"csrf": False}), done=False))
    assert done.find("main").find(role="status", class_="alert alert--success").text == "Salasanasi on vaihdettu."
    assert [i.attrs["autocomplete"] for i in blank.find_all("input", type="password")] == [
        "current-password", "new-password", "new-password"]
    assert blank.find("input", id="new").attrs["aria-describedby"] == "new-hint"
