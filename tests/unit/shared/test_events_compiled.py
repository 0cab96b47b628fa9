"""The compiled payload checks answer as marshmallow does, or leave the payload to it."""
from __future__ import annotations

import random
import uuid
from datetime import date, datetime

import pytest
from marshmallow import EXCLUDE, Schema, ValidationError, fields, validate, validates_schema

from shared.events.catalogue import REGISTRY
from shared.events.compiled import compile_payload
from shared.events.envelope import new_event
from shared.events.registry import InvalidEvent

CLIENT = "8d3b6f3e-4d35-4b8e-9a0c-2f1f5f0e7a11"


def _passes(field: fields.Field, value) -> bool:
    try:
        field.deserialize(value)
    except ValidationError:
        return False
    return True


def candidates(field: fields.Field, rng: random.Random, depth: int = 0) -> list:
    """Values for a field: the first in its JSON form and accepted (when one is found), then others of every kind."""
    kind = type(field)
    odd = [None, "x", 7, True, 1.5, [], {}]
    if kind is fields.String:
        texts = ["a", "0" * 64, "A", "", *(v.choices for v in field.validators if isinstance(v, validate.OneOf))]
        flat = [t for item in texts for t in (item if isinstance(item, (list, tuple)) else [item])]
        good = [t for t in flat if _passes(field, t)]
        return good[:1] + flat + [b"a", *odd]
    if kind is fields.Integer:
        return [1, 3, 0, -1, 10**6, "2", 2.0, *odd]
    if kind is fields.Float:
        return [1.5, 2, "1.5", float("nan"), *odd]
    if kind is fields.Boolean:
        return [True, False, 1, "true", "no", *odd]
    if kind is fields.UUID:
        return [CLIENT, CLIENT.upper(), CLIENT.replace("-", ""), uuid.UUID(CLIENT), *odd]
    if kind is fields.Date:
        return ["2024-05-06", "20240506", "2024-02-30", date(2024, 5, 6), datetime(2024, 5, 6, 7, 8), *odd]
    if kind is fields.DateTime:
        return ["2024-05-06T07:08:09+00:00", "2024-05-06T07:08:09Z", *odd]
    if kind is fields.List:
        inner = candidates(field.inner, rng, depth + 1) if depth < 6 else [None]
        return [[inner[0]], [], [inner[0], inner[0]], [rng.choice(inner)], "x", None, (inner[0],)]
    if kind is fields.Nested:
        if depth >= 6:
            return odd
        made = [payload(field.schema, rng, depth + 1, odd_chance=0.0)]
        return [*made, *(payload(field.schema, rng, depth + 1) for _ in range(3)), *odd]
    if kind is fields.Dict:
        keys = [k for k in (candidates(field.key_field, rng, depth + 1) if field.key_field else ["k"])
                if isinstance(k, str)]  # a JSON object's keys are text
        values = candidates(field.value_field, rng, depth + 1) if field.value_field else ["v", 1]
        return [{keys[0]: values[0]}, {}, {rng.choice(keys): rng.choice(values)}, *odd]
    return odd


def payload(schema: Schema, rng: random.Random, depth: int = 0, odd_chance: float = 0.25) -> dict:
    """A payload of the schema: each field mostly its first candidate, sometimes another or absent, rarely an
    unknown field beside them."""
    out = {}
    for name, field in schema.load_fields.items():
        values = candidates(field, rng, depth)
        roll = rng.random()
        if roll < odd_chance / 3:
            continue  # absent
        out[name] = rng.choice(values) if roll < odd_chance else values[0]
    if rng.random() < odd_chance / 5:
        out["unknown_field"] = "x"
    return out


def marshmallow_answer(schema: Schema, data: dict):
    try:
        return schema.dump(schema.load(data))
    except ValidationError:
        return ValidationError


@pytest.mark.parametrize("spec", list(REGISTRY), ids=lambda spec: spec.type)
def test_a_compiled_check_answers_as_marshmallow_or_leaves_the_payload_to_it(spec):
    schema = spec.schema()
    check = compile_payload(schema)
    if check is None:
        return  # a schema with parts the compiler does not know: marshmallow alone
    rng = random.Random(spec.type)
    answered = 0
    for _ in range(400):
        data = payload(schema, rng)
        fast = check(data)
        if fast is None:
            continue
        answered += 1
        assert fast == marshmallow_answer(schema, data), data
    assert answered > 0  # every compiled type had payloads the check answered for


def test_the_contracts_of_the_registration_and_of_a_need_are_compiled():
    for type_ in ("intake.client.registered", "intake.person_key.published", "intake.consent.given",
                  "intake.statistics.recorded", "intake.profile.shared", "intake.competence_need.published"):
        if type_ in REGISTRY:
            assert compile_payload(REGISTRY.get(type_).schema()) is not None, type_


def event(type_: str, payload: dict):
    return new_event(type_, payload, organisation="samk", service="intake")


def test_a_payload_in_its_json_form_is_kept_as_it_is():
    given = {"client_id": CLIENT, "entered_on": "2024-05-06"}
    envelope = event("intake.client.registered", given)
    assert REGISTRY.validate(envelope) is envelope


def test_a_payload_in_another_form_is_normalised_by_marshmallow():
    envelope = REGISTRY.validate(event("intake.client.registered",
                                       {"client_id": CLIENT.upper(), "entered_on": date(2024, 5, 6)}))
    assert envelope.payload == {"client_id": CLIENT, "entered_on": "2024-05-06"}


def test_a_missing_default_is_filled_in_as_marshmallow_fills_it():
    envelope = REGISTRY.validate(event("intake.person_key.published", {"client_id": CLIENT, "person_key": "a" * 64}))
    assert envelope.payload == {"client_id": CLIENT, "person_key": "a" * 64, "key_version": 1, "overlap": False}


@pytest.mark.parametrize("payload, field", [
    ({"client_id": CLIENT, "entered_on": "2024-02-30"}, "entered_on"),
    ({"client_id": "not-a-uuid", "entered_on": "2024-05-06"}, "client_id"),
    ({"client_id": CLIENT}, "entered_on"),
    ({"client_id": CLIENT, "entered_on": "2024-05-06", "name": "Aino"}, "name"),
])
def test_a_bad_payload_of_a_compiled_contract_is_refused_naming_the_field(payload, field):
    with pytest.raises(InvalidEvent) as refused:
        REGISTRY.validate(event("intake.client.registered", payload))
    assert field in refused.value.fields


def test_a_refused_value_of_a_validator_is_refused_by_the_compiled_contract_too():
    with pytest.raises(InvalidEvent) as refused:
        REGISTRY.validate(event("intake.person_key.published", {"client_id": CLIENT, "person_key": "XYZ"}))
    assert "person_key" in refused.value.fields


class WithHook(Schema):
    level = fields.Integer()

    @validates_schema
    def _whole(self, data, **_kwargs):
        if data.get("level") == 2:
            raise ValidationError("not two", "level")


class Excluding(Schema):
    level = fields.Integer()

    class Meta:
        unknown = EXCLUDE


class Renamed(Schema):
    level = fields.Integer(data_key="Level")


class WithFloat(Schema):
    share = fields.Float()


def test_schemas_with_parts_it_does_not_know_are_left_to_marshmallow():
    for schema in (WithHook(), Excluding(), Renamed(), WithFloat()):
        assert compile_payload(schema) is None


def test_a_plain_schema_is_compiled():
    assert compile_payload(Payload()) is not None


class Payload(Schema):
    level = fields.Integer(required=True)
