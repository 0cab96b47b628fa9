"""Seeing and replaying a consumer's dead-lettered events on RabbitMQ (the organisation's operator).

The broker dead-letters a message with its properties unchanged, so a dead letter still carries
the `user_id` the broker validated when it was first published, and the broker's own `x-death`
record says from which queue, why, and with which routing key. Replay sends it back through
`kampus.replay` to the consumer's queue with that same `user_id`, which takes an operator user with
RabbitMQ's `impersonator` tag (`<organisation>.operator`, see `shared.bus.definitions`); the
consumer checks its sender again as for any other message.
"""
from __future__ import annotations

import pika

from shared.bus import topology
from shared.bus.amqp import parameters


def _decode(value):
    return value.decode() if isinstance(value, bytes) else value


def _death(props) -> dict:
    """The broker's record of the last time this message was dead-lettered."""
    deaths = (props.headers or {}).get("x-death") or [{}]
    return deaths[0] if isinstance(deaths[0], dict) else {}


def describe(props) -> dict:
    """What an operator needs to know of a dead letter (the error is in the consumer's log, by event id)."""
    death = _death(props)
    keys = [_decode(k) for k in death.get("routing-keys") or ()]
    when = death.get("time")
    return {"event_id": props.message_id, "type": props.type, "sender": _decode(props.user_id),
            "reason": _decode(death.get("reason")), "routing_key": keys[0] if keys else None,
            "queue": _decode(death.get("queue")), "dead_lettered_at": when.isoformat() if when else None}


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
            items.append(describe(props))
        channel.close()  # unacknowledged messages go back to the queue
        return items
    finally:
        connection.close()


def replay(url: str, consumer: str, event_id: str | None = None, limit: int = 100000) -> int:
    """Send dead letters (all, or one event) back to the consumer's queue, each with its original sender.

    Only the messages waiting when it starts: one the consumer refuses again while the replay runs comes
    back to the dead-letter queue and stays there.
    """
    connection = pika.BlockingConnection(parameters(url, f"{consumer}-replay"))
    replayed = 0
    try:
        channel = connection.channel()
        channel.confirm_delivery()
        queue = topology.dead_queue(consumer)
        waiting = channel.queue_declare(queue, passive=True).method.message_count
        keep, seen = [], set()
        for _ in range(min(limit, waiting)):
            method, props, body = channel.basic_get(queue, auto_ack=False)
            if method is None:
                break
            if (event_id and props.message_id != event_id) or props.message_id in seen:
                keep.append(method.delivery_tag)
                continue
            seen.add(props.message_id)
            again = pika.BasicProperties(
                message_id=props.message_id, type=props.type, content_type=props.content_type,
                delivery_mode=pika.DeliveryMode.Persistent, user_id=props.user_id, timestamp=props.timestamp,
                headers={"x-death": (props.headers or {}).get("x-death") or []})
            channel.basic_publish(topology.REPLAY_EXCHANGE, consumer, body, again, mandatory=True)
            channel.basic_ack(method.delivery_tag)
            replayed += 1
        for tag in keep:
            channel.basic_nack(tag, requeue=True)
        channel.close()
        return replayed
    finally:
        connection.close()


def expire(url: str, consumer: str, cutoff, dry_run: bool = False, limit: int = 100000) -> tuple[int, int]:
    """Drop dead letters dead-lettered before `cutoff` (the retention schedule); (found, dropped).

    The broker's own age limit (the dead-letter queues' policy) is the backstop; this applies the
    controller's shorter or longer period. A dead letter whose moment is unknown is kept.
    """
    connection = pika.BlockingConnection(parameters(url, f"{consumer}-retention"))
    found = dropped = 0
    try:
        channel = connection.channel()
        queue = topology.dead_queue(consumer)
        waiting = channel.queue_declare(queue, passive=True).method.message_count
        keep = []
        for _ in range(min(limit, waiting)):
            method, props, _body = channel.basic_get(queue, auto_ack=False)
            if method is None:
                break
            when = _death(props).get("time")
            if when is not None and when.tzinfo is None:
                when = when.replace(tzinfo=cutoff.tzinfo)
            if when is not None and when < cutoff:
                found += 1
                if not dry_run:
                    channel.basic_ack(method.delivery_tag)
                    dropped += 1
                    continue
            keep.append(method.delivery_tag)
        for tag in keep:
            channel.basic_nack(tag, requeue=True)
        channel.close()
        return found, dropped
    finally:
        connection.close()
