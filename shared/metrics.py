"""Prometheus metrics of one service, shared by its web, relay and consumer parts."""
from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TYPE_CHECKING

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram
from prometheus_client.core import GaugeMetricFamily

if TYPE_CHECKING:
    from shared.runtime import OutboxState

_lock = threading.Lock()
_by_service: dict[str, ServiceMetrics] = {}


class ServiceMetrics:
    """The counters and histograms a service exposes at /metrics."""

    def __init__(self, service: str) -> None:
        self.service = service
        self.registry = CollectorRegistry()
        r = self.registry
        self.requests = Counter("http_requests_total", "HTTP requests", ["method", "endpoint", "status"], registry=r)
        self.latency = Histogram("http_request_duration_seconds", "HTTP request latency", ["endpoint"], registry=r,
                                 buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5))
        self.published = Counter("events_published_total", "Events confirmed by the broker", ["type"], registry=r)
        self.consumed = Counter("events_consumed_total", "Events applied by this service", ["type"], registry=r)
        self.lag = Histogram("event_lag_seconds", "From an event's occurrence to its application here",
                             registry=r, buckets=(0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 15, 60, 300))
        self.duplicates = Counter("events_duplicate_total", "Duplicate events skipped", ["type"], registry=r)
        self.failed = Counter("events_failed_total", "Event handling attempts that failed", ["type"], registry=r)
        self.dead_lettered = Counter("events_dead_lettered_total", "Events sent to the dead-letter queue",
                                     ["type", "reason"], registry=r)
        self.discarded = Counter("events_discarded_total",
                                 "Events dropped unapplied: addressed to another organisation", ["type", "reason"],
                                 registry=r)
        # Relay and consumer health (shared/bus/health.py); labelled, so a process exports only its own.
        self.broker_connected = Gauge("broker_connected", "1 while this process's RabbitMQ connection is up",
                                      ["service", "role"], registry=r)
        self.ready = Gauge("process_ready", "1 while this process's /readyz answers ready", ["service", "role"],
                           registry=r)
        self.queue_messages = Gauge("consumer_queue_messages", "Messages ready in this consumer's queue",
                                    ["queue"], registry=r)
        self.dead_letters = Gauge("dead_letter_messages", "Messages in this consumer's dead-letter queue",
                                  ["queue"], registry=r)
        self.consumer_lag = Gauge("consumer_lag_seconds",
                                  "From the occurrence of the oldest event of the last batch to its application; "
                                  "0 once the queue is empty", ["consumer"], registry=r)
        self.outbox = OutboxCollector(service)
        r.register(self.outbox)

    def track_outbox(self, source: Callable[[], OutboxState]) -> None:
        """Read the outbox's backlog and oldest age from `source` whenever metrics are scraped."""
        self.outbox.source = source


class OutboxCollector:
    """outbox_backlog and outbox_oldest_age_seconds, read with one query at each scrape."""

    def __init__(self, service: str) -> None:
        self.service = service
        self.source: Callable[[], OutboxState] | None = None

    def describe(self):
        return [GaugeMetricFamily("outbox_backlog", "", labels=["service"]),
                GaugeMetricFamily("outbox_oldest_age_seconds", "", labels=["service"])]

    def collect(self):
        backlog = GaugeMetricFamily("outbox_backlog", "Outbox rows not yet confirmed by the broker",
                                    labels=["service"])
        age = GaugeMetricFamily("outbox_oldest_age_seconds",
                                "Seconds the oldest event not yet confirmed by the broker has waited",
                                labels=["service"])
        if self.source is not None:
            try:
                state = self.source()
                values = float(state.backlog), state.oldest_age()
            except Exception:  # a scrape must not fail because the database is away
                values = float("nan"), float("nan")
            backlog.add_metric([self.service], values[0])
            age.add_metric([self.service], values[1])
        yield backlog
        yield age


def metrics_for(service: str) -> ServiceMetrics:
    """The process-wide metrics of `service` (one per service name)."""
    with _lock:
        if service not in _by_service:
            _by_service[service] = ServiceMetrics(service)
        return _by_service[service]
