"""What defines a service, and the generic ways to run one: web app, relay, consumer."""
from __future__ import annotations

import signal
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

from flask import Blueprint, Flask
from sqlalchemy import MetaData

from shared.config import Config
from shared.events.catalogue import REGISTRY, subscriptions
from shared.events.registry import EventRegistry
from shared.runtime import Handler, ServiceRuntime


@dataclass(frozen=True)
class ServiceDefinition:
    """A service's name, tables, handlers and HTTP surface: its composition root's inputs."""

    name: str
    title: str
    description: str
    metadata: MetaData
    package_dir: Path
    handlers: dict[str, Handler] = field(default_factory=dict)
    api_blueprints: Callable[[], Iterable[Blueprint]] = lambda: ()
    blueprints: Callable[[], Iterable[Blueprint]] = lambda: ()
    setup_app: Callable[[Flask, ServiceRuntime], None] | None = None
    registry: EventRegistry = REGISTRY

    @property
    def migrations(self) -> str:
        return str(self.package_dir / "migrations")

    @property
    def subscribed_types(self) -> list[str]:
        return subscriptions()[self.name]

    def runtime(self, config: Config | None = None) -> ServiceRuntime:
        """Build the runtime (database, outbox, handlers) from config or the environment."""
        config = config or Config.from_env(self.name)
        return ServiceRuntime(config, self.metadata, self.registry, self.handlers, self.migrations)

    def create_app(self, config: Config | None = None) -> Flask:
        """The service's web app with a runtime of its own."""
        return self.app_for(self.runtime(config))

    def app_for(self, runtime: ServiceRuntime, token_check=None) -> Flask:
        """The service's web app around an existing runtime.

        `token_check` says whether a login token still holds (shared.auth.revocation): the embedded
        network passes the identity store's; without one, the settings choose (PORTAL_INTERNAL_URL).
        """
        from shared.web.app import build_app

        app = build_app(runtime, title=self.title, description=self.description,
                        api_blueprints=self.api_blueprints(), blueprints=self.blueprints(),
                        token_check=token_check)
        if self.setup_app is not None:
            self.setup_app(app, runtime)
        return app


def _stop_on_signals() -> threading.Event:
    stop = threading.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda *_: stop.set())
    return stop


def _serve_metrics(runtime: ServiceRuntime) -> None:
    if runtime.config.metrics_port:
        from prometheus_client import start_http_server

        start_http_server(runtime.config.metrics_port, registry=runtime.metrics.registry)


def run_relay(definition: ServiceDefinition, config: Config | None = None,
              stop: threading.Event | None = None) -> None:
    """Run the outbox relay of a service over RabbitMQ until stopped (it declares nothing)."""
    from shared import logs
    from shared.bus.amqp import ConfirmingPublisher
    from shared.bus.relay import Relay

    runtime = definition.runtime(config)
    logs.configure(runtime.config.log_level)
    if runtime.config.amqp_url is None:
        raise SystemExit("AMQP_URL is not set: the embedded network (`kampus dev`) relays in-process.")
    if runtime.config.migrate_on_start:  # MIGRATE_ON_START=0: a migration step ran already
        runtime.migrate()
    _serve_metrics(runtime)
    stop = stop or _stop_on_signals()
    publisher = ConfirmingPublisher(runtime.config.amqp_url, name=f"{definition.name}-relay").start()
    try:
        Relay(runtime, publisher).run(stop, workers=runtime.config.relay_workers)
    finally:
        publisher.stop()
        runtime.close()


def run_consumer(definition: ServiceDefinition, config: Config | None = None,
                 stop: threading.Event | None = None) -> None:
    """Run the event consumer of a service over RabbitMQ until stopped."""
    from shared import logs
    from shared.bus.consumer import AmqpConsumer

    runtime = definition.runtime(config)
    logs.configure(runtime.config.log_level)
    if runtime.config.amqp_url is None:
        raise SystemExit("AMQP_URL is not set: the embedded network (`kampus dev`) consumes in-process.")
    if runtime.config.migrate_on_start:  # MIGRATE_ON_START=0: a migration step ran already
        runtime.migrate()
    _serve_metrics(runtime)
    stop = stop or _stop_on_signals()
    try:
        AmqpConsumer(runtime, definition.subscribed_types, batch_size=runtime.config.consumer_batch_size).run(stop)
    finally:
        runtime.close()
