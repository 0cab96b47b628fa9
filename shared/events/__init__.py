"""Event envelope, schema registry and the catalogue of the network's events."""
from shared.events.envelope import Envelope, new_event
from shared.events.registry import EventRegistry, EventSpec, InvalidEvent

__all__ = ["Envelope", "EventRegistry", "EventSpec", "InvalidEvent", "new_event"]
