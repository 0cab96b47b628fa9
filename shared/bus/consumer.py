"""The RabbitMQ consumer of one service: inbox de-duplication, retries and dead letters."""
from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from typing import Iterable

import pika
import pika.exceptions
import structlog

from shared.bus import provenance, topology
from shared.bus.amqp import parameters, user_of
from shared.bus.inbox import InboxProcessor, Outcome
from shared.events.envelope import Envelope, utcnow
from shared.events.registry import InvalidEvent, MisaddressedEvent
from shared.runtime import ServiceRuntime

log = structlog.get_logger(__name__)

QUEUE_POLL_INTERVAL = 5.0  # seconds between looks at the depth of the consumer's queues (for health)


@dataclass
class Delivery:
    """A message taken from the queue, parsed and checked (or rejected with a reason)."""

    tag: int
    properties: pika.BasicProperties
    body: bytes
    routing_key: str
    envelope: Envelope | None = None
    rejected: str | None = None
    sender: str | None = None

    @property
    def attempts(self) -> int:
        headers = self.properties.headers or {}
        return int(headers.get(topology.ATTEMPTS_HEADER, 0))

    @property
    def type(self) -> str:
        return self.envelope.type if self.envelope else (self.properties.type or "unknown")


class AmqpConsumer:
    """Consumes `<service>.events` until stopped, acking only after effects are committed."""

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
        self.types = sorted(set(types))
        self.batch_size = batch_size
        self.max_wait = max_wait
        self.own_user = user_of(self.url)
        self.trusted = config.amqp_trusted_users
        self.processor = InboxProcessor(runtime)
        # For health (shared/bus/health.py), written by the consuming thread only.
        self.consuming = False
        self.last_error: str | None = None
        self.last_tick = self.last_progress = time.monotonic()
        self.batch_started: float | None = None  # while a batch is being applied
        self.queue_messages: int | None = None  # ready in the events queue at the last look

    def run(self, stop: threading.Event) -> None:
        """Consume with reconnection and back-off until `stop` is set."""
        delay = 0.2
        while not stop.is_set():
            self.last_tick = time.monotonic()
            try:
                self._consume(stop)
                delay = 0.2
            except (pika.exceptions.AMQPError, OSError) as exc:
                self.last_error = repr(exc)
                log.warning("consumer_disconnected", service=self.service, error=repr(exc), retry_in=delay)
                stop.wait(delay)
                delay = min(delay * 2, 5.0)

    def _consume(self, stop: threading.Event) -> None:
        connection = pika.BlockingConnection(parameters(self.url, f"{self.service}-consumer"))
        try:
            channel = connection.channel()
            topology.declare_consumer(channel, self.consumer, self.types, self.runtime.config.retry_delays,
                                      self.runtime.registry.addressed_types())
            channel.basic_qos(prefetch_count=self.runtime.config.consumer_prefetch)
            publisher = connection.channel()
            publisher.confirm_delivery()
            log.info("consumer_started", service=self.service, queue=topology.events_queue(self.consumer))
            batch: list[Delivery] = []
            started = next_look = 0.0
            self.consuming, self.last_progress = True, time.monotonic()
            for method, properties, body in channel.consume(topology.events_queue(self.consumer),
                                                            inactivity_timeout=self.max_wait):
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
                    self._handle(channel, publisher, batch)
                    batch = []
                if stop.is_set() and not batch:
                    break
            channel.cancel()
        finally:
            self.consuming = False
            if connection.is_open:
                connection.close()

    def _parse(self, method, properties, body) -> Delivery:
        delivery = Delivery(method.delivery_tag, properties, body, method.routing_key)
        delivery.sender = provenance.sender_of(properties.user_id, properties.headers, self.own_user)
        try:
            envelope = Envelope.from_json(body)
            provenance.check(envelope.organisation, delivery.sender, self.trusted)
            delivery.envelope = self.runtime.registry.check(envelope, self.organisation)
        except provenance.ProvenanceError as exc:
            delivery.rejected = f"provenance: {exc}"
        except MisaddressedEvent as exc:
            delivery.rejected = f"{MisaddressedEvent.reason}: {exc}"
        except InvalidEvent as exc:
            delivery.rejected = f"invalid: {exc} {exc.fields or ''}".strip()
        except ValueError as exc:
            delivery.rejected = f"malformed: {exc}"
        return delivery

    def _look_at_queues(self, connection) -> None:
        """Read the depth of the events and dead-letter queues (a passive declare needs no permission)."""
        metrics = self.runtime.metrics
        try:
            probe = connection.channel()
            try:
                events = topology.events_queue(self.consumer)
                self.queue_messages = probe.queue_declare(events, passive=True).method.message_count
                metrics.queue_messages.labels(events).set(self.queue_messages)
                dead = topology.dead_queue(self.consumer)
                metrics.dead_letters.labels(dead).set(probe.queue_declare(dead, passive=True).method.message_count)
            finally:
                if probe.is_open:
                    probe.close()
        except pika.exceptions.ChannelClosedByBroker as exc:  # a queue is missing: the topology is incomplete
            log.warning("consumer_queue_missing", service=self.service, error=repr(exc))
        if self.queue_messages == 0 and self.batch_started is None:
            metrics.consumer_lag.labels(self.consumer).set(0)

    def _handle(self, channel, publisher, batch: list[Delivery]) -> None:
        self.batch_started = time.monotonic()
        try:
            self._apply_batch(channel, publisher, batch)
        finally:
            self.batch_started = None

    def _apply_batch(self, channel, publisher, batch: list[Delivery]) -> None:
        valid = [d for d in batch if d.envelope is not None]
        try:
            outcomes = self.processor.process_batch([d.envelope for d in valid]) if valid else []
        except Exception as exc:
            self.last_error = f"{type(exc).__name__} (see the consumer's log)"
            log.exception("consumer_transaction_failed", service=self.service)
            for d in batch:
                channel.basic_nack(d.tag, requeue=True)
            time.sleep(1.0)
            return
        by_id: dict[str, Outcome] = {o.event_id: o for o in outcomes}
        for d in batch:
            if d.rejected and d.rejected.startswith(MisaddressedEvent.reason):
                self._discard(d)
            elif d.rejected:
                self._dead_letter(publisher, d, d.rejected, reason=d.rejected.split(":", 1)[0])
            else:
                outcome = by_id[d.envelope.id]
                if outcome.status == "failed":
                    self._retry_or_dead(publisher, d, outcome.error or "failed")
        channel.basic_ack(batch[-1].tag, multiple=True)
        self.last_progress = time.monotonic()
        if valid:
            oldest = min(d.envelope.occurred_at for d in valid)
            self.runtime.metrics.consumer_lag.labels(self.consumer).set(
                max(0.0, (utcnow() - oldest).total_seconds()))

    def _discard(self, d: Delivery) -> None:
        """Drop another organisation's mail: the recipient has its own copy, and this one must not be kept."""
        self.runtime.metrics.discarded.labels(d.type, MisaddressedEvent.reason).inc()
        log.warning("event_discarded", event_id=d.properties.message_id, type=d.type, reason=d.rejected[:300])

    def _headers(self, d: Delivery, attempts: int, error: str | None) -> dict:
        headers = dict(d.properties.headers or {})
        headers[topology.ATTEMPTS_HEADER] = attempts
        headers[topology.ORIGINAL_USER_HEADER] = d.sender or ""
        headers.setdefault(topology.ORIGINAL_KEY_HEADER, d.routing_key)
        if error:
            headers[topology.ERROR_HEADER] = error[:1000]
        return headers

    def _republish(self, publisher, exchange: str, routing_key: str, d: Delivery, headers: dict,
                   expiration: str | None = None) -> None:
        props = pika.BasicProperties(
            message_id=d.properties.message_id, type=d.properties.type, content_type="application/json",
            delivery_mode=pika.DeliveryMode.Persistent, user_id=self.own_user, headers=headers,
            timestamp=d.properties.timestamp, expiration=expiration)
        publisher.basic_publish(exchange, routing_key, d.body, props, mandatory=True)

    def _retry_or_dead(self, publisher, d: Delivery, error: str) -> None:
        attempts = d.attempts + 1
        if attempts >= self.runtime.config.max_delivery_attempts:
            self._dead_letter(publisher, d, error, reason="failed", attempts=attempts)
            return
        delays = self.runtime.config.retry_delays
        delay = delays[min(attempts, len(delays)) - 1]
        queue = topology.retry_queue(self.consumer, delay)
        self._republish(publisher, topology.RETRY_EXCHANGE, queue, d, self._headers(d, attempts, error))
        log.info("event_retry_scheduled", event_id=d.properties.message_id, attempts=attempts, delay=delay)

    def _dead_letter(self, publisher, d: Delivery, error: str, reason: str, attempts: int | None = None) -> None:
        headers = self._headers(d, attempts if attempts is not None else d.attempts, error)
        self._republish(publisher, topology.DEAD_EXCHANGE, self.consumer, d, headers)
        self.runtime.metrics.dead_lettered.labels(d.type, reason).inc()
        log.warning("event_dead_lettered", event_id=d.properties.message_id, type=d.type,
                    reason=reason, error=error[:300])
