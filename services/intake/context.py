"""Intake's request context: the shared one (shared/web/context.py) and the signed-in student's record."""
from __future__ import annotations

from flask import abort

from shared.auth import current_principal
from shared.web.context import LANGS, lang, runtime, show_errors


def student_client_id() -> str:
    """The client record of the signed-in student, or the 404 page when none is linked."""
    client_id = current_principal().client_id
    if not client_id:
        abort(404)
    return client_id




def subject_sources():
    """The network services to ask what they hold about a client: set in app.extensions (tests), else over HTTP
    at each service's address in the network file (api_url), else its link, with the caller's own token."""
    from flask import current_app, request

    from services.intake.handlers.network_export import SERVICES_ASKED
    from services.intake.handlers.network_sources import HttpSources
    from shared.auth.web import TOKEN_COOKIE
    from shared.web.navigation import links

    given = current_app.extensions.get("intake_subject_sources")
    if given is not None:
        return given
    network = runtime().config.network
    bases = {}
    for name in SERVICES_ASKED:
        host = network.host_of(name) if network else None
        base = host.hosts[name].api_url if host else links().get(name, f"/{name}/")
        bases[name] = base if base.startswith(("http://", "https://")) else request.host_url.rstrip("/") + "/" + \
            base.lstrip("/")
    scheme, _, token = request.headers.get("Authorization", "").partition(" ")
    return HttpSources(bases, token.strip() if scheme.lower() == "bearer" and token else
                       request.cookies.get(TOKEN_COOKIE))


def _service_base(name: str) -> str:
    """A network service's base URL as this request reaches it: the network file's api_url, else its link."""
    from flask import request

    from shared.web.navigation import links

    network = runtime().config.network
    host = network.host_of(name) if network else None
    base = host.hosts[name].api_url if host else links().get(name, f"/{name}/")
    return base if base.startswith(("http://", "https://")) else request.host_url.rstrip("/") + "/" + base.lstrip("/")


def _caller_token() -> str | None:
    from flask import request

    from shared.auth.web import TOKEN_COOKIE

    scheme, _, token = request.headers.get("Authorization", "").partition(" ")
    return token.strip() if scheme.lower() == "bearer" and token else request.cookies.get(TOKEN_COOKIE)


__all__ = ["LANGS", "lang", "runtime", "show_errors", "student_client_id",
           "subject_sources"]
