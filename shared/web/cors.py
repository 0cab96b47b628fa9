"""Reads that the pages of the network's other services may make with the person's own login (CORS).

The header of every page asks the portal for its notification counter, and intake's client card asks matching for
the client's suggestions. Where each service has an origin of its own (compose: a port each) those are cross-origin
requests: the service answers them for the network's own origins only (its links and intakes, as the pages'
`form-action` admits them), with credentials and `Vary: Origin`, never `*`. Only the views marked
`shared_with_network` answer so, only to GET and admitting only the request headers the mark names: a change still
needs a form of the service's own with its CSRF token.
"""
from __future__ import annotations

from collections.abc import Callable

from flask import Flask, request

from shared.web.observability import network_origins, network_urls

MARK = "_kampus_cors"
PREFLIGHT_SECONDS = "600"


def shared_with_network(*headers: str) -> Callable[[Callable], Callable]:
    """Let the network's other services' pages read this view's answer (GET) with the person's login, sending
    exactly `headers` beyond the ones a browser may always send."""

    def mark(view: Callable) -> Callable:
        setattr(view, MARK, tuple(headers))
        return view

    return mark


def allowed_origins(app: Flask) -> frozenset[str]:
    """The origins of the network's services as this app's configuration knows them (none on one origin)."""
    return frozenset(network_origins(network_urls(app)))


def register(app: Flask) -> None:
    """Answer the marked views' preflights before anyone asks for a login (a preflight carries none), and add
    the CORS headers to their answers for an allowed origin."""
    origins = allowed_origins(app)

    def marked() -> tuple[str, ...] | None:
        return getattr(app.view_functions.get(request.endpoint or ""), MARK, None)

    @app.before_request
    def _preflight():
        if request.method == "OPTIONS" and marked() is not None:
            return "", 204
        return None

    @app.after_request
    def _headers(response):
        headers = marked()
        if headers is None or request.method not in ("GET", "HEAD", "OPTIONS"):
            return response
        response.vary.add("Origin")
        origin = request.headers.get("Origin", "")
        if origin in origins:
            response.headers["Access-Control-Allow-Origin"] = origin
            response.headers["Access-Control-Allow-Credentials"] = "true"
            if request.method == "OPTIONS":
                response.headers["Access-Control-Allow-Methods"] = "GET"
                if headers:
                    response.headers["Access-Control-Allow-Headers"] = ", ".join(headers)
                response.headers["Access-Control-Max-Age"] = PREFLIGHT_SECONDS
        return response
