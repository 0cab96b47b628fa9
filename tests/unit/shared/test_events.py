"""The envelope and the schema registry."""
from __future__ import annotations

import json
from datetime import UTC

import pytest
from marshmallow import Schema, fields

from shared.events.envelope import Envelope, new_event, recipient_in
from shared.events.registry import EventRegistry, EventSpec, InvalidEvent, MisaddressedEvent
from shared.logs import reset_correlation_id, set_correlation_id


class Payload(Schema):
    client_id = fields.UUID(required=True)
    level = fields.Integer(required=True)


REGISTRY = EventRegistry([EventSpec("intake.thing.happened", Payload, "test"),
                          EventSpec("intake.thing.sent", Payload, "test", addressed=True)])
CLIENT = "8d3b6f3e-4d35-4b8e-9a0c-2f1f5f0e7a11"


def test_envelope_round_trips_through_json():
    envelope = Envelope(type="intake.thing.happened", payload={"client_id": CLIENT, "level": 3},
                        organisation="sataedu", service="intake", correlation_id="abc123def")
    back = Envelope.from_json(envelope.to_json())
    assert back == envelope
    assert back.occurred_at.tzinfo is not None
    assert json.loads(envelope.to_json())["source"] == {"organisation": "sataedu", "service": "intake"}
    assert envelope.routing_key == "sataedu.intake.thing.happened"


@pytest.mark.parametrize("body", [b"nope", b"[]", b'{"id": "x"}',
                                  b'{"id":"8d3b6f3e-4d35-4b8e-9a0c-2f1f5f0e7a11","type":"a","version":1,'
                                  b'"occurred_at":"2026-01-01T00:00:00","source":{"organisation":"o","service":"s"},'
                                  b'"payload":{}}'])
def test_malformed_envelopes_are_refused(body):
    with pytest.raises(ValueError, match="malformed envelope"):
        Envelope.from_json(body)


def test_registry_validates_payload_and_names_the_field():
    bad = Envelope(type="intake.thing.happened", payload={"client_id": CLIENT, "level": "high"},
                   organisation="sataedu", service="intake")
    with pytest.raises(InvalidEvent) as error:
        REGISTRY.validate(bad)
    assert "level" in error.value.fields


def test_registry_refuses_unknown_type_wrong_version_and_wrong_producer():
    for envelope in (
        Envelope(type="intake.other.happened", payload={}, organisation="o", service="intake"),
        Envelope(type="intake.thing.happened", payload={"client_id": CLIENT, "level": 1}, organisation="o",
                 service="intake", version=2),
        Envelope(type="intake.thing.happened", payload={"client_id": CLIENT, "level": 1}, organisation="o",
                 service="matching"),
    ):
        with pytest.raises(InvalidEvent):
            REGISTRY.validate(envelope)


def test_registry_refuses_badly_named_and_duplicate_types():
    with pytest.raises(ValueError, match="past-tense"):
        EventRegistry([EventSpec("ClientRegistered", Payload, "x")])
    with pytest.raises(ValueError, match="twice"):
        EventRegistry([EventSpec("intake.a.done", Payload, "x"), EventSpec("intake.a.done", Payload, "x")])


def test_new_event_takes_the_current_correlation_id():
    token = set_correlation_id("corr-12345678")
    try:
        envelope = new_event("intake.thing.happened", {}, organisation="o", service="intake")
    finally:
        reset_correlation_id(token)
    assert envelope.correlation_id == "corr-12345678"
    assert envelope.occurred_at.tzinfo == UTC


def addressed(recipient: str | None = "samk", type_: str = "intake.thing.sent") -> Envelope:
    return Envelope(type=type_, payload={"client_id": CLIENT, "level": 2}, organisation="sataedu",
                    service="intake", recipient=recipient)


def test_an_addressed_envelope_round_trips_with_its_recipient_and_names_it_in_the_routing_key():
    envelope = addressed()
    body = json.loads(envelope.to_json())
    assert body["recipient"] == {"organisation": "samk"}
    assert Envelope.from_json(envelope.to_json()) == envelope
    assert envelope.routing_key == "sataedu.intake.thing.sent.samk"
    assert recipient_in(envelope.routing_key) == "samk"
    broadcast = Envelope(type="intake.thing.happened", payload={}, organisation="sataedu", service="intake")
    assert "recipient" not in json.loads(broadcast.to_json())  # unaddressed bodies are as before
    assert Envelope.from_json(broadcast.to_json()).recipient is None
    assert recipient_in(broadcast.routing_key) is None


@pytest.mark.parametrize("recipient", ["Samk", "sam.k", "", "samk.intake", 7, None, "x" * 64])
def test_a_bad_recipient_is_a_malformed_envelope(recipient):
    body = json.loads(addressed().to_json())
    body["recipient"] = {"organisation": recipient}
    with pytest.raises(ValueError, match="malformed envelope"):
        Envelope.from_dict(body)


def test_a_recipient_that_is_not_an_object_is_a_malformed_envelope():
    body = json.loads(addressed().to_json())
    body["recipient"] = "samk"
    with pytest.raises(ValueError, match="malformed envelope"):
        Envelope.from_dict(body)


def test_registry_refuses_an_addressed_type_without_a_recipient_and_a_broadcast_type_with_one():
    with pytest.raises(InvalidEvent, match="needs a recipient"):
        REGISTRY.validate(addressed(recipient=None))
    with pytest.raises(InvalidEvent, match="cannot have a recipient"):
        REGISTRY.validate(addressed(type_="intake.thing.happened"))
    with pytest.raises(InvalidEvent, match="bad recipient"):
        REGISTRY.validate(addressed(recipient="Not An Org"))
    assert REGISTRY.validate(addressed()).recipient == "samk"
    assert REGISTRY.addressed_types() == {"intake.thing.sent"}


def test_a_consumer_check_refuses_an_event_addressed_to_another_organisation():
    assert REGISTRY.check(addressed(), "samk").recipient == "samk"
    with pytest.raises(MisaddressedEvent, match="addressed to 'samk', not 'diak'"):
        REGISTRY.check(addressed(), "diak")
    broadcast = Envelope(type="intake.thing.happened", payload={"client_id": CLIENT, "level": 1},
                         organisation="sataedu", service="intake")
    assert REGISTRY.check(broadcast, "diak") is broadcast


def test_new_event_carries_the_recipient():
    envelope = new_event("intake.thing.sent", {}, organisation="sataedu", service="intake", recipient="samk")
    assert envelope.recipient == "samk" and envelope.routing_key.endswith(".samk")
