"""Marshmallow's dump, compiled once per schema: the same output for a fraction of its cost per row.

`Schema.dump` walks every field of every row through several layers of calls (the accessor, `serialize`,
the missing-value checks, `_serialize`); on a page of 50 clients that was a quarter of the request. `dumper`
turns a schema into one plain function per field, once per process, and gives the same dict as
`schema.dump`: the same keys (data_key), missing values left out, `None` kept, the same formatting. Fields
it does not know (and schemas with hooks or options it does not follow) go through marshmallow itself, so
the answer stays marshmallow's; tests compare the two on the schemas that use it.

The hot lists now build their answers by hand (issue 18, sixth round: `client_out`, `summary_out`, `suggestion_out`)
with the `as_*` converters below; `dumper` stays as the way to dump a schema fast elsewhere and as what
bench/api_ab.py measures them against.
"""
from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from functools import cache
from typing import Any

import marshmallow
from marshmallow import Schema, missing

from shared.web import fields as shared_fields

# marshmallow's own field classes: whether a field formats as one of them is decided by their `_serialize`
# (shared.web.fields subclasses them for loading, and its DateTime for dumping too)
fields = marshmallow.fields
Dump = Callable[[Any], Any]


class Dumped(dict):
    """A value already in the form its schema dumps it to (reference data built once, e.g. a municipality with its
    names): a compiled Nested field passes it as it is instead of dumping it again for every row. Whoever makes
    one answers for `Schema().dump(value) == value` (a test should say so); marshmallow itself dumps it as usual.
    """

    __slots__ = ()


def _value(obj: Any, key: str) -> Any:
    """marshmallow.utils.get_value for a key without dots: obj[key], else the attribute, else missing."""
    if isinstance(obj, dict) and key in obj:
        return obj[key]
    if not hasattr(obj, "__getitem__"):
        return getattr(obj, key, missing)
    try:
        return obj[key]
    except (KeyError, IndexError, TypeError, AttributeError):
        return getattr(obj, key, missing)


def _text(value):
    if value is None:
        return None
    return value.decode("utf-8") if isinstance(value, bytes) else str(value)


def _str(value):
    return None if value is None else str(value)


def _plain(value):
    return value


def _none_or(convert: Dump) -> Dump:
    return lambda value: None if value is None else convert(value)


def _utc_then(convert: Dump) -> Dump:
    """shared.web.fields.DateTime: a naive moment is UTC."""
    return lambda value: None if value is None else convert(
        value.replace(tzinfo=UTC) if isinstance(value, datetime) and value.tzinfo is None else value)


def _serializes_as(field: Any, base: Any) -> bool:
    """Whether the field formats values exactly as `base` does (a subclass that changes only loading counts)."""
    kind = type(field)
    return (isinstance(field, base) and kind._serialize is base._serialize
            and kind.serialize is fields.Field.serialize and kind.get_value is fields.Field.get_value)


def _simple(field: Any) -> Dump | None:  # a marshmallow field (the attributes read differ by its type)
    """A converter of a present value as the field's `_serialize` gives it; None when marshmallow must do it."""
    if _serializes_as(field, fields.String):
        return _text
    if _serializes_as(field, fields.UUID):
        return _str
    if _serializes_as(field, fields.Number) and type(field)._format_num is fields.Number._format_num \
            and not field.as_string and field.num_type in (int, float):
        return _none_or(field.num_type)
    for base in (fields.Date, fields.DateTime, shared_fields.DateTime):
        if _serializes_as(field, base) and field.format in base.SERIALIZATION_FUNCS:
            convert = _none_or(base.SERIALIZATION_FUNCS[field.format])
            return _utc_then(convert) if base is shared_fields.DateTime else convert
    if _serializes_as(field, fields.Nested) and not field.only and not field.exclude:
        schema = field.schema
        if schema.many:
            return None
        compiled = _compiled_instance(schema)

        def inner(value):
            return value if type(value) is Dumped else compiled(value)

        if field.many:
            return _none_or(lambda value: [inner(each) for each in value])
        return _none_or(inner)
    if _serializes_as(field, fields.List):
        item = _simple(field.inner)
        return None if item is None else _none_or(lambda value: [item(each) for each in value])
    if _serializes_as(field, fields.Mapping) and field.mapping_type is dict:
        if field.key_field is None and field.value_field is None:
            return _none_or(dict)
        key_item = _plain if field.key_field is None else _simple(field.key_field)
        value_item = _plain if field.value_field is None else _simple(field.value_field)
        if key_item is None or value_item is None:
            return None
        if key_item is _plain:
            return _none_or(lambda value: {k: value_item(v) for k, v in value.items()})
        return _none_or(lambda value: {key_item(k): value_item(v) for k, v in value.items()})
    if _serializes_as(field, fields.Field) and type(field) in (fields.Raw, fields.Boolean):
        return _plain  # marshmallow leaves these values as they are
    return None


def _plain_schema(schema: Schema) -> bool:
    """Whether dumping the schema is only its fields: no hooks, no only/exclude, no ordering of its own."""
    hooks = getattr(schema, "_hooks", {}) or {}
    dumping_hooks = any(hooks.get(k) for k in hooks if "dump" in str(k))
    return not dumping_hooks and not schema.only and not schema.exclude and type(schema).get_attribute is \
        Schema.get_attribute and not schema.many and schema.dict_class is dict


def _compiled_instance(schema: Schema) -> Dump:
    if not _plain_schema(schema):
        return schema.dump
    steps: list[tuple[str, str, Dump | None, fields.Field]] = []
    for name, field in schema.dump_fields.items():
        attribute = field.attribute or name
        key = field.data_key if field.data_key is not None else name
        convert = _simple(field) if "." not in attribute and field.dump_default is missing else None
        steps.append((key, attribute, convert, field))
    accessor = schema.get_attribute

    def dump(obj: Any) -> dict:
        out = {}
        # a dict (nearly every row a view builds): its own `get`, not _value's checks, for every field (a key it
        # lacks is missing, where marshmallow would fall back to a dict method of that name, e.g. `items`)
        read = obj.get if type(obj) is dict else None
        for key, attribute, convert, field in steps:
            if convert is None:  # marshmallow's own way for this field
                value = field.serialize(attribute, obj, accessor=accessor)
                if value is not missing:
                    out[key] = value
                continue
            value = read(attribute, missing) if read is not None else _value(obj, attribute)
            if value is not missing:
                out[key] = value if convert is _plain else convert(value)
        return out

    return dump


# For answers built by hand (a list's rows, issue 18): each converts a value as the named field of shared.web.fields
# dumps it, None as None; whoever builds an answer with them tests it against the schema's dump.
def as_text(value) -> str | None:
    """fields.String, fields.UUID."""
    return None if value is None else str(value)


def as_int(value) -> int | None:
    """fields.Integer."""
    return None if value is None else int(value)


def as_float(value) -> float | None:
    """fields.Float."""
    return None if value is None else float(value)


def as_day(value) -> str | None:
    """fields.Date."""
    return None if value is None else value.isoformat()


def as_moment(value) -> str | None:
    """shared.web.fields.DateTime: ISO 8601; a naive moment (SQLite) is UTC."""
    if value is None:
        return None
    return (value.replace(tzinfo=UTC) if value.tzinfo is None else value).isoformat()


@cache
def dumper(schema: type[Schema]) -> Dump:
    """A function giving what `schema().dump(obj)` gives, built once per process."""
    return _compiled_instance(schema())


__all__ = ["Dumped", "as_day", "as_float", "as_int", "as_moment", "as_text", "dumper"]
