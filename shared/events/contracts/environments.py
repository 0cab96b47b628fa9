"""Events of the environments service."""
from __future__ import annotations

from shared.events.registry import EventSpec

SPECS: list[EventSpec] = []
