"""The RabbitMQ consumer of one service: inbox de-duplication, retries and dead letters.

The consumer declares nothing and publishes nothing: it reads its own queue, which the operator
declared. What it refuses (a forged, misrouted or malformed message) and what keeps failing on its
own content it rejects, and the broker dead-letters it into the consumer's dead-letter queue. A
message that fails is retried after a back-off: held unacknowledged, then returned to the queue.
Only such failures count towards dead-lettering; a fault of the database or the broker does not.
"""
from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Iterable
from dataclasses import dataclass

import pika
import pika.exceptions
import structlog

from shared.bus import provenance, topology
from shared.bus.amqp import parameters
from shared.bus.inbox import InboxProcessor, Outcome
from shared.bus.policy import DEAD_LETTER, DISCARD, FAILED, FaultPause, RetryPolicy
from shared.db import is_transient
from shared.events.envelope import Envelope, utcnow
from shared.events.registry import InvalidEvent, MisaddressedEvent
from shared.runtime import ServiceRuntime

log = structlog.get_logger(__name__)

QUEUE_POLL_INTERVAL = 5.0  # seconds between looks at the depth of the consumer's queues (for health)


class QueueMissing(RuntimeError):
    """The consumer's queue is not declared: the operator has not set up the topology."""


class Refused(ValueError):
    """A delivery the consumer will not apply; `reason` names the check it failed."""

    def __init__(self, reason: str, message: str) -> None:
        super().__init__(message)
        self.reason = reason


@dataclass
class Delivery:
    """A message taken from the queue, parsed and checked (or refused with a reason)."""

    tag: int
    properties: pika.BasicProperties
    body: bytes
    exchange: str
    routing_key: str
    envelope: Envelope | None = None  # None when refused, and then:
    rejected: str = ""  # why, for the log and the dead letter
    reason: str = ""  # the check it failed (RetryPolicy.refusal)

    @property
    def type(self) -> str:
        return self.envelope.type if self.envelope else (self.properties.type or "unknown")

    @property
    def event_id(self) -> str | None:
        return self.envelope.id if self.envelope else self.properties.message_id


class FailureCounts:
    """How often each event failed on its content in this process (bounded; oldest forgotten first).

    A restarted consumer counts again from zero: an event gets more attempts then, never fewer.
    """

    def __init__(self, limit: int = 10_000) -> None:
        self.limit = limit
        self._counts: OrderedDict[str, int] = OrderedDict()

    def add(self, event_id: str) -> int:
        count = self._counts.pop(event_id, 0) + 1
        self._counts[event_id] = count
        while len(self._counts) > self.limit:
            self._counts.popitem(last=False)
        return count

    def forget(self, event_id: str) -> None:
        self._counts.pop(event_id, None)


def original_routing_keys(properties: pika.BasicProperties, queue: str) -> list[str]:
    """The routing keys a dead-lettered message was first published with, from the broker's x-death record."""
    for death in (properties.headers or {}).get("x-death") or ():
        if isinstance(death, dict) and _text(death.get("queue")) == queue:
            return [_text(k) for k in death.get("routing-keys") or ()]
    return []


def _text(value) -> str:
    return value.decode() if isinstance(value, bytes) else str(value)


class AmqpConsumer:
    """Consumes `<organisation>.<service>.events` until stopped, acking only after effects are committed."""

    def __init__(self, runtime: ServiceRuntime, types: Iterable[str], batch_size: int = 100,
                 max_wait: float = 0.02) -> None:
        config = runtime.config
        if config.amqp_url is None:
            raise ValueError("AMQP_URL is not set")
        self.runtime = runtime
        self.url = config.amqp_url
        self.service = runtime.name
        self.organisation = config.organisation
        self.consumer = topology.consumer_name(config.organisation, runtime.name)
        self.queue = topology.events_queue(self.consumer)
        self.types = frozenset(types)
        self.batch_size = batch_size
        self.max_wait = max_wait
        self.trusted = config.amqp_trusted_users
        self.processor = InboxProcessor(runtime)
        self.policy = RetryPolicy.of(config)
        self.failures = FailureCounts()
        # For health (shared/bus/health.py), written by the consuming thread only.
        self.consuming = False
        self.last_error: str | None = None
        self.last_tick = self.last_progress = time.monotonic()
        self.batch_started: float | None = None  # while a batch is being applied
        self.queue_messages: int | None = None  # ready in the events queue at the last look

    def run(self, stop: threading.Event) -> None:
        """Consume with reconnection and back-off until `stop` is set."""
        pause = FaultPause()
        while not stop.is_set():
            self.last_tick = time.monotonic()
            try:
                self._consume(stop)
                pause.reset()
            except QueueMissing:
                self.last_error = f"its queue {self.queue} is not declared"
                log.error("consumer_queue_missing", service=self.service, queue=self.queue,
                          hint="declare the network's topology: import the definitions or `kampus rabbitmq declare`")
                stop.wait(pause.next())
            except (pika.exceptions.AMQPError, OSError) as exc:
                self.last_error = repr(exc)
                delay = pause.next()
                log.warning("consumer_disconnected", service=self.service, error=repr(exc), retry_in=delay)
                stop.wait(delay)

    def _consume(self, stop: threading.Event) -> None:
        connection = pika.BlockingConnection(parameters(self.url, f"{self.service}-consumer"))
        try:
            channel = connection.channel()
            try:
                channel.queue_declare(self.queue, passive=True)  # needs no permission beyond reading it
            except pika.exceptions.ChannelClosedByBroker as exc:
                if exc.reply_code == 404:
                    raise QueueMissing(self.queue) from exc
                raise
            channel.basic_qos(prefetch_count=self.runtime.config.consumer_prefetch)
            log.info("consumer_started", service=self.service, queue=self.queue)
            held: list[tuple[float, int]] = []  # (due, tag): failed deliveries waiting out their back-off
            pause = FaultPause()  # while the database fails
            batch: list[Delivery] = []
            started = next_look = 0.0
            self.consuming, self.last_progress = True, time.monotonic()
            for method, properties, body in channel.consume(self.queue, inactivity_timeout=self.max_wait):
                self.last_tick = time.monotonic()
                if self.last_tick >= next_look:
                    self._look_at_queues(connection)
                    next_look = self.last_tick + QUEUE_POLL_INTERVAL
                if method is not None:
                    if not batch:
                        started = time.monotonic()
                    batch.append(self._parse(method, properties, body))
                # A batch goes when full, when the queue pauses, or when its first event has waited long enough.
                if batch and (method is None or len(batch) >= self.batch_size
                              or time.monotonic() - started >= self.max_wait):
                    if self._handle(channel, batch, held):
                        pause.reset()
                    else:
                        connection.sleep(pause.next())
                    batch = []
                self._release_due(channel, held)
                if stop.is_set() and not batch:
                    break
            channel.cancel()
        finally:
            self.consuming = False
            if connection.is_open:
                connection.close()

    def _look_at_queues(self, connection) -> None:
        """Read the depth of the events and dead-letter queues (a passive declare needs no permission)."""
        metrics = self.runtime.metrics
        try:
            probe = connection.channel()
            try:
                self.queue_messages = probe.queue_declare(self.queue, passive=True).method.message_count
                metrics.queue_messages.labels(self.queue).set(self.queue_messages)
                dead = topology.dead_queue(self.consumer)
                metrics.dead_letters.labels(dead).set(probe.queue_declare(dead, passive=True).method.message_count)
            finally:
                if probe.is_open:
                    probe.close()
        except pika.exceptions.ChannelClosedByBroker as exc:  # a queue is missing: the topology is incomplete
            log.warning("consumer_queue_missing", service=self.service, error=repr(exc))
        if self.queue_messages == 0 and self.batch_started is None:
            metrics.consumer_lag.labels(self.consumer).set(0)

    # --- checking a delivery ------------------------------------------------------------------

    def _parse(self, method, properties, body) -> Delivery:
        delivery = Delivery(method.delivery_tag, properties, body, method.exchange, method.routing_key)
        try:
            delivery.envelope = self._check(delivery, Envelope.from_json(body))
        except MisaddressedEvent as exc:
            delivery.reason, delivery.rejected = MisaddressedEvent.reason, f"{MisaddressedEvent.reason}: {exc}"
        except Refused as exc:
            delivery.reason, delivery.rejected = exc.reason, f"{exc.reason}: {exc}"
        except provenance.ProvenanceError as exc:
            delivery.reason, delivery.rejected = "provenance", f"provenance: {exc}"
        except InvalidEvent as exc:
            delivery.reason, delivery.rejected = "invalid", f"invalid: {exc} {exc.fields or ''}".strip()
        except ValueError as exc:
            delivery.reason, delivery.rejected = "malformed", f"malformed: {exc}"
        return delivery

    def _check(self, delivery: Delivery, envelope: Envelope) -> Envelope:
        """The envelope if this consumer may apply it; raises naming the first check it fails.

        Mail for another organisation is never kept (not even as a dead letter); then the message
        must have come the way the broker routes events, from a sender the broker validated that
        speaks for the event's organisation, and be of a type this service subscribes to.
        """
        if envelope.recipient is not None and envelope.recipient != self.organisation:
            raise MisaddressedEvent(f"{envelope.type} is addressed to {envelope.recipient!r}, "
                                    f"not {self.organisation!r}")
        self._check_route(delivery, envelope)
        provenance.check(envelope.organisation, delivery.properties.user_id, self.trusted)
        if envelope.type not in self.types:
            raise Refused("unsubscribed", f"{self.service} does not subscribe to {envelope.type}")
        return self.runtime.registry.check(envelope, self.organisation)

    def _check_route(self, delivery: Delivery, envelope: Envelope) -> None:
        if delivery.exchange == topology.EVENTS_EXCHANGE:
            if delivery.routing_key != envelope.routing_key:
                raise Refused("route", f"routing key {delivery.routing_key!r} is not the event's "
                                       f"{envelope.routing_key!r}")
        elif delivery.exchange == topology.REPLAY_EXCHANGE:
            original = original_routing_keys(delivery.properties, self.queue)
            if delivery.routing_key != self.consumer or envelope.routing_key not in original:
                raise Refused("route", "a replayed message must be a dead letter of this queue")
        else:
            raise Refused("route", f"events come through {topology.EVENTS_EXCHANGE}, "
                                   f"not {delivery.exchange or 'the default exchange'!r}")

    # --- settling a batch ---------------------------------------------------------------------

    def _handle(self, channel, batch: list[Delivery], held: list[tuple[float, int]]) -> bool:
        """Apply a batch and settle every delivery; False when the database failed and nothing was settled."""
        self.batch_started = time.monotonic()
        try:
            settled = self._settle(channel, batch, held)
        finally:
            self.batch_started = None
        if settled:
            self._progressed(batch)
        return settled

    def _progressed(self, batch: list[Delivery]) -> None:
        """For health: a batch was settled; the lag is its oldest event's age."""
        self.last_progress = time.monotonic()
        occurred = [d.envelope.occurred_at for d in batch if d.envelope is not None]
        if occurred:
            self.runtime.metrics.consumer_lag.labels(self.consumer).set(
                max(0.0, (utcnow() - min(occurred)).total_seconds()))

    def _settle(self, channel, batch: list[Delivery], held: list[tuple[float, int]]) -> bool:
        valid = [d.envelope for d in batch if d.envelope is not None]
        try:
            outcomes = self.processor.process_batch(valid) if valid else []
        except Exception as exc:
            # Not the events' fault: return them all unapplied and uncounted, and try again after a pause.
            self.last_error = f"{type(exc).__name__} (see the consumer's log)"
            log.warning("consumer_transaction_failed", service=self.service, transient=is_transient(exc),
                        error=repr(exc)[:500])
            for d in batch:
                channel.basic_nack(d.tag, requeue=True)
            return False
        by_id: dict[str, Outcome] = {o.event_id: o for o in outcomes}
        acks, was_holding = [], bool(held)
        for d in batch:
            envelope = d.envelope
            if envelope is None:  # refused when parsed
                refusal = self.policy.refusal(d.reason)
                if refusal.action == DISCARD:
                    self._discard(d)
                    acks.append(d.tag)
                else:
                    self._dead_letter(channel, d, d.rejected, d.reason)
            elif by_id[envelope.id].status == "failed":
                self._retry_or_dead(channel, d, envelope.id, by_id[envelope.id].error or "failed", held)
            else:
                self.failures.forget(envelope.id)
                acks.append(d.tag)
        if not was_holding and not held and len(acks) == len(batch):
            channel.basic_ack(batch[-1].tag, multiple=True)  # the common case: one frame for the batch
        else:
            for tag in acks:  # a multiple ack would also settle the held deliveries
                channel.basic_ack(tag)
        return True

    def _discard(self, d: Delivery) -> None:
        """Drop another organisation's mail: the recipient has its own copy, and this one must not be kept."""
        self.runtime.metrics.discarded.labels(d.type, MisaddressedEvent.reason).inc()
        log.warning("event_discarded", event_id=d.properties.message_id, type=d.type, reason=d.rejected[:300])

    def _retry_or_dead(self, channel, d: Delivery, event_id: str, error: str, held: list[tuple[float, int]]) -> None:
        attempts = self.failures.add(event_id)
        decision = self.policy.failure(attempts)
        if decision.action == DEAD_LETTER:
            self.failures.forget(event_id)
            self._dead_letter(channel, d, error, FAILED, attempts)
            return
        held.append((time.monotonic() + decision.delay, d.tag))
        log.info("event_retry_scheduled", event_id=event_id, attempts=attempts, delay=decision.delay,
                 error=error[:300])

    def _release_due(self, channel, held: list[tuple[float, int]]) -> None:
        """Return the deliveries whose back-off is over to the queue, which delivers them again."""
        if not held:
            return
        now = time.monotonic()
        due = [entry for entry in held if entry[0] <= now]
        for entry in due:
            channel.basic_nack(entry[1], requeue=True)
            held.remove(entry)

    def _dead_letter(self, channel, d: Delivery, error: str, reason: str, attempts: int | None = None) -> None:
        """Reject the delivery: the broker moves it, with its original sender, into the dead-letter queue."""
        channel.basic_nack(d.tag, requeue=False)
        self.runtime.metrics.dead_lettered.labels(d.type, reason).inc()
        log.warning("event_dead_lettered", event_id=d.event_id, type=d.type, reason=reason, attempts=attempts,
                    queue=topology.dead_queue(self.consumer), error=error[:300])

