"""Reads that the pages of the network's other services may make with the person's own login (CORS).

The header of every page asks the portal for its notification counter. Where each service has an origin of its
own (compose: a port each) that is a cross-origin request: the portal answers it for the network's own origins
only (its links and intakes, as the pages' `form-action` admits them), with credentials and `Vary: Origin`,
never `*`. Only the views marked `shared_with_network` answer so, and only to GET: a change still needs a form
of the service's own with its CSRF token.
"""
from __future__ import annotations

from collections.abc import Callable

from flask import Flask, request

from shared.web.observability import network_origins, network_urls

MARK = "_kampus_cors"
PREFLIGHT_SECONDS = "600"


def shared_with_network(view: Callable) -> Callable:
    """Let the network's other services' pages read this view's answer (GET) with the person's login."""
    setattr(view, MARK, True)
    return view


def allowed_origins(app: Flask) -> frozenset[str]:
    """The origins of the network's services as this app's configuration knows them (none on one origin)."""
    return frozenset(network_origins(network_urls(app)))


def register(app: Flask) -> None:
    """Answer the marked views' preflights before anyone asks for a login (a preflight carries none), and add
    the CORS headers to their answers for an allowed origin."""
    origins = allowed_origins(app)

    def marked() -> bool:
        return getattr(app.view_functions.get(request.endpoint or ""), MARK, False)

    @app.before_request
    def _preflight():
        if request.method == "OPTIONS" and marked():
            return "", 204
        return None

    @app.after_request
    def _headers(response):
        if not marked():
            return response
        response.vary.add("Origin")
        origin = request.headers.get("Origin", "")
        if origin in origins:
            response.headers["Access-Control-Allow-Origin"] = origin
            response.headers["Access-Control-Allow-Credentials"] = "true"
            if request.method == "OPTIONS":
                response.headers["Access-Control-Allow-Methods"] = "GET"
                # a reconnecting event stream sends the last event's id
                response.headers["Access-Control-Allow-Headers"] = "Last-Event-ID"
                response.headers["Access-Control-Max-Age"] = PREFLIGHT_SECONDS
        return response
