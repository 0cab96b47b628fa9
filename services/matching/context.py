"""The current request's runtime, live engine and language, for matching's API and pages."""
from __future__ import annotations

from flask import current_app, has_request_context

from services.matching.handlers.live import LiveEngine, engine_for
from shared.runtime import ServiceRuntime

LANGS = ("fi", "sv", "en")


def runtime() -> ServiceRuntime:
    """The matching runtime of this app: `with runtime().work() as work:` is one transaction."""
    return current_app.extensions["kampus"]


def live() -> LiveEngine:
    """This process's matching engine."""
    return engine_for(runtime())


def lang(asked: str | None = None) -> str:
    """The language of labels: the one asked for, else the page's, else Finnish."""
    if asked in LANGS:
        return asked
    if has_request_context() and "babel" in current_app.extensions:
        from flask_babel import get_locale

        locale = get_locale()
        if locale is not None and locale.language in LANGS:
            return locale.language
    return "fi"
