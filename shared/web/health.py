"""Liveness, readiness and Prometheus metrics endpoints."""
from __future__ import annotations

import hmac
import threading
import time

import pika
from flask import Blueprint, Response, current_app, jsonify, request
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest

from shared.bus.amqp import parameters
from shared.health import OK, Report, database_check
from shared.web.errors import error_body


class BrokerProbe:
    """Checks that RabbitMQ accepts a connection; caches the answer briefly."""

    def __init__(self, url: str | None, ttl: float = 2.0) -> None:
        self.url = url
        self.ttl = ttl
        self._lock = threading.Lock()
        self._checked_at = 0.0
        self._error: str | None = None

    def check(self) -> str | None:
        """None when reachable, else the reason."""
        if self.url is None:
            return None  # embedded transport: the broker is this process
        with self._lock:
            if time.monotonic() - self._checked_at < self.ttl:
                return self._error
            try:
                params = parameters(self.url, "readyz")
                params.socket_timeout = 2
                params.blocked_connection_timeout = 2
                connection = pika.BlockingConnection(params)
                connection.close()
                self._error = None
            except Exception as exc:
                self._error = f"RabbitMQ unreachable: {type(exc).__name__}"
            self._checked_at = time.monotonic()
            return self._error


def _metrics_refusal():
    """None when this request may read the metrics, else the answer that says no."""
    expected = current_app.config.get("METRICS_TOKEN")
    if not expected:
        if current_app.config.get("METRICS_PUBLIC", True):
            return None
        return jsonify(error_body(404, "Metrics are not served without METRICS_TOKEN in production")), 404
    scheme, _, given = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() == "bearer" and hmac.compare_digest(given.strip().encode(), expected.encode()):
        return None
    response = jsonify(error_body(401, "Send the metrics token"))
    response.headers["WWW-Authenticate"] = 'Bearer realm="metrics"'
    return response, 401


def blueprint() -> Blueprint:
    bp = Blueprint("health", __name__)

    @bp.get("/healthz")
    def healthz():
        """The process is alive."""
        return jsonify(status="ok", service=current_app.config["SERVICE"])

    @bp.get("/readyz")
    def readyz():
        """Ready while the database answers; a broker outage is reported but does not stop the web.

        Requests write their events to the outbox, and the relay publishes them once the broker
        is back, so taking the web out of service while RabbitMQ is away would only add an outage.
        """
        runtime = current_app.extensions["kampus"]
        broker_error = current_app.extensions["kampus_broker_probe"].check()
        checks = {"database": database_check(runtime.db),
                  "broker": OK if broker_error is None else f"{broker_error}; events wait in the outbox"}
        detail = {}
        if runtime.config.amqp_url is not None:
            try:
                state = runtime.outbox_state()
                detail["outbox"] = {"backlog": state.backlog, "oldest_age_seconds": round(state.oldest_age(), 1)}
            except Exception:
                pass  # the database check already says why
        report = Report(runtime.name, checks, detail, required=("database",))
        return jsonify(report.body()), 200 if report.ready else 503

    @bp.get("/metrics")
    def metrics():
        """Prometheus text format: with METRICS_TOKEN set, for its bearer only; in production never without."""
        refusal = _metrics_refusal()
        if refusal is not None:
            return refusal
        runtime = current_app.extensions["kampus"]
        return Response(generate_latest(runtime.metrics.registry), mimetype=CONTENT_TYPE_LATEST)

    return bp
