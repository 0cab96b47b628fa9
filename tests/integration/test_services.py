"""Each service's app: health, readiness, metrics, OpenAPI, error shape, migrations on PostgreSQL."""
from __future__ import annotations

import uuid

import pytest
from sqlalchemy import inspect

from shared.config import Config
from shared.embedded import definition
from shared.events.catalogue import SERVICES

pytestmark = pytest.mark.integration


@pytest.fixture(params=SERVICES)
def service(request):
    return request.param


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request, tmp_path, postgres):
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'svc.sqlite3'}"
    else:
        url = postgres.create_database()
        yield url
        postgres.drop_database(url)


def make_app(service, database_url, amqp_url=None):
    config = Config(service=service, database_url=database_url, amqp_url=amqp_url, testing=True)
    return definition(service).create_app(config)


def test_service_starts_migrated_and_healthy(service, database_url):
    app = make_app(service, database_url)
    client = app.test_client()
    assert client.get("/healthz").get_json() == {"service": service, "status": "ok"}
    ready = client.get("/readyz")
    assert ready.status_code == 200 and ready.get_json()["checks"] == {"database": "ok", "broker": "ok"}
    runtime = app.extensions["kampus"]
    tables = set(inspect(runtime.db.engine).get_table_names())
    assert {"outbox", "inbox", "alembic_version"} <= tables
    runtime.close()


def test_metrics_openapi_docs_and_error_shape(service, sqlite_url):
    app = make_app(service, sqlite_url)
    client = app.test_client()
    client.get("/healthz")
    metrics = client.get("/metrics").get_data(as_text=True)
    for name in ("http_requests_total", "http_request_duration_seconds_bucket", "events_published_total",
                 "events_consumed_total", "events_failed_total", "events_dead_lettered_total", "outbox_backlog"):
        assert name in metrics
    spec = client.get("/api/openapi.json").get_json()
    assert spec["openapi"].startswith("3.") and spec["info"]["version"] == "v1"
    assert client.get("/api/docs").status_code == 200
    missing = client.get("/api/v1/does-not-exist")
    assert missing.status_code == 404
    assert set(missing.get_json()["error"]) == {"code", "message", "fields"}
    assert missing.headers["X-Content-Type-Options"] == "nosniff"
    app.extensions["kampus"].close()


def test_correlation_id_is_echoed_or_created(sqlite_url):
    app = make_app("intake", sqlite_url)
    client = app.test_client()
    given = client.get("/healthz", headers={"X-Correlation-ID": "req-1234567890"})
    assert given.headers["X-Correlation-ID"] == "req-1234567890"
    created = client.get("/healthz", headers={"X-Correlation-ID": "bad id with spaces"})
    made = created.headers["X-Correlation-ID"]
    assert made != "bad id with spaces" and len(made) == 32
    app.extensions["kampus"].close()


def test_web_stays_ready_while_the_broker_is_unreachable_and_says_so(sqlite_url):
    """The outbox covers a broker outage: the web keeps serving and its health detail names the outage."""
    app = make_app("intake", sqlite_url, amqp_url="amqp://guest:guest@127.0.0.1:1/%2F")
    runtime = app.extensions["kampus"]
    with runtime.work() as work:  # two events committed while the broker is away
        for _ in range(2):
            work.emit("intake.client.erased", {"client_id": str(uuid.uuid4())})
    response = app.test_client().get("/readyz")
    body = response.get_json()
    assert response.status_code == 200 and body["status"] == "ready"
    assert body["checks"]["database"] == "ok"
    assert body["checks"]["broker"].startswith("RabbitMQ unreachable")
    assert body["checks"]["broker"].endswith("events wait in the outbox")
    assert body["outbox"]["backlog"] == 2 and body["outbox"]["oldest_age_seconds"] >= 0
    runtime.close()


def test_web_is_not_ready_without_its_database(tmp_path):
    app = make_app("reporting", f"sqlite:///{tmp_path / 'gone.sqlite3'}")
    (tmp_path / "gone.sqlite3").unlink()
    (tmp_path / "gone.sqlite3").mkdir()  # the file is now a directory: SQLite cannot open it
    app.extensions["kampus"].db.dispose()
    response = app.test_client().get("/readyz")
    assert response.status_code == 503
    assert response.get_json()["checks"]["database"].startswith("unreachable")
    assert response.get_json()["status"] == "unavailable"
    app.extensions["kampus"].close()
