"""Readiness reports and the small HTTP server that relays and consumers answer probes on.

A web process answers /healthz, /readyz and /metrics through Flask (shared/web/health.py). A
relay or a consumer has no web app, so it serves the same three paths on METRICS_PORT with the
standard library's WSGI server: what an orchestrator probes and what Prometheus scrapes.
"""
from __future__ import annotations

import hmac
import json
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from socketserver import ThreadingMixIn
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

from prometheus_client import CollectorRegistry, make_wsgi_app

OK = "ok"


@dataclass
class Report:
    """What a readiness probe answers: each check 'ok' or the problem, and figures that explain it."""

    service: str
    checks: dict[str, str]
    detail: dict = field(default_factory=dict)
    required: tuple[str, ...] | None = None  # the checks readiness depends on; None: all of them

    @property
    def ready(self) -> bool:
        names = self.checks if self.required is None else self.required
        return all(self.checks.get(name) == OK for name in names)

    def body(self) -> dict:
        return {"status": "ready" if self.ready else "unavailable", "service": self.service,
                "checks": self.checks, **self.detail}


def database_check(db) -> str:
    """'ok' when the database answers, else why not (the exception's type: no URL, no password)."""
    try:
        db.ping()
        return OK
    except Exception as exc:
        return f"unreachable: {type(exc).__name__}"


class _QuietHandler(WSGIRequestHandler):
    """Probes come every few seconds: no access log line for each."""

    def log_message(self, format, *args) -> None:  # noqa: A002 (the standard library's name)
        pass


class _ThreadingServer(ThreadingMixIn, WSGIServer):
    daemon_threads = True
    allow_reuse_address = True


def probe_app(registry: CollectorRegistry, ready: Callable[[], Report], alive: Callable[[], str],
              metrics_token: str | None = None):
    """A WSGI app: /healthz (alive), /readyz (the report), anything else Prometheus metrics.

    With `metrics_token` the metrics answer only `Authorization: Bearer <token>`, as a web process's do.
    """
    metrics = make_wsgi_app(registry)

    def app(environ, start_response):
        path = environ.get("PATH_INFO", "")
        if path == "/healthz":
            problem = alive()
            status, body = ("200 OK", {"status": "ok"}) if problem == OK else \
                ("503 Service Unavailable", {"status": "unavailable", "problem": problem})
        elif path == "/readyz":
            report = ready()
            status, body = ("200 OK" if report.ready else "503 Service Unavailable"), report.body()
        elif metrics_token and not _bearer_is(environ.get("HTTP_AUTHORIZATION", ""), metrics_token):
            status, body = "401 Unauthorized", {"status": "unauthorized", "problem": "Send the metrics token"}
        else:
            return metrics(environ, start_response)
        data = json.dumps(body).encode()
        start_response(status, [("Content-Type", "application/json"), ("Content-Length", str(len(data))),
                                ("Cache-Control", "no-store")])
        return [data]

    return app


def _bearer_is(header: str, expected: str) -> bool:
    scheme, _, given = header.partition(" ")
    return scheme.lower() == "bearer" and hmac.compare_digest(given.strip().encode(), expected.encode())


class ProbeServer:
    """Serves a probe app on a port in a daemon thread until stopped."""

    def __init__(self, port: int, app, host: str = "0.0.0.0") -> None:
        self.server = make_server(host, port, app, server_class=_ThreadingServer, handler_class=_QuietHandler)
        self.thread = threading.Thread(target=self.server.serve_forever, name="probes", daemon=True)

    @property
    def port(self) -> int:
        return self.server.server_address[1]

    def start(self) -> ProbeServer:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()
