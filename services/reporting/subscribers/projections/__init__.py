"""Projections: what each event changes in reporting's tables, the same live and in a rebuild."""
from __future__ import annotations

from collections.abc import Callable

from services.reporting.subscribers.projections import environments, intake, matching
from services.reporting.subscribers.projections.store import Store
from shared.events.catalogue import REGISTRY
from shared.events.envelope import Envelope

Projector = Callable[[Store, Envelope], None]


def projectors() -> dict[str, Projector]:
    """Projectors of the event types the network has (a producer's new type slots in by name)."""
    known = {spec.type for spec in REGISTRY}
    merged = {**intake.PROJECTORS, **environments.PROJECTORS, **matching.PROJECTORS}
    return {type_: projector for type_, projector in merged.items() if type_ in known}


PROJECTORS = projectors()


def apply(store: Store, envelope: Envelope) -> None:
    """Change the projections as one event says (events without a projector only stay in the raw log)."""
    projector = PROJECTORS.get(envelope.type)
    if projector is not None:
        projector(store, envelope)
