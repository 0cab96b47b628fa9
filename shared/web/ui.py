"""The web front every service shares: layout and static files, languages, navigation, error pages."""
from __future__ import annotations

from pathlib import Path
from typing import cast
from urllib.parse import urlsplit

from flask import (
    Blueprint,
    Flask,
    abort,
    current_app,
    g,
    has_app_context,
    has_request_context,
    redirect,
    render_template,
    request,
)
from flask.sessions import SecureCookieSessionInterface
from flask.signals import Namespace
from flask_babel import Babel, Domain, get_domain, get_locale
from flask_wtf.csrf import generate_csrf
from itsdangerous import URLSafeTimedSerializer
from jinja2 import pass_context
from markupsafe import Markup
from werkzeug.exceptions import HTTPException

from shared import formats
from shared.auth import current_principal
from shared.auth.policy import public
from shared.web import forms, navigation
from shared.web.shell import ShellExtension

TRANSLATIONS = Path(__file__).resolve().parent.parent / "translations"
LOCALES = {"fi": "Suomi", "sv": "Svenska", "en": "English"}  # each in its own language, Finnish first
DEFAULT_LOCALE = "fi"
LANGUAGE_COOKIE = "kampus_lang"
LANGUAGE_COOKIE_AGE = 365 * 24 * 3600
ERROR_PAGES = (400, 403, 404, 500, 503)

# Sent after the language switch with locale=..., principal=..., response=...: a hook to store the
# signed-in user's choice as their setting.
language_changed = Namespace().signal("kampus-language-changed")


def supported(value: str | None) -> str | None:
    """The supported locale a value such as "sv", "sv-FI" or "sv_FI" names, or None."""
    if not value:
        return None
    language = value.replace("_", "-").split("-", 1)[0].lower()
    return language if language in LOCALES else None


def select_locale() -> str:
    """The language switch's cookie (the newest explicit choice), else the user's own setting, else the
    browser's languages, else Finnish."""
    if not has_request_context():
        return DEFAULT_LOCALE
    chosen = supported(request.cookies.get(LANGUAGE_COOKIE)) or supported(current_principal().locale)
    return chosen or browser_locale() or DEFAULT_LOCALE


# The browsers' Accept-Language headers seen, and the supported locale each prefers: parsing one and matching it
# cost ~30 µs of every page a browser asks for without a chosen language, and a network's browsers send few kinds.
_ACCEPTED: dict[str, str | None] = {}
KEEP_ACCEPTED, ACCEPTED_LENGTH = 500, 200  # headers kept (longer ones are matched anew each time)
_UNSEEN = object()


def browser_locale() -> str | None:
    """The supported locale the browser's Accept-Language prefers (werkzeug's best match), or None."""
    header = request.headers.get("Accept-Language", "")
    kept = _ACCEPTED.get(header, _UNSEEN)  # one lookup: another thread may clear the dict meanwhile
    if kept is not _UNSEEN:
        return cast(str | None, kept)
    found = request.accept_languages.best_match(list(LOCALES))
    if len(header) <= ACCEPTED_LENGTH:
        if len(_ACCEPTED) >= KEEP_ACCEPTED:
            _ACCEPTED.clear()
        _ACCEPTED[header] = found
    return found


def safe_next(value: str | None) -> str | None:
    """A same-site path to return to, or None: never an open redirect."""
    if not value or not value.startswith("/") or value.startswith("//"):
        return None
    if "\\" in value or any(ord(c) < 32 or ord(c) == 127 for c in value):
        return None
    return value


def current_path() -> str:
    """The path of this page as the browser sees it (with the service's prefix and the query)."""
    path = request.script_root + request.path
    query = request.query_string.decode("latin-1")
    return f"{path}?{query}" if query else path


def blueprint() -> Blueprint:
    bp = Blueprint("ui", __name__, template_folder="templates", static_folder="static",
                   static_url_path="/static/kampus")

    @bp.post("/language")
    @public
    def set_language():
        """Remember the chosen language in a cookie and go back to the page the switch was on."""
        locale = request.form.get("lang")
        if locale not in LOCALES:
            abort(400)
        response = redirect(safe_next(request.form.get("next")) or request.script_root + "/", code=303)
        response.set_cookie(LANGUAGE_COOKIE, locale, max_age=LANGUAGE_COOKIE_AGE, path="/",
                            secure=request.is_secure or current_app.config.get("SESSION_COOKIE_SECURE", False),
                            httponly=True, samesite="Lax")
        app = current_app._get_current_object()  # type: ignore[attr-defined]  # the app behind the proxy
        language_changed.send(app, locale=locale,
                              principal=current_principal(), response=response)
        return response

    return bp


def wants_html() -> bool:
    """Whether the client is a browser that should get an HTML page rather than JSON: it prefers HTML to JSON.

    Not `accept_mimetypes.best`: Chromium's Accept ends in `application/signed-exchange;v=b3;q=0.7`, which
    werkzeug ranks best for its parameter, so a browser would get JSON."""
    accept = request.accept_mimetypes
    html = max(accept["text/html"], accept["application/xhtml+xml"])
    return html > accept["application/json"] and not request.path.startswith("/api/")


def previous_page() -> str | None:
    """The page the visitor came from when it is on this site (a way back from an error page), else None."""
    referrer = request.referrer
    if not referrer:
        return None
    parts = urlsplit(referrer)
    if parts.netloc and parts.netloc != request.host:
        return None
    path = safe_next(parts.path)
    if not path or (request.method == "GET" and path == request.script_root + request.path):
        return None  # the same page again would fail again; a form's page after its post is a way back
    return path


def render_error(status: int):
    """The HTML error page of a status (400, 403, 404, 500 or 503) in the shared layout."""
    return render_template(f"errors/{status}.html", previous=previous_page()), status


def render_refusal(exc):
    """A page for a refused command no form caught (a conflict or bad input): its message, translated."""
    from flask_babel import gettext

    return render_template("errors/refused.html", message=gettext(exc.message), previous=previous_page()), exc.status


def _error_page(exc: HTTPException):
    if wants_html():
        return render_error(exc.code or 500)  # every HTTPException raised has a code
    fallback = current_app.error_handler_spec[None][None].get(HTTPException)
    return fallback(exc) if fallback is not None else exc


class KeptSerializerSessions(SecureCookieSessionInterface):
    """Flask's signed-cookie sessions with the signing serializer made once per app and keys, not for every
    request (Flask builds it anew to open and again to save each session: ~15 µs each). It holds no state of a
    request; a changed SECRET_KEY or SECRET_KEY_FALLBACKS makes a new one."""

    def get_signing_serializer(self, app: Flask) -> URLSafeTimedSerializer | None:
        keys = (app.secret_key, tuple(app.config.get("SECRET_KEY_FALLBACKS") or ()))
        kept = app.extensions.get("kampus_session_serializer")
        if kept is None or kept[0] != keys:
            kept = app.extensions["kampus_session_serializer"] = (keys, super().get_signing_serializer(app))
        return kept[1]


class RequestDomain(Domain):
    """Flask-Babel's message domain, with a request's translations looked up once in it.

    Flask-Babel looks them up for every text (the request's context three times, the locale, its name as a
    string, the domain's cache): about a fifth of a millisecond of CPU each, and a page shows 50-150 texts. The
    translations found are kept in the request's Babel context beside the locale they were found for, so a
    changed locale (`force_locale`, `refresh`) is looked up again."""

    def get_translations(self):
        if not g:  # outside an app context: Flask-Babel's own answer (no translations)
            return super().get_translations()
        babel = g.get("_flask_babel")
        kept = getattr(babel, "kampus_translations", None)
        if kept is not None and kept[0] is getattr(babel, "babel_locale", None):
            return kept[1]
        translations = super().get_translations()
        babel = g._flask_babel  # made by the lookup
        babel.kampus_translations = (getattr(babel, "babel_locale", None), translations)
        return translations


# A template's texts as `_()` shows them, by the translations (one object per language and catalog), the text and
# whether the template escapes: the same for every page in that language, and a page shows 50-150 of them.
_SHOWN: dict[tuple, tuple] = {}
KEEP_SHOWN = 20_000  # texts kept; a template may translate a value of its data, so past it they start again


@pass_context
def template_gettext(context, string: str, **variables):
    """Jinja's `_()` and `gettext()` as jinja2.ext.i18n installs them for Flask-Babel (newstyle: the translation
    marked safe where the template escapes, then formatted with its variables, always), with the text shown
    without variables kept: Jinja and Flask-Babel took three calls through the template's context and four lookups
    of the request's state for each text."""
    translations = get_domain().get_translations()
    key = (translations, string, context.eval_ctx.autoescape, not variables)
    shown = _SHOWN.get(key)
    if shown is None:
        translated = translations.ugettext(string)
        if key[2]:
            translated = Markup(translated)
        shown = (translated, translated % {} if key[3] else None)  # formatted as newstyle gettext does
        if len(_SHOWN) >= KEEP_SHOWN:
            _SHOWN.clear()
        _SHOWN[key] = shown
    return shown[0] % variables if variables else shown[1]


def init_ui(app: Flask, service: str) -> None:
    """Give an app the shared layout, static files, languages, navigation and HTML error pages."""
    app.extensions["kampus_ui"] = {"service": service}
    app.session_interface = KeptSerializerSessions()
    app.config.setdefault("BABEL_DEFAULT_TIMEZONE", "Europe/Helsinki")
    directories = [str(TRANSLATIONS)]
    own = Path(app.root_path) / "translations"  # a service may keep its own catalog beside the shared one
    if own.is_dir():
        directories.append(str(own))
    babel = Babel(app, locale_selector=select_locale, default_locale=DEFAULT_LOCALE, default_domain="messages",
                  default_translation_directories=";".join(directories))
    babel.domain_instance = RequestDomain(domain="messages")  # the default domain every gettext goes through
    app.jinja_env.globals.update(_=template_gettext, gettext=template_gettext)  # after Babel's own
    app.jinja_env.filters.update(formats.jinja_filters())  # after Babel's own: fi_FI and sv_FI, not sv (Sweden)
    app.jinja_env.add_extension(ShellExtension)  # base.html's parts kept per person and language
    app.register_blueprint(blueprint())
    app.jinja_env.globals.setdefault("csrf_token", generate_csrf)  # CSRFProtect sets the same
    app.jinja_env.globals.update(
        nav_items=navigation.nav_items,
        kampus_link=navigation.link,
        kampus_intake_of=navigation.intake_of,
        privacy_link=navigation.privacy_link,
        role_label=navigation.role_label,
        audit_label=_audit_label,
        organisation_name=organisation_name,
        current_principal=current_principal,
        current_locale=lambda: str(get_locale() or DEFAULT_LOCALE),
        current_path=current_path,
        supported_locales=tuple(LOCALES.items()),
        service_name=service,
        marked_optional=forms.marked_optional,
    )
    app.jinja_env.filters["organisation_name"] = organisation_name
    for status in ERROR_PAGES:
        app.register_error_handler(status, _error_page)


def organisation_names() -> dict[str, str]:
    """Every known organisation's name by its code (the network file's, else the portal's), once a request."""
    if not has_app_context():
        return {}
    names = g.get("kampus_organisation_names") if has_request_context() else None
    if names is None:
        names = current_app.config.get("KAMPUS_ORGANISATION_NAMES") or {}
        if callable(names):  # the portal's identity store
            names = names()
        if has_request_context():
            g.kampus_organisation_names = names
    return names


def organisation_name(code: str | None) -> str:
    """An organisation's name by its code (the code itself where no name is known)."""
    return organisation_names().get(code, code) if code else ""


def _audit_label(kind: str, code: str | None) -> str:
    """An audit entry's code (action, object_type, purpose, category) named in the reader's language."""
    from flask_babel import gettext

    from shared.audit.codes import label

    return gettext(label(kind, code)) if code else ""
