"""Readiness of a relay and of a consumer: broker connection, database, outbox age, consumer progress.

A relay is ready while it is connected to RabbitMQ, reaches its database and no event has
waited unsent in the outbox longer than HEALTH_MAX_EVENT_AGE seconds; a relay that connects but
cannot publish (permission refused, no queue bound, a broker that blocks publishers) turns red
once its oldest event is that old. A consumer is ready while it consumes, reaches its database
and makes progress: no batch takes longer than that, and events do not wait in its queue that
long without one being applied. Both are liveness-healthy while their loop comes round.
"""
from __future__ import annotations

import time

from shared.bus import topology
from shared.health import OK, Report, database_check

LIVENESS_LIMIT = 300.0  # seconds without a turn of the main loop before /healthz says the process hangs


def _alive(last_tick: float, what: str) -> str:
    silent = time.monotonic() - last_tick
    return OK if silent <= LIVENESS_LIMIT else f"the {what} loop has not come round for {silent:.0f} s"


def _outbox(runtime, max_age: float) -> tuple[str, dict]:
    try:
        state = runtime.outbox_state()
    except Exception as exc:
        return f"unreadable: {type(exc).__name__}", {}
    age = state.oldest_age()
    figures = {"outbox": {"backlog": state.backlog, "oldest_age_seconds": round(age, 1)}}
    if age <= max_age:
        return OK, figures
    return f"the oldest unsent event has waited {age:.0f} s (limit {max_age:.0f} s)", figures


class RelayHealth:
    """Readiness and liveness of a relay process."""

    role = "relay"

    def __init__(self, runtime, relay, publisher) -> None:
        self.runtime, self.relay, self.publisher = runtime, relay, publisher
        self.max_age = runtime.config.health_max_event_age
        metrics = runtime.metrics
        metrics.broker_connected.labels(runtime.name, self.role).set_function(lambda: float(publisher.connected))
        metrics.ready.labels(runtime.name, self.role).set_function(lambda: float(self.report().ready))

    def report(self) -> Report:
        broker = OK if self.publisher.connected else f"not connected: {self.publisher.last_error or 'connecting'}"
        outbox, figures = _outbox(self.runtime, self.max_age)
        if outbox != OK and self.relay.last_error:
            outbox += f"; last error: {self.relay.last_error[:300]}"
        checks = {"database": database_check(self.runtime.db), "broker": broker, "outbox": outbox}
        return Report(self.runtime.name, checks, figures)

    def alive(self) -> str:
        return _alive(self.relay.last_tick, self.role)


class ConsumerHealth:
    """Readiness and liveness of a consumer process."""

    role = "consumer"

    def __init__(self, runtime, consumer) -> None:
        self.runtime, self.consumer = runtime, consumer
        self.max_age = runtime.config.health_max_event_age
        metrics = runtime.metrics
        metrics.broker_connected.labels(runtime.name, self.role).set_function(lambda: float(consumer.consuming))
        metrics.ready.labels(runtime.name, self.role).set_function(lambda: float(self.report().ready))

    def report(self) -> Report:
        c = self.consumer
        broker = OK if c.consuming else f"not consuming: {c.last_error or 'connecting'}"
        checks = {"database": database_check(self.runtime.db), "broker": broker, "progress": self._progress()}
        figures = {"queue": {"name": topology.events_queue(c.consumer), "messages_ready": c.queue_messages}}
        return Report(self.runtime.name, checks, figures)

    def _progress(self) -> str:
        c, now = self.consumer, time.monotonic()
        started = c.batch_started
        if started is not None and now - started > self.max_age:
            return f"a batch has been applied for {now - started:.0f} s (limit {self.max_age:.0f} s)"
        idle = now - c.last_progress
        if c.queue_messages and idle > self.max_age:
            return (f"{c.queue_messages} events wait in the queue and none was applied for {idle:.0f} s "
                    f"(limit {self.max_age:.0f} s)" + (f"; last error: {c.last_error[:300]}" if c.last_error else ""))
        return OK

    def alive(self) -> str:
        return _alive(self.consumer.last_tick, self.role)
