"""Events of the matching service."""
from __future__ import annotations

from shared.events.registry import EventSpec

SPECS: list[EventSpec] = []
