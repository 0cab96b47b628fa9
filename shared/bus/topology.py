"""Names and declarations of exchanges and queues on RabbitMQ."""
from __future__ import annotations

from typing import Collection, Iterable, Sequence

from shared.events.catalogue import REGISTRY as CATALOGUE
from shared.events.envelope import routing_key

EVENTS_EXCHANGE = "kampus.events"
RETRY_EXCHANGE = "kampus.retry"
DEAD_EXCHANGE = "kampus.dead"
ATTEMPTS_HEADER = "x-kampus-attempts"
ERROR_HEADER = "x-kampus-error"
ORIGINAL_USER_HEADER = "x-kampus-original-user"
ORIGINAL_KEY_HEADER = "x-kampus-original-routing-key"


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


def retry_queue(consumer: str, delay: float) -> str:
    """A retry queue per delay; the delay is in the name so a changed delay never clashes."""
    return f"{consumer}.retry.{int(delay * 1000)}ms"


def binding_keys(types: Iterable[str], organisation: str, addressed: Collection[str] | None = None) -> list[str]:
    """Topic bindings of one organisation's consumer for event types sent by any organisation.

    An addressed type is bound only with the consumer's own organisation as recipient
    (`*.<type>.<organisation>`), so the broker never routes another organisation's mail here.
    `addressed` defaults to the addressed types of the network's catalogue.
    """
    if addressed is None:
        addressed = CATALOGUE.addressed_types()
    return [routing_key("*", t, organisation if t in addressed else None) for t in sorted(set(types))]


def queue_arguments() -> dict:
    return {"x-queue-type": "quorum"}


def retry_arguments(consumer: str, delay: float) -> dict:
    return {"x-message-ttl": int(delay * 1000), "x-dead-letter-exchange": "",
            "x-dead-letter-routing-key": events_queue(consumer)}


def declare_exchanges(channel) -> None:
    channel.exchange_declare(EVENTS_EXCHANGE, exchange_type="topic", durable=True)
    channel.exchange_declare(RETRY_EXCHANGE, exchange_type="direct", durable=True)
    channel.exchange_declare(DEAD_EXCHANGE, exchange_type="direct", durable=True)


def declare_consumer(channel, consumer: str, types: Iterable[str], retry_delays: Sequence[float],
                     addressed: Collection[str] | None = None) -> None:
    """Declare a consumer's queue, bindings, retry queues and dead-letter queue."""
    declare_exchanges(channel)
    queue = events_queue(consumer)
    channel.queue_declare(queue, durable=True, arguments=queue_arguments())
    for key in binding_keys(types, organisation_of(consumer), addressed):
        channel.queue_bind(queue, EVENTS_EXCHANGE, routing_key=key)
    for delay in retry_delays:
        name = retry_queue(consumer, delay)
        channel.queue_declare(name, durable=True, arguments=retry_arguments(consumer, delay))
        channel.queue_bind(name, RETRY_EXCHANGE, routing_key=name)
    channel.queue_declare(dead_queue(consumer), durable=True, arguments=queue_arguments())
    channel.queue_bind(dead_queue(consumer), DEAD_EXCHANGE, routing_key=consumer)


def declare_network(channel, consumers: dict[str, Iterable[str]], retry_delays: Sequence[float],
                    addressed: Collection[str] | None = None) -> None:
    """Declare the queues of known consumers (`<org>.<service>` -> types) so nothing is unroutable."""
    for consumer, types in consumers.items():
        declare_consumer(channel, consumer, types, retry_delays, addressed)
