"""The one request context of every service: lang()'s order, the error helpers, the runtime."""
from __future__ import annotations

import pytest
from flask import Flask, g
from flask_babel import Babel
from wtforms import StringField

from shared.auth.principal import Principal
from shared.web.context import LANGS, lang, runtime, show_errors
from shared.web.forms import PlainForm


def app(locale: str | None = None) -> Flask:
    """An app whose UI locale is `locale`; without one it has no Flask-Babel."""
    flask_app = Flask(__name__)
    if locale is not None:
        Babel(flask_app, locale_selector=lambda: locale)
    return flask_app


def user(locale: str | None) -> Principal:
    return Principal(user_id="u1", organisation="samk", roles=frozenset({"manager"}), locale=locale)


def test_the_languages_are_the_uis():
    assert LANGS == ("fi", "sv", "en")


def test_outside_a_request_the_language_is_finnish_unless_asked():
    assert lang() == "fi"
    assert lang("sv") == "sv"
    assert lang("de") == "fi"


@pytest.mark.parametrize("asked", ["sv", "en", "fi"])
def test_the_language_asked_for_comes_first(asked):
    with app("en" if asked != "en" else "sv").test_request_context(headers={"Accept-Language": "en"}):
        g.principal = user("sv")
        assert lang(asked) == asked


def test_then_the_uis_locale():
    with app("sv").test_request_context(headers={"Accept-Language": "en"}):
        g.principal = user("en")
        assert lang() == "sv"
        assert lang("de") == "sv"
        assert lang(None) == "sv"


def test_a_ui_locale_we_do_not_have_falls_through_to_the_users_setting():
    with app("de").test_request_context(headers={"Accept-Language": "en"}):
        g.principal = user("sv_FI")
        assert lang() == "sv"


@pytest.mark.parametrize("setting, expected", [("sv", "sv"), ("en-GB", "en"), ("SV_fi", "sv"), ("fi", "fi")])
def test_then_the_users_setting(setting, expected):
    with app().test_request_context(headers={"Accept-Language": "en" if expected != "en" else "sv"}):
        g.principal = user(setting)
        assert lang() == expected


@pytest.mark.parametrize("setting", [None, "", "de"])
def test_then_the_browsers_languages(setting):
    with app().test_request_context(headers={"Accept-Language": "de, sv;q=0.8, en;q=0.5"}):
        g.principal = user(setting)
        assert lang() == "sv"


def test_else_finnish():
    with app().test_request_context(headers={"Accept-Language": "de"}):
        g.principal = user(None)
        assert lang() == "fi"
    with app().test_request_context():
        assert lang() == "fi"


def test_the_runtime_is_the_apps():
    flask_app = app()
    flask_app.extensions["kampus"] = marker = object()
    with flask_app.app_context():
        assert runtime() is marker


class NameForm(PlainForm):
    first_name = StringField()
    answers_job_search = StringField()


def test_show_errors_puts_messages_beside_their_fields_and_the_rest_above_the_form():
    with app("fi").test_request_context():
        form = NameForm()
        form.validate()
        show_errors(form, {"name": ["Too long"], "answers": {"job_search": ["Choose one"]}, "other": ["Refused"]},
                    aliases={"name": "first_name"})
        assert form.first_name.errors == ["Too long"]
        assert form.answers_job_search.errors == ["Choose one"]
        assert form.form_errors == ["Refused"]
        show_errors(form, {"first_name": ["Again"]})
        assert form.first_name.errors == ["Too long", "Again"]
