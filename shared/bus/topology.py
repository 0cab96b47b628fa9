"""Names and declarations of exchanges, queues and policies on RabbitMQ.

The topology is the operator's: it comes with the definitions (`kampus rabbitmq definitions`) or
is declared once with an administrator's credentials (`kampus rabbitmq declare`). Web, relay and
consumer processes never declare anything.

- `kampus.events` (topic): every event, routing key `<organisation>.<type>[.<recipient>]`.
- `<organisation>.<service>.events` (quorum): one consumer's queue. A message the consumer refuses
  or gives up on, and one that outgrows the queue's limits, is dead-lettered by the broker through
  `kampus.dead` into `<organisation>.<service>.dead`.
- `kampus.dead` (direct, internal): written by the broker's dead-lettering only; no client, not even
  an administrator, may publish to an internal exchange.
- `kampus.replay` (topic): an organisation's operator sends its dead letters back through it, keeping
  their original, broker-validated sender; each queue is bound with its consumer's name.
"""
from __future__ import annotations

from collections.abc import Collection, Iterable

from shared.events.catalogue import REGISTRY as CATALOGUE
from shared.events.envelope import routing_key

EVENTS_EXCHANGE = "kampus.events"
DEAD_EXCHANGE = "kampus.dead"
REPLAY_EXCHANGE = "kampus.replay"
# Exchanges a consumer accepts deliveries from: anything else (the default exchange) is refused.
ACCEPTED_EXCHANGES = (EVENTS_EXCHANGE, REPLAY_EXCHANGE)

DELIVERY_LIMIT = 1000  # returns of one message to its queue before the broker dead-letters it (see policies)

EXCHANGES = (  # name, type, internal
    (EVENTS_EXCHANGE, "topic", False),
    (DEAD_EXCHANGE, "direct", True),
    (REPLAY_EXCHANGE, "topic", False),
)


def consumer_name(organisation: str, service: str) -> str:
    """`<organisation>.<service>`: one consuming instance (an organisation may host its own intake)."""
    return f"{organisation}.{service}"


def organisation_of(consumer: str) -> str:
    """The organisation of a consumer named `<organisation>.<service>`."""
    return consumer.split(".", 1)[0]


def events_queue(consumer: str) -> str:
    return f"{consumer}.events"


def dead_queue(consumer: str) -> str:
    return f"{consumer}.dead"


def binding_keys(types: Iterable[str], organisation: str, addressed: Collection[str] | None = None) -> list[str]:
    """Topic bindings of one organisation's consumer for event types sent by any organisation.

    An addressed type is bound only with the consumer's own organisation as recipient
    (`*.<type>.<organisation>`), so the broker never routes another organisation's mail here.
    `addressed` defaults to the addressed types of the network's catalogue.
    """
    if addressed is None:
        addressed = CATALOGUE.addressed_types()
    return [routing_key("*", t, organisation if t in addressed else None) for t in sorted(set(types))]


def queue_arguments(consumer: str) -> dict:
    """A consumer's queue: quorum, and whatever the broker dead-letters goes to its dead-letter queue.

    The dead-letter exchange is an argument, not a policy, so that a refused message is never dropped
    even where the policies are missing.
    """
    return {"x-queue-type": "quorum", "x-dead-letter-exchange": DEAD_EXCHANGE,
            "x-dead-letter-routing-key": consumer}


def dead_queue_arguments() -> dict:
    return {"x-queue-type": "quorum"}


def policies(limits) -> list[dict]:
    """Length and age limits of the consumers' queues and dead-letter queues (`QueueLimits`).

    An events queue that outgrows its limits (nobody consumes it) dead-letters its oldest messages,
    where an operator sees them; a dead-letter queue drops its oldest beyond its own limits. The
    delivery limit is set far beyond the consumer's own retries, the same on every RabbitMQ version
    (RabbitMQ 4 would otherwise dead-letter a message returned 20 times, disconnects included): it is
    only the last guard against a message that crashes its consumer before it can count a failure.
    """
    hour = 3600 * 1000
    return [
        {"name": "kampus-events-limits", "pattern": r"^[a-z0-9][a-z0-9-]*\.[a-z]+\.events$", "apply-to": "queues",
         "priority": 0, "definition": {"max-length": limits.events_max_length, "overflow": "drop-head",
                                       "message-ttl": limits.events_max_age_hours * hour,
                                       "delivery-limit": DELIVERY_LIMIT}},
        {"name": "kampus-dead-limits", "pattern": r"^[a-z0-9][a-z0-9-]*\.[a-z]+\.dead$", "apply-to": "queues",
         "priority": 0, "definition": {"max-length": limits.dead_max_length, "overflow": "drop-head",
                                       "message-ttl": limits.dead_max_age_hours * hour}},
    ]


def declare_exchanges(channel) -> None:
    for name, kind, internal in EXCHANGES:
        channel.exchange_declare(name, exchange_type=kind, durable=True, internal=internal)


def declare_consumer(channel, consumer: str, types: Iterable[str], addressed: Collection[str] | None = None) -> None:
    """Declare a consumer's queue, its bindings and its dead-letter queue (the operator's job)."""
    declare_exchanges(channel)
    queue = events_queue(consumer)
    channel.queue_declare(queue, durable=True, arguments=queue_arguments(consumer))
    for key in binding_keys(types, organisation_of(consumer), addressed):
        channel.queue_bind(queue, EVENTS_EXCHANGE, routing_key=key)
    channel.queue_bind(queue, REPLAY_EXCHANGE, routing_key=consumer)
    channel.queue_declare(dead_queue(consumer), durable=True, arguments=dead_queue_arguments())
    channel.queue_bind(dead_queue(consumer), DEAD_EXCHANGE, routing_key=consumer)


def declare_network(channel, consumers: dict[str, Iterable[str]], addressed: Collection[str] | None = None) -> None:
    """Declare the queues of the network's consumers (`<org>.<service>` -> types)."""
    for consumer, types in consumers.items():
        declare_consumer(channel, consumer, types, addressed)
