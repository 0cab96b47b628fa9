"""The envelope every event travels in."""
from __future__ import annotations

import json
import re
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

TYPE_PATTERN = re.compile(r"^(intake|matching|environments|reporting)\.[a-z_]+\.[a-z_]+$")
ORG_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]{0,62}$")


def utcnow() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True)
class Envelope:
    """An event: who said what happened, when, in which flow of work."""

    type: str
    payload: dict[str, Any]
    organisation: str
    service: str
    version: int = 1
    id: str = field(default_factory=lambda: str(uuid.uuid4()))
    occurred_at: datetime = field(default_factory=utcnow)
    correlation_id: str | None = None
    recipient: str | None = None  # the one organisation an addressed event is for; None: for every subscriber

    @property
    def routing_key(self) -> str:
        """`<organisation>.<type>`, or `<organisation>.<type>.<recipient>` for an addressed event.

        The source organisation comes first so that the broker can limit an organisation to its own keys.
        """
        return routing_key(self.organisation, self.type, self.recipient)

    def to_dict(self) -> dict[str, Any]:
        data = {
            "id": self.id,
            "type": self.type,
            "version": self.version,
            "occurred_at": self.occurred_at.astimezone(UTC).isoformat().replace("+00:00", "Z"),
            "source": {"organisation": self.organisation, "service": self.service},
            "correlation_id": self.correlation_id,
            "payload": self.payload,
        }
        if self.recipient is not None:  # only addressed events carry it; the others' bodies are unchanged
            data["recipient"] = {"organisation": self.recipient}
        return data

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), separators=(",", ":"), ensure_ascii=False, sort_keys=True)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Envelope:
        """Parse an envelope; raises ValueError naming what is wrong."""
        try:
            source = data["source"]
            occurred = datetime.fromisoformat(str(data["occurred_at"]).replace("Z", "+00:00"))
            envelope = cls(
                id=str(uuid.UUID(str(data["id"]))),
                type=str(data["type"]),
                version=int(data["version"]),
                occurred_at=occurred,
                organisation=str(source["organisation"]),
                service=str(source["service"]),
                correlation_id=data.get("correlation_id"),
                payload=dict(data["payload"]),
                recipient=_recipient_of(data),
            )
        except (KeyError, TypeError, ValueError) as exc:
            raise ValueError(f"malformed envelope: {exc!r}") from exc
        if occurred.tzinfo is None:
            raise ValueError("malformed envelope: occurred_at has no time zone")
        if not ORG_PATTERN.match(envelope.organisation):
            raise ValueError("malformed envelope: bad source organisation")
        if envelope.recipient is not None and not ORG_PATTERN.match(envelope.recipient):
            raise ValueError("malformed envelope: bad recipient organisation")
        return envelope

    @classmethod
    def from_json(cls, body: bytes | str) -> Envelope:
        try:
            data = json.loads(body)
        except (TypeError, ValueError) as exc:
            raise ValueError(f"malformed envelope: not JSON ({exc})") from exc
        if not isinstance(data, dict):
            raise ValueError("malformed envelope: not an object")
        return cls.from_dict(data)


def routing_key(organisation: str, type_: str, recipient: str | None = None) -> str:
    """The topic routing key of an event: its source organisation, type and, when addressed, its recipient."""
    return f"{organisation}.{type_}" if recipient is None else f"{organisation}.{type_}.{recipient}"


def recipient_in(key: str) -> str | None:
    """The recipient organisation named by a routing key, None when the key addresses no one."""
    parts = key.split(".")
    return parts[4] if len(parts) == 5 else None


def _recipient_of(data: dict[str, Any]) -> str | None:
    """The recipient organisation of an envelope's data: absent (None) or `{"organisation": "<slug>"}`."""
    recipient = data.get("recipient")
    if recipient is None:
        return None
    organisation = recipient["organisation"]
    if not isinstance(organisation, str):
        raise TypeError("recipient organisation is not a string")
    return organisation


def new_event(type: str, payload: dict[str, Any], *, organisation: str, service: str,
              correlation_id: str | None = None, version: int = 1, recipient: str | None = None) -> Envelope:
    """Create an envelope, taking the correlation id of the current work if none is given."""
    if correlation_id is None:
        from shared.logs import get_correlation_id

        correlation_id = get_correlation_id()
    return Envelope(type=type, payload=payload, organisation=organisation, service=service,
                    correlation_id=correlation_id, version=version, recipient=recipient)
