"""The embedded network: the portal and the four services in one process, events through mailboxes.

It is the way to try the system and to run a small single-host network. Each service keeps its
own database (SQLite files by default) and the same outbox and inbox semantics as on RabbitMQ.
The services and the portal are found by name (their `kampus.services` entry points), never imported.
"""
from __future__ import annotations

import threading
from dataclasses import dataclass, field

from flask import Flask
from werkzeug.middleware.dispatcher import DispatcherMiddleware

from shared.bus.inprocess import InProcessNetwork, MailboxWorker
from shared.bus.relay import Relay
from shared.config import Config
from shared.events import catalogue
from shared.events.catalogue import ORGANISATION_HOSTED, SERVICES
from shared.runtime import ServiceRuntime
from shared.service import ServiceDefinition


def definition(name: str) -> ServiceDefinition:
    """The ServiceDefinition of a service (or the portal) by name."""
    if name != "portal" and name not in SERVICES:
        raise ValueError(f"unknown service {name!r}; one of {', '.join(SERVICES)}")
    return catalogue.definition(name)


@dataclass
class EmbeddedNetwork:
    """Four services, their apps under /<service>, and the threads that move events (the portal's mailbox
    among them: it stores people's notifications)."""

    runtimes: dict[str, ServiceRuntime]
    apps: dict[str, Flask]
    relays: dict[str, Relay]
    workers: dict[str, MailboxWorker]
    root: Flask
    portal: ServiceRuntime | None = None
    stop: threading.Event = field(default_factory=threading.Event)
    threads: list[threading.Thread] = field(default_factory=list)

    @property
    def wsgi(self):
        return DispatcherMiddleware(self.root, {f"/{name}": app for name, app in self.apps.items()})

    def start(self) -> EmbeddedNetwork:
        """Start the relays and mailbox workers in background threads."""
        parts = [*((f"{name}-relay", relay.run) for name, relay in self.relays.items()),
                 *((f"{name}-mailbox", worker.run) for name, worker in self.workers.items())]
        for label, target in parts:
            thread = threading.Thread(target=target, args=(self.stop,), name=label, daemon=True)
            thread.start()
            self.threads.append(thread)
        return self

    def shutdown(self) -> None:
        self.stop.set()
        for worker in self.workers.values():
            worker.wake()
        for relay in self.relays.values():
            relay.wake()
        for thread in self.threads:
            thread.join(timeout=5)
        for runtime in self.runtimes.values():
            runtime.close()
        if self.portal is not None:
            self.portal.close()

    @property
    def identity(self):
        """The identity store of the portal."""
        return self.root.extensions["kampus_identity"]

    @property
    def token_check(self):
        """How every app of this network learns whether a token still holds: the identity store itself."""
        return self.root.extensions["kampus_token_check"]

    def settle(self, timeout: float = 30.0) -> bool:
        """Run relays and workers until no event is in flight (for tests and seeding); False if events still
        moved after `timeout` seconds (generous: a loaded two-core machine settles a busy scenario slowly)."""
        import time

        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            moved = sum(relay.run_once() for relay in self.relays.values())
            moved += sum(worker.run_once() for worker in self.workers.values())
            if moved == 0:
                return True
        return False


def build(configs: dict[str, Config] | None = None) -> EmbeddedNetwork:
    """Assemble the embedded network; `configs` overrides a service's settings.

    The portal comes first: every service asks its identity store whether a token still holds.
    """
    configs = configs or {}
    front = definition("portal")
    # The portal takes the events that notify people, addressed ones of every member organisation too.
    portal = front.runtime((configs.get("portal") or Config.from_env("portal")).with_(
        amqp_url=None, serves_every_organisation=True))
    root = front.app_for(portal)
    check = root.extensions["kampus_token_check"]
    network = InProcessNetwork()
    runtimes, apps, relays, workers = {}, {}, {}, {}
    for name in SERVICES:
        defn = definition(name)
        config = configs.get(name) or Config.from_env(name)
        if config.amqp_url is not None:
            config = config.with_(amqp_url=None)
        if name in ORGANISATION_HOSTED:  # one instance for every member: it takes each one's addressed mail
            config = config.with_(serves_every_organisation=True)
        runtime = defn.runtime(config)
        runtimes[name] = runtime
        apps[name] = defn.app_for(runtime, token_check=check, issuer_keys=root.extensions.get("kampus_issuer_keys"))
        apps[name].extensions["kampus_external_logins"] = root.extensions["kampus_external_logins"]  # the same store
        workers[name] = network.subscribe(runtime, defn.subscribed_types)
    if front.subscribed_types:
        workers["portal"] = network.subscribe(portal, front.subscribed_types)
    transport = network.transport()
    for name, runtime in runtimes.items():
        relays[name] = Relay(runtime, transport)
    built = EmbeddedNetwork(runtimes, apps, relays, workers, root, portal=portal)
    wsgi = built.wsgi  # one process: a service calls another in-process (shared.web.peer)
    for app in (root, *apps.values()):
        app.extensions["kampus_peer_wsgi"] = wsgi
        if not app.config.get("KAMPUS_ORGANISATION_NAMES"):  # one process: the portal's store names them
            app.config["KAMPUS_ORGANISATION_NAMES"] = root.config["KAMPUS_ORGANISATION_NAMES"]
    return built
