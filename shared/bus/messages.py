"""What a relay hands to a transport, and how transports report back."""
from __future__ import annotations

from dataclasses import dataclass


class TransportUnavailable(RuntimeError):
    """The broker cannot be reached or did not confirm in time."""


@dataclass(frozen=True)
class OutgoingMessage:
    """One outbox row on its way to the broker."""

    event_id: str
    type: str
    routing_key: str
    body: str
