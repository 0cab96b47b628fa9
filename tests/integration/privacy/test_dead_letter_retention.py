"""RabbitMQ's dead letters past the retention period are dropped; younger ones and those of unknown age stay."""
from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pika
import pytest

from shared.bus import topology
from shared.bus.amqp import parameters
from shared.bus.deadletters import expire, list_dead

pytestmark = pytest.mark.integration
CONSUMER = "sataedu.intake"
NOW = datetime(2026, 6, 1, 12, 0, tzinfo=UTC)


def dead_letter(channel, event_id: str, when: datetime | None) -> None:
    death = [{"time": when.replace(tzinfo=None), "reason": "rejected", "queue": CONSUMER, "count": 1,
              "exchange": "kampus.events", "routing-keys": ["sataedu.intake.client.registered"]}] if when else []
    channel.basic_publish("", topology.dead_queue(CONSUMER), b"{}", pika.BasicProperties(
        message_id=event_id, type="intake.client.registered", delivery_mode=2,
        headers={"x-death": death} if death else {}))


def test_expire_drops_only_the_dead_letters_older_than_the_cutoff(amqp_url):
    connection = pika.BlockingConnection(parameters(amqp_url, "test-dead-letters"))
    channel = connection.channel()
    channel.queue_declare(topology.dead_queue(CONSUMER), durable=True, arguments=topology.dead_queue_arguments())
    channel.confirm_delivery()
    dead_letter(channel, "old", NOW - timedelta(days=100))
    dead_letter(channel, "young", NOW - timedelta(days=10))
    dead_letter(channel, "unknown", None)
    connection.close()

    cutoff = NOW - timedelta(days=90)
    assert expire(amqp_url, CONSUMER, cutoff, dry_run=True) == (1, 0)
    assert sorted(i["event_id"] for i in list_dead(amqp_url, CONSUMER)) == ["old", "unknown", "young"]
    assert expire(amqp_url, CONSUMER, cutoff) == (1, 1)
    assert sorted(i["event_id"] for i in list_dead(amqp_url, CONSUMER)) == ["unknown", "young"]
    assert expire(amqp_url, CONSUMER, cutoff) == (0, 0)
