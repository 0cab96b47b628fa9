"""Prometheus metrics of one service, shared by its web, relay and consumer parts."""
from __future__ import annotations

import threading
from typing import Callable

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram

_lock = threading.Lock()
_by_service: dict[str, "ServiceMetrics"] = {}


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
        self.backlog = Gauge("outbox_backlog", "Outbox rows not yet confirmed by the broker", registry=r)
        self._backlog_source: Callable[[], int] | None = None

    def track_backlog(self, source: Callable[[], int]) -> None:
        """Read the outbox backlog from `source` whenever metrics are scraped."""
        self._backlog_source = source

        def _read() -> float:
            try:
                return float(source())
            except Exception:  # a scrape must not fail because the database is away
                return float("nan")

        self.backlog.set_function(_read)


def metrics_for(service: str) -> ServiceMetrics:
    """The process-wide metrics of `service` (one per service name)."""
    with _lock:
        if service not in _by_service:
            _by_service[service] = ServiceMetrics(service)
        return _by_service[service]
