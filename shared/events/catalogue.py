"""The catalogue of the network's events and who subscribes to them: the bus contract.

Every event type the network knows has a schema here. `docs/asyncapi.json` is generated from
this module (`kampus asyncapi`), and a test fails when the checked-in document is out of date.
"""
from __future__ import annotations

from shared.events.contracts import environments, intake, matching
from shared.events.registry import EventRegistry, EventSpec

SERVICES = ("intake", "matching", "environments", "reporting")
# Everything that consumes events: the services, and the portal (it stores people's notifications).
CONSUMERS = (*SERVICES, "portal")

SPECS: list[EventSpec] = [*intake.SPECS, *environments.SPECS, *matching.SPECS]

REGISTRY = EventRegistry(SPECS)


def definition(name: str):
    """The ServiceDefinition of a service or the portal, as installed: the `kampus.services` entry points.

    The library never imports the application: each service declares itself in pyproject.toml and
    lists its own subscriptions, blueprints and handlers in its `__init__.py`.
    """
    from importlib.metadata import entry_points

    found = entry_points(group="kampus.services", name=name)
    if not found:
        raise ValueError(f"unknown service {name!r} (installed: see [project.entry-points.\"kampus.services\"]; "
                         "run `make install`)")
    return next(iter(found)).load()


def definitions() -> dict:
    """The network's four services' definitions, by name."""
    return {name: definition(name) for name in SERVICES}


def subscriptions() -> dict[str, list[str]]:
    """Which service (or the portal) consumes which event types, from each one's own list of subscriptions."""
    return {name: definition(name).subscribed_types for name in CONSUMERS}


def statistics_types() -> list[str]:
    """Every event type fit for statistics (no identifying data): what reporting keeps in its raw log."""
    return sorted(spec.type for spec in REGISTRY if spec.statistics)


NETWORK_ORGANISATION = "verkosto"
# Services that every member organisation may host for itself; the rest run once for the network.
ORGANISATION_HOSTED = ("intake",)

