"""What the reporting service does when an event it subscribes to arrives."""
from __future__ import annotations

from shared.runtime import Handler

HANDLERS: dict[str, Handler] = {}
