"""Per-request correlation ids, metrics, access logs and security headers."""
from __future__ import annotations

import re
import time
from urllib.parse import urlsplit

import structlog
from flask import Flask, g, request

from shared.auth.policy import is_static
from shared.logs import new_correlation_id, reset_correlation_id, set_correlation_id

log = structlog.get_logger("kampus.http")
_CID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")

CSP = ("default-src 'self'; img-src 'self' data:; style-src 'self'; "
       "script-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'")
SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
    "Content-Security-Policy": CSP,
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
}
HSTS = "max-age=31536000; includeSubDomains"


def network_origins(urls) -> list[str]:
    """The origins (scheme://host[:port]) of the network's absolute service addresses, sorted."""
    origins = set()
    for url in urls:
        parts = urlsplit(url or "")
        host = parts.netloc.rsplit("@", 1)[-1]  # never credentials written into an address
        if parts.scheme in ("http", "https") and host:
            origins.add(f"{parts.scheme}://{host}")
    return sorted(origins)


def network_urls(app: Flask) -> list[str]:
    """The network's service addresses as this app's configuration knows them: its links and the intakes."""
    return [*app.config.get("KAMPUS_LINKS", {}).values(), *app.config.get("KAMPUS_INTAKES", {}).values()]


def content_security_policy(urls, reads=()) -> str:
    """The policy, whose `form-action` also admits the network's other services: a form's answer may send the
    browser on to one of them (the login to a manager's own intake on another host or port), and browsers hold a
    redirect after a form to `form-action` too. Its `connect-src` admits the origins of `reads`, the addresses the
    page's scripts ask (shared.web.cors): the portal for the header's notification counter, matching for intake's
    client card."""
    policy = CSP.replace("form-action 'self'", " ".join(["form-action 'self'", *network_origins(urls)]))
    connect = network_origins(reads)
    return f"{policy}; connect-src 'self' {' '.join(connect)}" if connect else policy


def register(app: Flask, metrics) -> None:
    links = app.config.get("KAMPUS_LINKS", {})
    reads = [links.get(service, "") for service in app.config.get("KAMPUS_PAGE_READS", ("portal",))]
    headers = {**SECURITY_HEADERS, "Content-Security-Policy": content_security_policy(network_urls(app), reads)}

    @app.before_request
    def _start():
        incoming = request.headers.get("X-Correlation-ID", "")
        g.correlation_id = incoming if _CID.match(incoming) else new_correlation_id()
        g.cid_token = set_correlation_id(g.correlation_id)
        g.started = time.perf_counter()

    @app.after_request
    def _finish(response):
        endpoint = request.url_rule.rule if request.url_rule else "unmatched"
        elapsed = time.perf_counter() - g.get("started", time.perf_counter())
        metrics.requests.labels(request.method, endpoint, str(response.status_code)).inc()
        metrics.latency.labels(endpoint).observe(elapsed)
        response.headers["X-Correlation-ID"] = g.get("correlation_id", "")
        for key, value in headers.items():
            response.headers.setdefault(key, value)
        if not is_static(request.endpoint):
            # Pages and API answers may hold personal data: no browser or proxy may keep a copy.
            response.headers["Cache-Control"] = "no-store"
        if request.is_secure or app.config.get("HTTPS_ONLY"):
            # Also behind a TLS-terminating proxy that talks plain HTTP to us (HTTPS_ONLY).
            response.headers.setdefault("Strict-Transport-Security", HSTS)
        if endpoint not in ("/healthz", "/readyz", "/metrics"):
            # The path pattern, never the concrete URL or query: no personal data in logs.
            log.info("request", method=request.method, route=endpoint, status=response.status_code,
                     ms=round(elapsed * 1000, 1))
        return response

    @app.teardown_request
    def _reset(_exc):
        token = g.pop("cid_token", None)
        if token is not None:
            reset_correlation_id(token)
