"""Health that tells the truth: the real relay and consumer processes on RabbitMQ and PostgreSQL.

Each test starts `python -m services.<service>.relay|consumer` as the image does and asks its
METRICS_PORT what an orchestrator and Prometheus would ask: /readyz, /healthz and /metrics.
"""
from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
import urllib.error
import urllib.request
import uuid
from contextlib import contextmanager
from urllib.parse import unquote, urlsplit

import pika
import psycopg
import pytest

from shared.bus import topology
from shared.config import Config
from shared.embedded import definition
from shared.events.catalogue import subscriptions
from shared.events.envelope import new_event
from tests.support.running import stop_process
from tests.support.waiting import eventually

pytestmark = [pytest.mark.integration, pytest.mark.slow]

DEFAULT_LIMIT = Config(service="intake", database_url="sqlite://").health_max_event_age


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(port: int, path: str) -> tuple[int, str]:
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    try:
        with opener.open(f"http://127.0.0.1:{port}{path}", timeout=10) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode()
    except OSError:
        return 0, ""  # not listening yet


def readiness(port: int) -> tuple[int, dict]:
    status, text = get(port, "/readyz")
    return status, json.loads(text) if status else {}


def check(port: int, name: str) -> str | None:
    return readiness(port)[1].get("checks", {}).get(name)


def metric(port: int, name: str, **labels) -> float | None:
    """One sample of the process's /metrics, or None when it is not exported."""
    _, text = get(port, "/metrics")
    wanted = ",".join(f'{k}="{v}"' for k, v in sorted(labels.items()))  # the exposition sorts them
    match = re.search(rf"^{name}{{{re.escape(wanted)}}} (\S+)$", text, re.MULTILINE)
    return float(match.group(1)) if match else None


@contextmanager
def process(module: str, **env: str):
    """Run a service process with these settings on top of the test's environment."""
    settings = {**os.environ, "LOG_LEVEL": "WARNING", "KAMPUS_DATA_DIR": "/nonexistent", **env}
    proc = subprocess.Popen([sys.executable, "-m", module], env=settings, cwd=os.getcwd(),
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        yield proc
    finally:
        stop_process(proc, timeout=30)


def vhost_of(url: str) -> str:
    return unquote(urlsplit(url).path.lstrip("/"))


def declare(amqp_url: str, *consumers: tuple[str, str]) -> None:
    """Declare, as the operator does, the queues of these (organisation, service) consumers."""
    connection = pika.BlockingConnection(pika.URLParameters(amqp_url))
    topology.declare_network(connection.channel(), {topology.consumer_name(org, service): subscriptions()[service]
                                                    for org, service in consumers})
    connection.close()


@pytest.fixture
def relay_user(broker, amqp_url):
    """An AMQP user that may connect and write, but whose topic permission refuses every routing key."""
    name = f"e-health-relay-{uuid.uuid4().hex[:8]}"
    url = broker.add_user(amqp_url, name, "health-test")
    declare(amqp_url, ("verkosto", "reporting"))  # a queue the relay's events are routed to
    broker.rabbitmqctl("set_topic_permissions", "-p", vhost_of(amqp_url), name, "kampus.events", "^$", ".*")
    yield name, url
    broker.delete_user(name)


def test_a_relay_that_cannot_publish_turns_red_and_its_backlog_age_up_within_a_minute(
        pg_url, amqp_url, broker, relay_user):
    name, url = relay_user
    port = free_port()
    with process("services.intake.relay", DATABASE_URL=pg_url, AMQP_URL=url, KAMPUS_ORG="sataedu",
                 METRICS_PORT=str(port)) as relay:
        # Connected, nothing waiting: ready.
        eventually(lambda: readiness(port)[0] == 200, timeout=60, message="relay ready")
        assert metric(port, "broker_connected", service="intake", role="relay") == 1.0
        assert metric(port, "outbox_backlog", service="intake") == 0.0

        runtime = definition("intake").runtime(Config(service="intake", database_url=pg_url, testing=True,
                                                      migrate_on_start=False, organisation="sataedu"))
        try:
            with runtime.work() as work:  # committed by the web; the broker refuses the relay's publish
                work.emit("intake.client.erased", {"client_id": str(uuid.uuid4())})
            # Its connection comes and goes as the broker closes the channel of each refused publish; the
            # outbox check turns red once the event has waited longer than the limit, and stays red.
            eventually(lambda: check(port, "outbox") != "ok", timeout=60, message="outbox check red within a minute")
            status, body = readiness(port)
            assert status == 503 and body["status"] == "unavailable" and body["checks"]["database"] == "ok"
            assert body["checks"]["outbox"].startswith("the oldest unsent event has waited")
            assert "ACCESS_REFUSED" in body["checks"]["outbox"]
            assert body["outbox"]["backlog"] == 1
            assert metric(port, "outbox_backlog", service="intake") == 1.0
            assert metric(port, "outbox_oldest_age_seconds", service="intake") > DEFAULT_LIMIT
            assert metric(port, "process_ready", service="intake", role="relay") == 0.0
            assert get(port, "/healthz")[0] == 200, "stuck, not dead: the loop still comes round"

            # The operator grants the organisation's routing keys: the event goes, readiness turns green.
            broker.rabbitmqctl("set_topic_permissions", "-p", vhost_of(amqp_url), name, "kampus.events",
                               r"^sataedu\.", ".*")
            eventually(lambda: readiness(port)[0] == 200, timeout=60, message="relay ready again")
            assert runtime.outbox_state().backlog == 0
            assert metric(port, "outbox_oldest_age_seconds", service="intake") == 0.0
        finally:
            runtime.close()
        assert relay.poll() is None, relay.stderr.read().decode()[-2000:]


def test_a_relay_without_a_broker_connection_is_red_at_once(pg_url, amqp_url):
    port = free_port()
    refused = amqp_url.replace("guest:guest@", "guest:wrong-password@")
    with process("services.intake.relay", DATABASE_URL=pg_url, AMQP_URL=refused, KAMPUS_ORG="sataedu",
                 METRICS_PORT=str(port)):
        eventually(lambda: readiness(port)[0] == 503, timeout=60, message="relay answers not ready")
        body = readiness(port)[1]
        assert body["checks"]["broker"].startswith("not connected")
        assert body["checks"]["outbox"] == "ok" and body["checks"]["database"] == "ok"
        assert metric(port, "broker_connected", service="intake", role="relay") == 0.0


def publish(amqp_url: str, envelope) -> None:
    connection = pika.BlockingConnection(pika.URLParameters(amqp_url))
    channel = connection.channel()
    channel.confirm_delivery()
    channel.basic_publish("kampus.events", envelope.routing_key, envelope.to_json().encode(),
                          pika.BasicProperties(message_id=envelope.id, type=envelope.type, user_id="guest",
                                               content_type="application/json", delivery_mode=2),
                          mandatory=True)
    connection.close()


def inbox_has(pg_url: str, event_id: str) -> bool:
    with psycopg.connect(pg_url.replace("+psycopg", "")) as conn:
        return conn.execute("SELECT count(*) FROM inbox WHERE event_id = %s", (event_id,)).fetchone()[0] == 1


def test_a_consumer_that_makes_no_progress_turns_red_and_green_again(pg_url, amqp_url):
    port, limit = free_port(), 2.0
    declare(amqp_url, ("verkosto", "reporting"))
    with process("services.reporting.consumer", DATABASE_URL=pg_url, AMQP_URL=amqp_url, KAMPUS_ORG="verkosto",
                 AMQP_TRUSTED_USERS="guest", METRICS_PORT=str(port), HEALTH_MAX_EVENT_AGE=str(limit)) as consumer:
        eventually(lambda: readiness(port)[0] == 200, timeout=60, message="consumer ready")
        body = readiness(port)[1]
        assert body["checks"] == {"database": "ok", "broker": "ok", "progress": "ok"}
        assert body["queue"]["name"] == "verkosto.reporting.events"
        eventually(lambda: metric(port, "dead_letter_messages", queue="verkosto.reporting.dead") == 0.0,
                   timeout=30, message="dead-letter queue depth exported")

        event = new_event("intake.client.erased", {"client_id": str(uuid.uuid4())}, organisation="sataedu",
                          service="intake")
        # Another transaction holds the inbox: the consumer's batch waits on it and cannot finish.
        with psycopg.connect(pg_url.replace("+psycopg", "")) as blocker:
            blocker.execute("LOCK TABLE inbox IN ACCESS EXCLUSIVE MODE")
            publish(amqp_url, event)
            eventually(lambda: readiness(port)[0] == 503, timeout=60, message="consumer readiness red")
            body = readiness(port)[1]
            assert body["checks"]["progress"].startswith("a batch has been applied for")
            assert body["checks"]["broker"] == "ok"
            assert get(port, "/healthz")[0] == 200
            blocker.rollback()
        eventually(lambda: readiness(port)[0] == 200, timeout=60, message="consumer ready again")
        assert inbox_has(pg_url, event.id)
        assert metric(port, "consumer_lag_seconds", consumer="verkosto.reporting") >= limit
        assert metric(port, "events_consumed_total", type="intake.client.erased") == 1.0
        assert consumer.poll() is None
