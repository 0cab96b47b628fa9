"""What defines a service, and the generic ways to run one: web app, relay, consumer."""
from __future__ import annotations

import importlib
import importlib.util
import signal
import threading
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from functools import cached_property, partial
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING

from flask import Blueprint, Flask
from sqlalchemy import MetaData

from shared.config import Config
from shared.events.catalogue import REGISTRY
from shared.events.registry import EventRegistry
from shared.runtime import Handler, ServiceRuntime

if TYPE_CHECKING:
    from shared.health import ProbeServer
    from shared.web.navigation import NavEntry


@dataclass(frozen=True)
class ServiceDefinition:
    """A service's name, tables, parts and HTTP surface: its composition root's inputs.

    Each service's `__init__.py` lists its parts by module, relative to its own folders:
    `subscribers` (each module has HANDLERS: event type -> handler), `api` (each has `blp`, a
    flask-smorest Blueprint, or `bp`, a plain one), `web` (each has `bp`) and `handlers` (the
    commands). The bus's queue bindings and the AsyncAPI document are derived from the subscribers
    (see shared.events.catalogue.subscriptions); nothing is found by scanning.
    """

    name: str
    package: str
    title: str
    description: str
    metadata: MetaData
    subscribers: tuple[str, ...] = ()
    api: tuple[str, ...] = ()
    web: tuple[str, ...] = ()
    handlers: tuple[str, ...] = ()
    # The service's sections in the network's navigation and front page (shared.web.navigation composes them).
    navigation: tuple[NavEntry, ...] = ()
    # The other services whose answers this service's pages read in the browser (their CSP `connect-src`): the
    # portal's notification counter always, e.g. matching's suggestions on intake's client card.
    page_reads: tuple[str, ...] = ()
    setup_app: Callable[[Flask, ServiceRuntime], None] | None = None
    # What a new web worker makes before it takes requests (deploy/gunicorn.conf.py calls warm_worker): answers
    # that every worker keeps for itself and that its first requests would otherwise wait for.
    warm_worker: Callable[[Flask, ServiceRuntime], None] | None = None
    registry: EventRegistry = REGISTRY

    def modules(self, folder: str, names: Iterable[str]) -> list[ModuleType]:
        """The listed modules of one of the service's folders (api, web, handlers, subscribers)."""
        return [importlib.import_module(f"{self.package}.{folder}.{name}") for name in names]

    @cached_property
    def subscriptions(self) -> dict[str, Handler]:
        """Event type -> handler, from the listed subscriber modules; a type handled twice is an error."""
        return merge_handlers(*(module.HANDLERS for module in self.modules("subscribers", self.subscribers)))

    def commands(self) -> list[ModuleType]:
        """The modules of handlers/: the commands (and shared queries) that api/, web/ and cli.py call."""
        return self.modules("handlers", self.handlers)

    def api_blueprints(self) -> list[Blueprint]:
        return [module.blp for module in self.modules("api", self.api) if hasattr(module, "blp")]

    def blueprints(self) -> list[Blueprint]:
        """The pages' blueprints, and plain (not OpenAPI-documented) API ones."""
        plain_api = [module.bp for module in self.modules("api", self.api) if not hasattr(module, "blp")]
        return [*(module.bp for module in self.modules("web", self.web)), *plain_api]

    @property
    def package_dir(self) -> Path:
        spec = importlib.util.find_spec(self.package)
        assert spec is not None and spec.origin is not None, self.package
        return Path(spec.origin).parent

    @property
    def migrations(self) -> str:
        return str(self.package_dir / "migrations")

    @property
    def subscribed_types(self) -> list[str]:
        return sorted(self.subscriptions)

    def runtime(self, config: Config | None = None) -> ServiceRuntime:
        """Build the runtime (database, outbox, handlers) from config or the environment."""
        config = config or Config.from_env(self.name)
        return ServiceRuntime(config, self.metadata, self.registry, dict(self.subscriptions), self.migrations)

    def create_app(self, config: Config | None = None) -> Flask:
        """The service's web app (WSGI) with a runtime of its own, from config or the environment."""
        return self.app_for(self.runtime(config))

    def app_for(self, runtime: ServiceRuntime, token_check=None, issuer_keys=None) -> Flask:
        """The service's web app around an existing runtime.

        `token_check` says whether a login token still holds (shared.auth.revocation): the embedded
        network passes the identity store's; without one, the settings choose (PORTAL_INTERNAL_URL).
        `issuer_keys` are the portal's signing keys when this process holds them (the embedded network).
        """
        from shared.web.app import build_app

        app = build_app(runtime, title=self.title, description=self.description,
                        api_blueprints=self.api_blueprints(), blueprints=self.blueprints(),
                        token_check=token_check, issuer_keys=issuer_keys, page_reads=self.page_reads)
        if self.setup_app is not None:
            self.setup_app(app, runtime)
        if self.warm_worker is not None:
            app.extensions[WARM_WORKER] = partial(self.warm_worker, app, runtime)
        return app


WARM_WORKER = "kampus_warm_worker"


def warm_worker(app) -> bool:
    """Make what the app's service makes before a worker takes requests (ServiceDefinition.warm_worker); False when
    it makes nothing."""
    warm = getattr(app, "extensions", {}).get(WARM_WORKER)
    if warm is None:
        return False
    warm()
    return True


def merge_handlers(*parts: Mapping[str, Handler]) -> dict[str, Handler]:
    """One dict of event handlers from a service's subscriber modules; a type handled twice is an error."""
    merged: dict[str, Handler] = {}
    for part in parts:
        for type_, handler in part.items():
            if type_ in merged:
                raise ValueError(f"{type_} is handled twice")
            merged[type_] = handler
    return merged


def _stop_on_signals() -> threading.Event:
    stop = threading.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda *_: stop.set())
    return stop


def _serve_probes(runtime: ServiceRuntime, health) -> ProbeServer | None:
    """/healthz, /readyz and /metrics on METRICS_PORT, for the orchestrator and Prometheus."""
    if not runtime.config.metrics_port:
        return None
    from shared.health import ProbeServer, probe_app

    return ProbeServer(runtime.config.metrics_port, probe_app(
        runtime.metrics.registry, health.report, health.alive, metrics_token=runtime.config.metrics_token)).start()


def _sized(definition: ServiceDefinition, config: Config | None, role: str) -> Config:
    """The process's settings with its connection pool sized for its role, unless DB_POOL_SIZE says."""
    from shared import sizing

    config = config or Config.from_env(definition.name)
    if config.db_pool_size is None:
        config = config.with_(db_pool_size=sizing.pool_size(role), db_max_overflow=sizing.max_overflow(role))
    return config


def _check_budget(runtime: ServiceRuntime, role: str) -> None:
    """Warn at start-up when this process's connections would not fit PostgreSQL's max_connections."""
    from shared import sizing

    config = runtime.config
    budget = (config.db_pool_size or 0) + (config.db_max_overflow or 0) + (1 if role == "relay" else 0)
    sizing.check_budget(config.database_url, budget, f"{runtime.name} {role}")


def _migrate(runtime: ServiceRuntime) -> None:
    if runtime.config.migrate_on_start:  # MIGRATE_ON_START=0: a migration job or init container ran it
        runtime.migrate()


def _bus_process(definition: ServiceDefinition, config: Config | None, role: str,
                 verb: str) -> tuple[ServiceRuntime, str]:
    """The runtime of a relay or consumer process (logging set up, migrated, budget checked) and its AMQP_URL."""
    from shared import logs

    runtime = definition.runtime(_sized(definition, config, role))
    logs.configure(runtime.config.log_level)
    if runtime.config.amqp_url is None:
        raise SystemExit(f"AMQP_URL is not set: the embedded network (`kampus dev`) {verb} in-process.")
    _migrate(runtime)
    _check_budget(runtime, role)
    return runtime, runtime.config.amqp_url


def run_relay(definition: ServiceDefinition, config: Config | None = None,
              stop: threading.Event | None = None) -> None:
    """Run the outbox relay of a service over RabbitMQ until stopped (it declares nothing)."""
    from shared.bus.amqp import ConfirmingPublisher
    from shared.bus.health import RelayHealth
    from shared.bus.relay import Relay

    runtime, amqp_url = _bus_process(definition, config, "relay", "relays")
    stop = stop or _stop_on_signals()
    publisher = ConfirmingPublisher(amqp_url, name=f"{definition.name}-relay").start()
    relay = Relay(runtime, publisher)
    probes = _serve_probes(runtime, RelayHealth(runtime, relay, publisher))
    try:
        relay.run(stop, workers=runtime.config.relay_workers)
    finally:
        if probes is not None:
            probes.stop()
        publisher.stop()
        runtime.close()


def run_consumer(definition: ServiceDefinition, config: Config | None = None,
                 stop: threading.Event | None = None) -> None:
    """Run the event consumer of a service over RabbitMQ until stopped."""
    from shared.bus.consumer import AmqpConsumer
    from shared.bus.health import ConsumerHealth

    runtime, _amqp_url = _bus_process(definition, config, "consumer", "consumes")
    stop = stop or _stop_on_signals()
    consumer = AmqpConsumer(runtime, definition.subscribed_types, batch_size=runtime.config.consumer_batch_size)
    probes = _serve_probes(runtime, ConsumerHealth(runtime, consumer))
    try:
        consumer.run(stop)
    finally:
        if probes is not None:
            probes.stop()
        runtime.close()
