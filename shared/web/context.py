"""The current request's runtime, language and form errors: one request context for every service.

A service's own context.py re-exports these and adds only what is its own (matching's live engine,
environments' target, intake's signed-in student).
"""
from __future__ import annotations

from flask import current_app, has_request_context, request

from shared.auth import current_principal
from shared.runtime import ServiceRuntime
from shared.web.ui import DEFAULT_LOCALE, LOCALES, supported

LANGS = tuple(LOCALES)  # ("fi", "sv", "en")


def runtime() -> ServiceRuntime:
    """The runtime of this app: `with runtime().work() as work:` is one transaction."""
    return current_app.extensions["kampus"]


def lang(asked: str | None = None) -> str:
    """The language of labels: the one asked for (a route passes its ?lang), else the UI's locale
    (Flask-Babel's), else the user's setting, else the browser's Accept-Language, else Finnish.

    In a request of an app with the language switch the UI's locale always answers (it is chosen from
    the switch's cookie, the user's setting and the browser's languages); the later steps serve code
    run outside such a request.
    """
    if asked in LANGS:
        return asked
    if has_request_context() and "babel" in current_app.extensions:
        from flask_babel import get_locale

        locale = get_locale()
        if locale is not None and locale.language in LANGS:
            return locale.language
    setting = supported(current_principal().locale)
    if setting is not None:
        return setting
    best = request.accept_languages.best_match(LANGS) if has_request_context() else None
    return best or DEFAULT_LOCALE


def show_errors(form, fields: dict, aliases: dict[str, str] | None = None) -> None:
    """Put a command's field errors beside the form's fields, translated; the rest above the form."""
    from flask_babel import gettext

    for name, messages in fields.items():
        if isinstance(messages, dict):  # nested: {"answers": {"job_search": [...]}} goes beside answers_job_search
            show_errors(form, {f"{name}_{key}": value for key, value in messages.items()}, aliases)
            continue
        target = (aliases or {}).get(name, name)
        field = form._fields.get(target)
        translated = [gettext(m) for m in messages]
        if field is not None:
            field.errors = [*field.errors, *translated]
        else:
            form.form_errors.extend(translated)


__all__ = ["LANGS", "lang", "runtime", "show_errors"]
