"""A request's translations are looked up once in it (shared.web.ui.RequestDomain), and each text still comes in
the request's own language, also when the locale changes within the request."""
from __future__ import annotations

from flask import render_template_string
from flask_babel import Domain, force_locale, gettext

PAGE = '{{ _("Front page") }}|{{ _("Log in") }}|'


def counting_lookups(monkeypatch) -> list[int]:
    """Flask-Babel's own lookups of translations, counted."""
    looked: list[int] = []
    lookup = Domain.get_translations

    def counted(self):
        looked.append(1)
        return lookup(self)

    monkeypatch.setattr(Domain, "get_translations", counted)
    return looked


def test_a_page_looks_its_translations_up_once_and_each_request_in_its_language(app, monkeypatch):
    looked = counting_lookups(monkeypatch)
    for language, expected in (("sv", "Startsida|Logga in|"), ("fi", "Etusivu|Kirjaudu sisään|"),
                               ("sv", "Startsida|Logga in|")):
        looked.clear()
        with app.test_request_context("/clients", headers={"Accept-Language": language}):
            shown = render_template_string(PAGE)
            assert shown == expected
            assert gettext("Front page") == expected.split("|")[0]  # Python's gettext too
        assert len(looked) == 1


def test_a_locale_forced_within_a_request_is_looked_up_and_the_requests_own_comes_back(app, monkeypatch):
    looked = counting_lookups(monkeypatch)
    with app.test_request_context("/clients", headers={"Accept-Language": "fi"}):
        assert gettext("Front page") == "Etusivu"
        with force_locale("sv"):
            assert gettext("Front page") == "Startsida" and gettext("Log in") == "Logga in"
        assert gettext("Front page") == "Etusivu"
    assert len(looked) == 3  # fi, sv, fi again


def test_without_a_request_the_default_language_and_without_an_app_none(app):
    with app.app_context():  # as Flask-Babel: the default locale, Finnish
        assert gettext("Front page") == "Etusivu"
    assert gettext("Front page") == "Front page"


TEXTS = ('{{ _("Menu") }}|{{ gettext("Menu") }}|{{ _("<b>%(name)s</b> 100%%", name="<i>") }}|'
         '{{ _("Log in") }}|{{ _(word) }}|{% trans %}Log in{% endtrans %}')


def test_a_templates_texts_are_shown_as_jinjas_own_gettext_shows_them(app):
    from flask_babel import get_translations
    from jinja2.ext import _gettext_alias, _make_new_gettext

    ours = {name: app.jinja_env.globals[name] for name in ("_", "gettext")}
    jinjas = {"_": _gettext_alias, "gettext": _make_new_gettext(lambda s: get_translations().ugettext(s))}
    for language, expected in (("sv", "Meny|Meny|<b>&lt;i&gt;</b> 100%|Logga in|x & y|Logga in"),
                               ("fi", "Valikko|Valikko|<b>&lt;i&gt;</b> 100%|Kirjaudu sisään|x & y|"
                                      "Kirjaudu sisään")):
        for _ in range(2):  # the second time from the kept texts
            with app.test_request_context("/clients", headers={"Accept-Language": language}):
                shown = render_template_string(TEXTS, word="x & y")
                with force_locale("en"):
                    english = render_template_string(TEXTS, word="x & y")
                app.jinja_env.globals.update(jinjas)
                try:
                    assert render_template_string(TEXTS, word="x & y") == shown == expected
                finally:
                    app.jinja_env.globals.update(ours)
            assert english == "Menu|Menu|<b>&lt;i&gt;</b> 100%|Log in|x & y|Log in"
    text = app.jinja_env.from_string('{% autoescape false %}{{ _("<b>%(name)s</b>", name="<i>") }}{% endautoescape %}')
    with app.test_request_context("/clients"):
        assert text.render() == "<b><i></b>"
