"""The AsyncAPI document of the network's events, generated from the registry."""
from __future__ import annotations

import json

from apispec import APISpec
from apispec.ext.marshmallow import MarshmallowPlugin

from shared.bus import topology
from shared.events.catalogue import REGISTRY, subscriptions

ENVELOPE = {
    "type": "object",
    "required": ["id", "type", "version", "occurred_at", "source", "payload"],
    "properties": {
        "id": {"type": "string", "format": "uuid", "description": "Event id; consumers de-duplicate on it."},
        "type": {"type": "string", "description": "<service>.<thing>.<past-tense verb>"},
        "version": {"type": "integer", "description": "Schema version of the payload."},
        "occurred_at": {"type": "string", "format": "date-time", "description": "UTC."},
        "source": {"type": "object", "required": ["organisation", "service"], "properties": {
            "organisation": {"type": "string", "description": "Slug of the organisation; must match the AMQP user."},
            "service": {"type": "string"}}},
        "correlation_id": {"type": ["string", "null"], "description": "Follows one flow of work across services."},
        "recipient": {"type": "object", "required": ["organisation"], "properties": {
            "organisation": {"type": "string", "description": "Slug of the one organisation an addressed event is "
                                                              "for; present exactly on addressed types."}}},
        "payload": {"type": "object"},
    },
}


def _payload_schemas() -> dict:
    """JSON schemas of the payloads, each schema class once (several types may share one)."""
    spec = APISpec("events", "1", "3.0.3", plugins=[MarshmallowPlugin(schema_name_resolver=_resolver)])
    seen = set()
    for event in REGISTRY:
        if event.schema not in seen:
            seen.add(event.schema)
            spec.components.schema(_resolver(event.schema), schema=event.schema)
    return spec.to_dict().get("components", {}).get("schemas", {})


def _resolver(schema) -> str:
    cls = schema if isinstance(schema, type) else type(schema)
    return cls.__name__ + "Payload"


def _message_name(type_: str) -> str:
    return "".join(part.capitalize() for part in type_.replace("_", ".").split("."))


ORGANISATION = {"type": "string", "pattern": "^[a-z0-9][a-z0-9-]*$"}
ADDRESSED = (" Addressed: only the recipient organisation's consumer receives it (it binds "
             "`*.<type>.<its organisation>`, and refuses an event addressed to another).")


def channel_name(event) -> str:
    """The routing key pattern of a type: `{organisation}.<type>`, addressed types add `.{recipient}`."""
    return "{organisation}." + event.type + (".{recipient}" if event.addressed else "")


def _parameters(event) -> dict:
    parameters = {"organisation": {"description": "Source organisation slug", "schema": ORGANISATION}}
    if event.addressed:
        parameters["recipient"] = {"description": "Recipient organisation slug (the envelope's recipient)",
                                   "schema": ORGANISATION}
    return parameters


def _message_envelope(event) -> dict:
    """What the envelope of one type adds: its type, version and payload; a recipient exactly when addressed."""
    properties = {"type": {"const": event.type}, "version": {"const": event.version},
                  "payload": {"$ref": f"#/components/schemas/{_resolver(event.schema)}"}}
    return {"type": "object", "properties": properties, **({"required": ["recipient"]} if event.addressed else {})}


def build() -> dict:
    """The AsyncAPI 2.6 document as a dict."""
    subs = subscriptions()
    channels, messages = {}, {}
    for event in REGISTRY:
        name = _message_name(event.type)
        messages[name] = {
            "name": event.type, "title": event.type, "summary": event.summary,
            "contentType": "application/json",
            "x-schema-version": event.version, "x-personal-data": event.personal_data,
            "payload": {"allOf": [{"$ref": "#/components/schemas/Envelope"}, _message_envelope(event)]},
            "bindings": {"amqp": {"contentEncoding": "utf-8", "messageType": event.type, "bindingVersion": "0.2.0"}},
        }
        channels[channel_name(event)] = {
            "description": event.summary + (ADDRESSED if event.addressed else ""),
            "parameters": _parameters(event),
            "subscribe": {"operationId": f"on_{event.type.replace('.', '_')}", "summary": event.summary,
                          "message": {"$ref": f"#/components/messages/{name}"}},
            "x-producer": event.producer,
            **({"x-addressed": True} if event.addressed else {}),
            "x-consumers": sorted(s for s, types in subs.items() if event.type in types),
            "bindings": {"amqp": {"is": "routingKey", "bindingVersion": "0.2.0", "exchange": {
                "name": topology.EVENTS_EXCHANGE, "type": "topic", "durable": True, "autoDelete": False}}},
        }
    schemas = {"Envelope": ENVELOPE, **_payload_schemas()}
    return {
        "asyncapi": "2.6.0",
        "info": {"title": "Sosiaalinen kampus events", "version": "1.0.0", "description": (
            "The contract between the network's services. Events travel on the topic exchange "
            f"`{topology.EVENTS_EXCHANGE}` with routing key `<organisation>.<type>` (an addressed type: "
            "`<organisation>.<type>.<recipient>`, received only by the recipient organisation), as persistent "
            "JSON messages whose AMQP `user_id` is the publishing organisation's RabbitMQ user and whose "
            "`message_id` is the event id. A consumer applies a message only when its routing key is the event's own "
            "and the broker-validated `user_id` belongs to the event's source organisation; it de-duplicates by event "
            "id, retries with back-off and lets the broker dead-letter what it refuses or gives up on to "
            f"`{topology.DEAD_EXCHANGE}`. Clients appear only by pseudonymous ids.")},
        "defaultContentType": "application/json",
        "servers": {"network": {"url": "rabbitmq:5672/kampus", "protocol": "amqp", "protocolVersion": "0-9-1"}},
        "channels": dict(sorted(channels.items())),
        "components": {"messages": dict(sorted(messages.items())), "schemas": schemas},
    }


def render() -> str:
    return json.dumps(build(), indent=2, sort_keys=True, ensure_ascii=False) + "\n"
