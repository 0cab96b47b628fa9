"""The current request's runtime, language and errors, for the API and the pages of intake."""
from __future__ import annotations

from contextlib import contextmanager
from typing import Iterator

from flask import abort, current_app, has_request_context, request

from shared.auth import current_principal
from shared.runtime import ServiceRuntime
from shared.web.errors import ApiError

LANGS = ("fi", "sv", "en")


def runtime() -> ServiceRuntime:
    """The intake runtime of this app: `with runtime().work() as work:` is one transaction."""
    return current_app.extensions["kampus"]


def lang(asked: str | None = None) -> str:
    """The language of labels: the one asked for, else the UI's, else the user's setting, else Finnish."""
    if asked in LANGS:
        return asked
    if has_request_context() and "babel" in current_app.extensions:
        from flask_babel import get_locale

        locale = get_locale()
        if locale is not None and locale.language in LANGS:
            return locale.language
    setting = (current_principal().locale or "")[:2]
    if setting in LANGS:
        return setting
    best = request.accept_languages.best_match(LANGS) if has_request_context() else None
    return best or "fi"


@contextmanager
def page_errors() -> Iterator[None]:
    """On a page, a client or item that may not be seen is the HTML 404 (403) page, not the API's JSON."""
    try:
        yield
    except ApiError as exc:
        if exc.status in (403, 404):
            abort(exc.status)
        raise


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


def student_client_id() -> str:
    """The client record of the signed-in student, or the 404 page when none is linked."""
    client_id = current_principal().client_id
    if not client_id:
        abort(404)
    return client_id
