"""The marshmallow fields of every API schema: marshmallow's own, with text and numbers any database can keep.

Schemas import `fields` from here instead of from marshmallow, so that each text field refuses NUL and lone
surrogates, each whole number refuses fractions and values no integer column holds, and a month is one that
calendar arithmetic can handle. tests/unit/web/test_web_input_fields.py checks that every schema does.
"""
from __future__ import annotations

import decimal
import typing
from datetime import UTC, datetime

from marshmallow import ValidationError, validate
from marshmallow import fields as _fields
from marshmallow.fields import *  # noqa: F401,F403 - the rest of marshmallow's fields, unchanged

from shared.web.text import LARGEST_INTEGER, MONTH_MESSAGE, MONTH_PATTERN, SMALLEST_INTEGER, text_problem


# The classes below replace marshmallow's of the same name on purpose: hence the no-redef ignores.
class String(_fields.String):  # type: ignore[no-redef]
    """Text that every database can store: no NUL, no lone surrogate."""

    def _deserialize(self, value, attr, data, **kwargs) -> typing.Any:
        text = super()._deserialize(value, attr, data, **kwargs)
        problem = text_problem(text)
        if problem:
            raise ValidationError(problem)
        return text


class Integer(_fields.Integer):  # type: ignore[no-redef]
    """A whole number: 1.5 is refused rather than cut to 1, and it fits an integer column."""

    def __init__(self, *, strict: bool = False, **kwargs) -> None:
        super().__init__(strict=strict, **kwargs)
        # Validators rather than a check of its own, so that the OpenAPI document shows the bounds too;
        # only for a side the schema leaves open, so that one value gets one message.
        ranges = [v for v in self.validators if isinstance(v, validate.Range)]
        low = None if any(r.min is not None and r.min >= SMALLEST_INTEGER for r in ranges) else SMALLEST_INTEGER
        high = None if any(r.max is not None and r.max <= LARGEST_INTEGER for r in ranges) else LARGEST_INTEGER
        if low is not None or high is not None:
            self.validators.append(validate.Range(low, high))

    def _validated(self, value) -> int:
        if isinstance(value, float) and not value.is_integer():  # also infinity and NaN
            raise self.make_error("invalid", input=value)
        if isinstance(value, decimal.Decimal) and not (value.is_finite() and value == value.to_integral_value()):
            raise self.make_error("invalid", input=value)
        return super()._validated(value)


class Month(String):
    """A calendar month as YYYY-MM, in the years the network's dates may have."""

    def __init__(self, **kwargs) -> None:
        kwargs.setdefault("metadata", {"description": "a month, YYYY-MM"})
        super().__init__(validate=validate.Regexp(MONTH_PATTERN, error=MONTH_MESSAGE), **kwargs)


class DateTime(_fields.DateTime):  # type: ignore[no-redef]
    """A moment in ISO 8601 with its offset; a naive one (SQLite drops the zone) is UTC, as every service stores."""

    def _serialize(self, value, attr, obj, **kwargs):
        if isinstance(value, datetime) and value.tzinfo is None:
            value = value.replace(tzinfo=UTC)
        return super()._serialize(value, attr, obj, **kwargs)


class Email(_fields.Email, String):  # type: ignore[no-redef]
    """An e-mail address (marshmallow's rule) that is storable text."""


class Url(_fields.Url, String):  # type: ignore[no-redef]
    """A URL (marshmallow's rule) that is storable text."""


Str = String  # type: ignore[misc]
Int = Integer  # type: ignore[misc]
URL = Url  # type: ignore[misc]
