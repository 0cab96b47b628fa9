"""A relay's or consumer's /metrics port asks for the metrics token as a web process's /metrics does."""
from __future__ import annotations

from prometheus_client import CollectorRegistry, Counter
from werkzeug.test import Client

from shared.health import OK, Report, probe_app


def _client(token: str | None) -> Client:
    registry = CollectorRegistry()
    Counter("kampus_probe_test", "a sample", registry=registry).inc()
    ready = lambda: Report(service="intake", checks={"database": OK})  # noqa: E731
    return Client(probe_app(registry, ready, lambda: OK, metrics_token=token))


def test_metrics_need_the_bearer_token_when_one_is_set():
    client = _client("s3cret-metrics-token")
    assert client.get("/metrics").status_code == 401
    assert client.get("/metrics", headers={"Authorization": "Bearer wrong"}).status_code == 401
    answer = client.get("/metrics", headers={"Authorization": "Bearer s3cret-metrics-token"})
    assert answer.status_code == 200 and b"kampus_probe_test_total 1.0" in answer.data


def test_health_stays_open_for_the_orchestrator_and_metrics_are_open_without_a_token():
    client = _client("s3cret-metrics-token")
    assert client.get("/healthz").status_code == 200
    assert client.get("/readyz").status_code == 200
    assert _client(None).get("/metrics").status_code == 200
