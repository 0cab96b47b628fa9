"""One registry of event types and their marshmallow schemas."""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from marshmallow import Schema, ValidationError

from shared.events.envelope import ORG_PATTERN, TYPE_PATTERN, Envelope


class InvalidEvent(ValueError):
    """An event that does not match its registered schema."""

    def __init__(self, message: str, fields: dict | list | None = None) -> None:
        super().__init__(message)
        self.fields = fields or {}


class MisaddressedEvent(InvalidEvent):
    """An addressed event that reached an organisation other than its recipient (discarded, never dead-lettered)."""

    reason = "misaddressed"


SchemaClass = type[Schema]  # spelt out here: inside EventSpec, `type` is a field


@dataclass(frozen=True)
class EventSpec:
    """What one event type is: its schema, version, producer and purpose."""

    type: str
    schema: SchemaClass
    summary: str
    version: int = 1
    personal_data: str = "pseudonymous"
    statistics: bool = True  # False: identifying data, or nothing to count: reporting's raw log never receives it
    addressed: bool = False  # True: sent to one recipient organisation only, never to every subscriber

    @property
    def producer(self) -> str:
        return self.type.split(".", 1)[0]


class EventRegistry:
    """Event types by name; validates envelopes against their schemas."""

    def __init__(self, specs: Iterable[EventSpec] = ()) -> None:
        self._specs: dict[str, EventSpec] = {}
        self._schemas: dict[str, Schema] = {}
        for spec in specs:
            self.add(spec)

    def add(self, spec: EventSpec) -> EventSpec:
        if not TYPE_PATTERN.match(spec.type):
            raise ValueError(f"event type {spec.type!r} is not <service>.<thing>.<past-tense verb>")
        if spec.type in self._specs:
            raise ValueError(f"event type {spec.type!r} registered twice")
        self._specs[spec.type] = spec
        return spec

    def __contains__(self, type_: str) -> bool:
        return type_ in self._specs

    def __iter__(self):
        return iter(sorted(self._specs.values(), key=lambda s: s.type))

    def addressed_types(self) -> frozenset[str]:
        """The types that travel only to their recipient organisation."""
        return frozenset(spec.type for spec in self._specs.values() if spec.addressed)

    def _load(self, envelope: Envelope):
        spec = self.get(envelope.type)
        if envelope.version != spec.version:
            raise InvalidEvent(f"{envelope.type} version {envelope.version} is not {spec.version}")
        if envelope.service != spec.producer:
            raise InvalidEvent(f"{envelope.type} cannot come from service {envelope.service!r}")
        if spec.addressed:
            if envelope.recipient is None:
                raise InvalidEvent(f"{envelope.type} is addressed: it needs a recipient organisation")
            if not ORG_PATTERN.match(envelope.recipient):
                raise InvalidEvent(f"{envelope.type} has a bad recipient organisation")
        elif envelope.recipient is not None:
            raise InvalidEvent(f"{envelope.type} goes to every subscriber: it cannot have a recipient")
        schema = self._schema(spec)
        try:
            return schema, schema.load(envelope.payload)
        except ValidationError as exc:
            raise InvalidEvent(f"{envelope.type} payload is invalid", exc.messages) from exc

    def _schema(self, spec: EventSpec) -> Schema:
        """One schema instance per type (marshmallow schemas are reusable and costly to build)."""
        cached = self._schemas.get(spec.type)
        if cached is None:
            cached = self._schemas[spec.type] = spec.schema()
        return cached

    def get(self, type_: str) -> EventSpec:
        try:
            return self._specs[type_]
        except KeyError:
            raise InvalidEvent(f"unknown event type {type_!r}") from None

    def check(self, envelope: Envelope, organisation: str | None = None) -> Envelope:
        """Raise InvalidEvent unless the envelope matches its schema (what a consumer does).

        With `organisation` (the consumer's own), an addressed event for another organisation raises
        MisaddressedEvent: a wrong binding must not hand one organisation's mail to another.
        """
        self._load(envelope)
        if organisation is not None and envelope.recipient is not None and envelope.recipient != organisation:
            raise MisaddressedEvent(f"{envelope.type} is addressed to {envelope.recipient!r}, not {organisation!r}")
        return envelope

    def validate(self, envelope: Envelope) -> Envelope:
        """Return the envelope with its payload normalised to JSON types, or raise InvalidEvent."""
        schema, loaded = self._load(envelope)
        payload = schema.dump(loaded)
        if payload == envelope.payload:
            return envelope
        from dataclasses import replace

        return replace(envelope, payload=payload)
