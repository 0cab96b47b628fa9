"""A payload check compiled once per event schema: marshmallow's answer for a payload already in its JSON form.

Emitting an event loads its payload with the type's marshmallow schema and dumps it back (the payload in JSON
types, defaults filled in): ~50 µs a field on every event a request emits. Nearly every payload a handler gives is
already what that dump would give (ids as canonical UUID strings, dates as ISO strings), so `compile_payload`
turns a schema into a function that checks such a payload field by field with the schema's own validators and
answers what load and dump would have answered. It answers None whenever it cannot be sure (a value in another
form, a missing or unknown field, a refusal, a field or schema it does not know): the caller then runs marshmallow,
which normalises the payload or names what is wrong. So the contract is enforced the same either way; only the
common case is quicker. `tests/unit/shared/test_events_compiled.py` compares the two on every registered contract.
"""
from __future__ import annotations

import datetime as dt
import re
import uuid
from collections.abc import Callable
from typing import Any

from marshmallow import RAISE, Schema, ValidationError, fields, missing

Check = Callable[[Any], Any]  # a value -> the same value in JSON form, or raises _Unsure
PayloadCheck = Callable[[dict], "dict | None"]

_UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\Z")
_DATE = re.compile(r"^\d{4}-\d\d-\d\d\Z")
_SIMPLE_DEFAULTS = (type(None), bool, int, str)


class _Unsure(Exception):
    """The compiled check cannot answer for this payload: marshmallow decides."""


def _validated(field: fields.Field, loaded: Callable[[Any], Any]) -> Callable[[Any], None]:
    """Run the field's validators on the loaded value as marshmallow does (a refusal: unsure)."""
    validators = tuple(field.validators)

    def run(value: Any) -> None:
        if not validators:
            return
        value = loaded(value)
        for validator in validators:
            try:
                if validator(value) is False:
                    raise _Unsure
            except ValidationError:
                raise _Unsure from None

    return run


def _is_date(value: Any) -> bool:
    if type(value) is not str or _DATE.match(value) is None:
        return False
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        return False
    return True


def _same(value: Any) -> Any:
    return value


# a field whose JSON form is one value: what it accepts in that form (nothing else: marshmallow decides), and the
# value its validators see (what load gives)
_SCALARS: dict[type, tuple[Callable[[Any], bool], Callable[[Any], Any]]] = {
    fields.String: (lambda value: type(value) is str, _same),
    fields.Integer: (lambda value: type(value) is int, _same),
    fields.Boolean: (lambda value: type(value) is bool, _same),
    fields.UUID: (lambda value: type(value) is str and _UUID.match(value) is not None, uuid.UUID),
    fields.Date: (_is_date, dt.date.fromisoformat),
}


def _scalar(field: fields.Field) -> Check | None:
    """The check of a field whose JSON form is one value: it passes the value through unchanged."""
    kind = type(field)
    if kind not in _SCALARS:
        return None
    if (isinstance(field, fields.Integer) and field.as_string
            or isinstance(field, fields.Boolean)
            and (field.truthy, field.falsy) != (fields.Boolean.truthy, fields.Boolean.falsy)
            or isinstance(field, fields.Date) and field.format not in (None, "iso", "iso8601")):
        return None  # a JSON form of its own
    accepts, loaded = _SCALARS[kind]
    validate = _validated(field, loaded)
    allow_none = field.allow_none

    def check(value: Any) -> Any:
        if value is None and allow_none:
            return None
        if not accepts(value):
            raise _Unsure
        validate(value)
        return value

    return check


def _field(field: fields.Field) -> Check | None:
    """A field's check, or None when this module does not know the field (the schema is then not compiled)."""
    if field.data_key is not None or field.attribute is not None or field.load_only or field.dump_only:
        return None
    if field.pre_load or field.post_load or field.dump_default is not missing:
        return None
    if type(field) is fields.List:
        return _list(field)
    if type(field) is fields.Dict:
        return _mapping(field)
    if type(field) is fields.Nested:
        return _nested(field)
    return _scalar(field)


def _container(field: fields.Field, kind: type, each: Callable[[Any], None]) -> Check:
    """The check of a list, dict or nested object: None where the field allows it, else its JSON type, and `each`
    on its contents."""
    allow_none = field.allow_none

    def check(value: Any) -> Any:
        if value is None and allow_none:
            return None
        if type(value) is not kind:
            raise _Unsure
        each(value)
        return value

    return check


def _list(field: fields.List) -> Check | None:
    inner = _field(field.inner)
    if inner is None:
        return None
    if field.validators and type(field.inner) not in (fields.String, fields.Integer, fields.Boolean):
        return None  # its validators see the loaded items, which differ from their JSON form: not worth compiling
    validate = _validated(field, _same)

    def each(value: list) -> None:
        for item in value:
            inner(item)
        validate(value)

    return _container(field, list, each)


def _nested(field: fields.Nested) -> Check | None:
    if field.many or field.only is not None or field.exclude or field.unknown is not None or field.validators:
        return None
    nested = _payload(field.schema)
    if nested is None:
        return None

    def each(value: dict) -> None:
        if nested(value) is not value:
            raise _Unsure  # a default filled in inside: marshmallow builds the new payload

    return _container(field, dict, each)


def _mapping(field: fields.Dict) -> Check | None:
    """A dict's check: its keys and values each by their field's check (any, when the dict names none)."""
    if field.validators:
        return None
    keys = _field(field.key_field) if field.key_field is not None else _same
    values = _field(field.value_field) if field.value_field is not None else _same
    if keys is None or values is None:
        return None

    def each(value: dict) -> None:
        for key, item in value.items():
            keys(key)
            values(item)

    return _container(field, dict, each)


_FACTORIES = (list, dict)  # load defaults made anew for each payload: an empty list or dict


def _payload(schema: Schema) -> Callable[[dict], dict] | None:
    """The check of a whole payload (raises _Unsure), or None when the schema cannot be compiled."""
    if schema.many or schema.unknown != RAISE or any(schema._hooks.values()):
        return None
    if set(schema.load_fields) != set(schema.dump_fields) or set(schema.load_fields) != set(schema.fields):
        return None
    checks: list[tuple[str, Check, bool, Any]] = []
    for name, field in schema.load_fields.items():
        check = _field(field)
        if check is None:
            return None
        default = field.load_default
        if default not in _FACTORIES and (callable(default)
                                          or not isinstance(default, (*_SIMPLE_DEFAULTS, type(missing)))):
            return None
        if default is not missing and default is not None:
            try:
                check(default() if default in _FACTORIES else default)  # dumped as is only when in its JSON form
            except _Unsure:
                return None
        checks.append((name, check, field.required, default))
    names = frozenset(name for name, *_ in checks)

    def check_payload(payload: dict) -> dict:
        if not names.issuperset(payload):
            raise _Unsure  # an unknown field: marshmallow names it
        filled = None
        for name, check, required, default in checks:
            value = payload.get(name, missing)
            if value is missing:
                if required or default is missing:
                    if required:
                        raise _Unsure
                    continue
                if filled is None:
                    filled = dict(payload)
                filled[name] = default() if default in _FACTORIES else default
                continue
            check(value)
        return payload if filled is None else filled

    return check_payload


def compile_payload(schema: Schema) -> PayloadCheck | None:
    """A function answering what `schema.dump(schema.load(payload))` gives for a payload it can vouch for, and None
    for any other (then ask marshmallow); None instead of a function when the schema has parts it does not know."""
    check = _payload(schema)
    if check is None:
        return None

    def answer(payload: dict) -> dict | None:
        if type(payload) is not dict:
            return None
        try:
            return check(payload)
        except _Unsure:
            return None

    return answer
