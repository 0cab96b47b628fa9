"""Seeing and replaying a service's dead-lettered events on RabbitMQ."""
from __future__ import annotations

import pika

from shared.bus import topology
from shared.bus.amqp import parameters, user_of


def _decode(value):
    return value.decode() if isinstance(value, bytes) else value


def list_dead(url: str, consumer: str, limit: int = 1000) -> list[dict]:
    """Read the dead-letter queue without removing anything from it."""
    connection = pika.BlockingConnection(parameters(url, f"{consumer}-dead-letters"))
    try:
        channel = connection.channel()
        items = []
        for _ in range(limit):
            method, props, _body = channel.basic_get(topology.dead_queue(consumer), auto_ack=False)
            if method is None:
                break
            headers = props.headers or {}
            items.append({
                "event_id": props.message_id, "type": props.type,
                "attempts": int(headers.get(topology.ATTEMPTS_HEADER, 0)),
                "error": _decode(headers.get(topology.ERROR_HEADER)),
                "routing_key": _decode(headers.get(topology.ORIGINAL_KEY_HEADER)),
                "sender": _decode(headers.get(topology.ORIGINAL_USER_HEADER)),
            })
        channel.close()  # unacknowledged messages go back to the queue
        return items
    finally:
        connection.close()


def replay(url: str, consumer: str, event_id: str | None = None, limit: int = 100000) -> int:
    """Send dead letters (all, or one event) back to the consumer's queue with fresh attempts."""
    connection = pika.BlockingConnection(parameters(url, f"{consumer}-replay"))
    replayed = 0
    try:
        channel = connection.channel()
        channel.confirm_delivery()
        user = user_of(url)
        keep = []
        for _ in range(limit):
            method, props, body = channel.basic_get(topology.dead_queue(consumer), auto_ack=False)
            if method is None:
                break
            if event_id and props.message_id != event_id:
                keep.append(method.delivery_tag)
                continue
            headers = dict(props.headers or {})
            headers[topology.ATTEMPTS_HEADER] = 0
            headers.pop(topology.ERROR_HEADER, None)
            new_props = pika.BasicProperties(
                message_id=props.message_id, type=props.type, content_type=props.content_type,
                delivery_mode=pika.DeliveryMode.Persistent, user_id=user, headers=headers,
                timestamp=props.timestamp)
            channel.basic_publish("", topology.events_queue(consumer), body, new_props, mandatory=True)
            channel.basic_ack(method.delivery_tag)
            replayed += 1
        for tag in keep:
            channel.basic_nack(tag, requeue=True)
        channel.close()
        return replayed
    finally:
        connection.close()
