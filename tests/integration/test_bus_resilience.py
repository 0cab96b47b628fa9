"""The bus under failure: broker restarts, a killed consumer, readiness while the broker is away."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time

import pytest
from flask import Blueprint, jsonify
from sqlalchemy import func, select

from shared.auth.policy import public
from shared.web.app import build_app
from tests.support import probe
from tests.support.running import amqp_relay, running, stop_process
from tests.support.waiting import eventually

pytestmark = [pytest.mark.integration, pytest.mark.slow, pytest.mark.serial]

TOTAL = 2000


def start_consumer(consumer_url: str, amqp_url: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "tests.support.probe_consumer", consumer_url, amqp_url],
                            cwd=os.getcwd(), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


@pytest.fixture
def databases(postgres):
    urls = postgres.create_database(), postgres.create_database()
    yield urls
    for url in urls:
        postgres.drop_database(url)


def test_2000_events_survive_broker_restarts_and_a_killed_consumer(databases, amqp_url, broker):
    producer_url, consumer_url = databases
    producer = probe.runtime("producer", producer_url, amqp_url)
    consumer = probe.runtime("consumer", consumer_url, amqp_url)
    relay, publisher = amqp_relay(producer, amqp_url, [probe.PROBE])
    process = start_consumer(consumer_url, amqp_url)

    def produce() -> None:
        for start in range(0, TOTAL, 20):
            probe.send(producer, 20, start=start)
            time.sleep(0.02)

    try:
        with running(relay):
            writer = threading.Thread(target=produce)
            writer.start()
            eventually(lambda: probe.applied_count(consumer)[0] > 100, message="first events applied")
            broker.stop()
            time.sleep(1.0)
            broker.start()
            eventually(lambda: probe.applied_count(consumer)[0] > 600, timeout=60, message="flow resumed")
            process.send_signal(signal.SIGKILL)
            process.wait(timeout=10)
            process = start_consumer(consumer_url, amqp_url)
            eventually(lambda: probe.applied_count(consumer)[0] > 1000, timeout=60, message="new consumer applies")
            broker.stop()
            time.sleep(1.0)
            broker.start()
            writer.join(timeout=120)
            eventually(lambda: probe.applied_count(consumer)[1] == TOTAL, timeout=120,
                       message=f"all {TOTAL} events applied")
            eventually(lambda: probe.unsent(producer) == 0, timeout=30, message="outbox drained")
        total, distinct = probe.applied_count(consumer)
        assert distinct == TOTAL, "every committed event was applied"
        assert total == TOTAL, "no event was applied twice"
        with producer.db.session() as s:
            committed = s.execute(select(func.count()).select_from(producer.tables.outbox)).scalar_one()
        assert committed == TOTAL
    finally:
        stop_process(process, timeout=15)
        publisher.stop()
        producer.close()
        consumer.close()


def test_readyz_reports_the_broker_and_reads_go_on(databases, amqp_url, broker):
    producer_url, consumer_url = databases
    producer = probe.runtime("producer", producer_url, amqp_url)
    consumer = probe.runtime("consumer", consumer_url, amqp_url)
    reads = Blueprint("reads", __name__)

    @reads.get("/api/v1/notes")
    @public
    def notes():
        table = producer.metadata.tables["notes"]
        with producer.db.session() as s:
            return jsonify(count=s.execute(select(func.count()).select_from(table)).scalar_one())

    app = build_app(producer, title="probe", description="probe", blueprints=[reads])
    app.extensions["kampus_broker_probe"].ttl = 0.0
    client = app.test_client()
    relay, publisher = amqp_relay(producer, amqp_url, [probe.PROBE])
    from shared.bus.consumer import AmqpConsumer

    try:
        with running(relay, AmqpConsumer(consumer, [probe.PROBE])):
            assert client.get("/readyz").status_code == 200
            broker.stop()
            try:
                response = client.get("/readyz")  # the outbox covers the outage: still ready, and says so
                assert response.status_code == 200
                assert response.get_json()["checks"]["broker"].startswith("RabbitMQ unreachable")
                assert response.get_json()["checks"]["database"] == "ok"
                assert client.get("/healthz").status_code == 200
                assert client.get("/api/v1/notes").get_json() == {"count": 0}
                probe.send(producer, 25)  # committed while the broker is away
                assert probe.unsent(producer) == 25
            finally:
                broker.start()
            eventually(lambda: client.get("/readyz").get_json()["checks"]["broker"] == "ok", timeout=30,
                       message="broker reachable again")
            eventually(lambda: probe.applied_count(consumer) == (25, 25), timeout=60,
                       message="events of the outage delivered")
    finally:
        publisher.stop()
        producer.close()
        consumer.close()
