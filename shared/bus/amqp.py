"""RabbitMQ connections: parameters, and a publisher with batched publisher confirms."""
from __future__ import annotations

import threading
import time
from collections.abc import Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field

import pika
import pika.exceptions
import structlog
from pika.spec import Basic

from shared.bus.messages import OutgoingMessage, TransportUnavailable
from shared.bus.policy import FaultPause
from shared.bus.topology import EVENTS_EXCHANGE

log = structlog.get_logger(__name__)


def parameters(url: str, name: str = "kampus") -> pika.URLParameters:
    """Connection parameters with heartbeats on and a name visible in the management UI."""
    params = pika.URLParameters(url)
    if "heartbeat" not in url:
        params.heartbeat = 30
    if "blocked_connection_timeout" not in url:
        params.blocked_connection_timeout = 60
    params.connection_attempts = 1
    params.socket_timeout = 5
    params.client_properties = {"connection_name": name}
    return params


def user_of(url: str) -> str:
    return pika.URLParameters(url).credentials.username


def message_properties(message: OutgoingMessage, user_id: str) -> pika.BasicProperties:
    return pika.BasicProperties(
        message_id=message.event_id, type=message.type, content_type="application/json",
        delivery_mode=pika.DeliveryMode.Persistent, user_id=user_id, timestamp=int(time.time()),
    )


class CoalescingSelectConnection(pika.SelectConnection):
    """A SelectConnection that can hold outgoing frames and hand them to the socket as one write.

    pika gives every frame (method, header and body: three per message) to the transport as a
    separate buffer, and the transport makes a `send()` system call for each. Inside `corked()`
    the frames of a whole batch are joined and written once, so a batch of 1,000 messages costs
    a few system calls and TCP segments instead of 3,000. Frame order is unchanged: only the
    I/O thread emits frames, and it does nothing else while corked.
    """

    def __init__(self, *args, **kwargs) -> None:
        self._corked: list[bytes] | None = None
        super().__init__(*args, **kwargs)

    def _adapter_emit_data(self, data: bytes) -> None:  # pika's documented adapter hook
        if self._corked is not None:
            self._corked.append(data)
        else:
            super()._adapter_emit_data(data)

    @contextmanager
    def corked(self):
        self._corked = []
        try:
            yield
        finally:
            frames, self._corked = self._corked, None
            if frames:
                super()._adapter_emit_data(b"".join(frames))


@dataclass
class _Batch:
    size: int
    results: dict[str, str | None] = field(default_factory=dict)
    returned: set[str] = field(default_factory=set)
    done: threading.Event = field(default_factory=threading.Event)

    def resolve(self, event_id: str, error: str | None) -> None:
        if event_id in self.returned and error is None:
            error = "unroutable: no queue is bound for this routing key"
        self.results[event_id] = error
        if len(self.results) >= self.size:
            self.done.set()

    def fail(self, error: str) -> None:
        self.results.setdefault("__error__", error)
        self.done.set()


class ConfirmingPublisher:
    """Publishes batches with `mandatory` routing and waits for the broker's confirms.

    One pika SelectConnection lives in its own I/O thread, which services heartbeats and
    reconnects with back-off; other threads hand it batches through `publish`. It declares
    nothing: the exchange and the queues are the operator's (`shared.bus.topology`).
    """

    def __init__(self, url: str, exchange: str = EVENTS_EXCHANGE, name: str = "relay",
                 confirm_timeout: float = 30.0) -> None:
        self.url = url
        self.exchange = exchange
        self.name = name
        self.confirm_timeout = confirm_timeout
        self.user_id = user_of(url)
        self._connection: pika.SelectConnection | None = None
        self._channel = None
        self._ready = threading.Event()
        self._stopping = threading.Event()
        self._pending: dict[int, tuple[_Batch, str]] = {}
        self._next_tag = 1
        self._thread: threading.Thread | None = None
        self.last_error: str | None = None  # why the connection last failed or closed (for health)

    # --- called from any thread -------------------------------------------------------
    def start(self) -> ConfirmingPublisher:
        self._thread = threading.Thread(target=self._run, name=f"{self.name}-amqp", daemon=True)
        self._thread.start()
        return self

    def wait_ready(self, timeout: float) -> bool:
        return self._ready.wait(timeout)

    @property
    def connected(self) -> bool:
        """True while a channel in confirm mode is open and ready to publish."""
        return self._ready.is_set()

    def publish(self, messages: Sequence[OutgoingMessage]) -> dict[str, str | None]:
        """Publish and wait for confirms; raises TransportUnavailable if the broker is away."""
        if not messages:
            return {}
        connection = self._connection
        if not self._ready.is_set() or connection is None:
            why = f": {self.last_error}" if self.last_error else ""
            raise TransportUnavailable(f"not connected to RabbitMQ{why}")
        batch = _Batch(size=len(messages))
        try:
            connection.ioloop.add_callback_threadsafe(lambda: self._publish(batch, messages))
        except Exception as exc:
            raise TransportUnavailable(f"connection closed: {exc}") from exc
        if not batch.done.wait(self.confirm_timeout):
            raise TransportUnavailable("no confirm from RabbitMQ in time")
        if "__error__" in batch.results:
            raise TransportUnavailable(batch.results["__error__"])
        return batch.results

    def stop(self) -> None:
        self._stopping.set()
        connection = self._connection
        if connection is not None:
            with suppress(Exception):
                connection.ioloop.add_callback_threadsafe(self._close)
        if self._thread is not None:
            self._thread.join(timeout=10)

    # --- the I/O thread -----------------------------------------------------------------
    def _run(self) -> None:
        pause = FaultPause()  # not reset: a connection that keeps dropping waits longer each time
        while not self._stopping.is_set():
            try:
                self._connection = CoalescingSelectConnection(
                    parameters(self.url, self.name), on_open_callback=self._on_open,
                    on_open_error_callback=self._on_open_error, on_close_callback=self._on_closed)
                self._connection.ioloop.start()
            except Exception as exc:
                self.last_error = repr(exc)
                log.warning("amqp_connect_failed", name=self.name, error=repr(exc))
            self._ready.clear()
            self._fail_pending("connection to RabbitMQ lost")
            if self._stopping.wait(pause.next()):
                break
        self._ready.clear()

    def _on_open(self, connection) -> None:
        connection.channel(on_open_callback=self._on_channel_open)

    def _on_open_error(self, connection, error) -> None:
        self.last_error = repr(error)
        log.warning("amqp_open_failed", name=self.name, error=repr(error))
        connection.ioloop.stop()

    def _on_closed(self, connection, reason) -> None:
        self._ready.clear()
        self._channel = None
        if not self._stopping.is_set():
            if not isinstance(reason, pika.exceptions.ConnectionClosedByClient):  # else the channel's reason stands
                self.last_error = repr(reason)
            log.warning("amqp_connection_closed", name=self.name, reason=repr(reason))
        connection.ioloop.stop()

    def _on_channel_open(self, channel) -> None:
        self._channel = channel
        channel.add_on_close_callback(self._on_channel_closed)
        channel.add_on_return_callback(self._on_return)
        channel.confirm_delivery(self._on_confirm, callback=lambda _frame: self._confirm_ready())

    def _confirm_ready(self) -> None:
        self._next_tag = 1
        self._ready.set()
        log.info("amqp_publisher_ready", name=self.name)

    def _on_channel_closed(self, channel, reason) -> None:
        self._ready.clear()
        self.last_error = f"channel closed: {reason!r}"
        self._fail_pending(f"channel closed: {reason}")
        if self._connection is not None and self._connection.is_open:
            self._connection.close()

    def _publish(self, batch: _Batch, messages: Sequence[OutgoingMessage]) -> None:
        channel = self._channel
        if channel is None or not channel.is_open:
            batch.fail("channel not open")
            return
        try:
            with self._connection.corked():
                for message in messages:
                    tag = self._next_tag
                    self._next_tag += 1
                    self._pending[tag] = (batch, message.event_id)
                    channel.basic_publish(self.exchange, message.routing_key, message.body.encode(),
                                          message_properties(message, self.user_id), mandatory=True)
        except Exception as exc:
            batch.fail(f"publish failed: {exc!r}")

    def _on_return(self, channel, method, properties, body) -> None:
        for batch, event_id in self._pending.values():
            if event_id == properties.message_id:
                batch.returned.add(event_id)
                return

    def _on_confirm(self, frame) -> None:
        method = frame.method
        error = None if isinstance(method, Basic.Ack) else "nacked by RabbitMQ"
        if method.multiple:
            tags = []
            for tag in self._pending:  # insertion order is tag order: stop at the first newer tag
                if tag > method.delivery_tag:
                    break
                tags.append(tag)
        else:
            tags = [method.delivery_tag]
        for tag in tags:
            entry = self._pending.pop(tag, None)
            if entry is not None:
                entry[0].resolve(entry[1], error)

    def _fail_pending(self, error: str) -> None:
        for batch, _ in list(self._pending.values()):
            batch.fail(error)
        self._pending.clear()

    def _close(self) -> None:
        if self._connection is not None and self._connection.is_open:
            self._connection.close()
