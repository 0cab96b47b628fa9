"""The current request's runtime, language and principal helpers, for the API and the pages."""
from __future__ import annotations

import os
from contextlib import contextmanager
from typing import Iterator

from flask import abort, current_app, has_request_context, request

from services.environments.domain import Conflict, Invalid
from services.environments.domain.target import parse_target
from shared.auth import current_principal
from shared.runtime import ServiceRuntime
from shared.web.errors import ApiError

LANGS = ("fi", "sv", "en")


def runtime() -> ServiceRuntime:
    """The environments runtime of this app: `with runtime().work() as work:` is one transaction."""
    return current_app.extensions["kampus"]


def lang() -> str:
    """The language of labels: the UI's, else the user's setting, else Finnish."""
    if has_request_context() and "babel" in current_app.extensions:
        from flask_babel import get_locale

        locale = get_locale()
        if locale is not None and locale.language in LANGS:
            return locale.language
    setting = (current_principal().locale or "")[:2]
    return setting if setting in LANGS else "fi"


def target(config) -> int:
    """The network's target number of environments: Config.extra["environments_target"] or ENVIRONMENTS_TARGET."""
    return parse_target(config.extra.get("environments_target") or os.environ.get("ENVIRONMENTS_TARGET"))


@contextmanager
def rules() -> Iterator[None]:
    """Answer a broken domain rule as the API's error: a conflict is 409 with its reason, bad input 422."""
    try:
        yield
    except Conflict as exc:
        error = ApiError(409, exc.message, {"status": [exc.message]})
        error.template, error.params = exc.reason, exc.details
        raise error from exc
    except Invalid as exc:
        raise ApiError(422, "Invalid input", exc.fields) from exc


@contextmanager
def page_errors() -> Iterator[None]:
    """On a page, something that may not be seen is the HTML 404 (403) page, not the API's JSON."""
    try:
        yield
    except ApiError as exc:
        if exc.status in (403, 404):
            abort(exc.status)
        raise


def wants_page() -> bool:
    return has_request_context() and not request.path.startswith("/api/")
