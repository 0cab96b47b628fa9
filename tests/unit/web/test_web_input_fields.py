"""The input rules every service shares (shared.web.text, .fields, .forms, .input_guard), and that every API schema
and every page form of the network uses them, so that a new field or form cannot slip past them."""
from __future__ import annotations

import importlib
import pkgutil
import re
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
import wtforms
from marshmallow import Schema, ValidationError, validate
from marshmallow import fields as mf
from werkzeug.datastructures import MultiDict
from wtforms import IntegerField, StringField

import services
import shared
from shared.web import fields, input_guard
from shared.web.forms import PageForm, PlainForm
from shared.web.text import NUL_MESSAGE, SURROGATE_MESSAGE

ROOT = Path(__file__).resolve().parents[3]


def _import_everything() -> None:
    for package in (services, shared):
        for module in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
            if ".migrations" not in module.name:
                importlib.import_module(module.name)


def _subclasses(cls) -> set[type]:
    found = set()
    for sub in cls.__subclasses__():
        found |= {sub} | _subclasses(sub)
    return found


def _fields_of(field, seen: set) -> list:
    """A field and every field inside it: list items, dict keys and values, nested schemas."""
    found = [field]
    if isinstance(field, mf.List):
        found += _fields_of(field.inner, seen)
    elif isinstance(field, mf.Dict):
        for inner in (field.key_field, field.value_field):
            if inner is not None:
                found += _fields_of(inner, seen)
    elif isinstance(field, mf.Nested):
        nested = field.nested
        schema_class = nested if isinstance(nested, type) else type(nested) if isinstance(nested, Schema) else None
        if schema_class is not None and schema_class not in seen:
            seen.add(schema_class)
            for inner in schema_class._declared_fields.values():
                found += _fields_of(inner, seen)
    return found


def network_schemas() -> list[type]:
    _import_everything()
    return sorted((cls for cls in _subclasses(Schema) if cls.__module__.startswith(("services.", "shared.web"))),
                  key=lambda cls: f"{cls.__module__}.{cls.__qualname__}")


def test_every_api_schema_uses_the_shared_text_integer_and_datetime_fields():
    wrong = []
    for schema_class in network_schemas():
        for name, declared in schema_class._declared_fields.items():
            for field in _fields_of(declared, set()):
                if isinstance(field, mf.String) and not isinstance(field, (fields.String, mf.UUID)):
                    wrong.append(f"{schema_class.__module__}.{schema_class.__qualname__}.{name}: {type(field)}")
                if isinstance(field, mf.Integer) and not isinstance(field, fields.Integer):
                    wrong.append(f"{schema_class.__module__}.{schema_class.__qualname__}.{name}: {type(field)}")
                if isinstance(field, mf.DateTime) and not isinstance(field, fields.DateTime):
                    wrong.append(f"{schema_class.__module__}.{schema_class.__qualname__}.{name}: {type(field)}")
    assert network_schemas() and not wrong, "use `from shared.web import fields`:\n" + "\n".join(wrong)


def test_every_page_form_keeps_to_the_input_rules():
    _import_everything()
    forms = [cls for cls in _subclasses(wtforms.Form) if cls.__module__.startswith(("services.", "shared."))]
    assert len(forms) > 30
    wrong = [f"{cls.__module__}.{cls.__qualname__}" for cls in forms if not issubclass(cls, (PageForm, PlainForm))]
    assert not wrong, "subclass shared.web.forms.PageForm or PlainForm:\n" + "\n".join(wrong)


def test_no_module_reaches_past_the_shared_fields_and_forms():
    """Also forms made inside functions and bare FlaskForm() instances, which no class walk finds."""
    allowed = {ROOT / "shared/web/fields.py", ROOT / "shared/web/forms.py"}
    direct = re.compile(r"^from flask_wtf import .*\bFlaskForm\b|^from wtforms import [^\n]*\bForm\b|"
                        r"^from marshmallow import [^\n]*\bfields\b|^from marshmallow\.fields import", re.M)
    offenders = [str(path.relative_to(ROOT)) for tree in ("services", "shared") for path in (ROOT / tree).rglob("*.py")
                 if path not in allowed and "events/contracts" not in str(path) and "events/registry" not in str(path)
                 and direct.search(path.read_text(encoding="utf-8"))]
    assert not offenders, offenders


# --- the marshmallow fields ------------------------------------------------------------------------------------------
class Client(Schema):
    name = fields.String()
    level = fields.Integer(validate=validate.Range(0, 8))
    page = fields.Integer(validate=validate.Range(min=1))
    count = fields.Integer()
    period = fields.Month()
    at = fields.DateTime()


@pytest.mark.parametrize("data, field, message", [
    ({"name": "Ai\x00no"}, "name", NUL_MESSAGE),
    ({"name": "Aino\ud800"}, "name", SURROGATE_MESSAGE),
    ({"level": 1.5}, "level", "Not a valid integer."),
    ({"level": float("nan")}, "level", "Not a valid integer."),
    ({"level": float("inf")}, "level", "Not a valid integer."),
    ({"count": 2**31}, "count", "Must be greater than or equal to -2147483648 and less than or equal to 2147483647."),
    ({"count": -(2**31) - 1}, "count",
     "Must be greater than or equal to -2147483648 and less than or equal to 2147483647."),
    ({"page": 2**63}, "page", "Must be less than or equal to 2147483647."),
    ({"period": "0000-01"}, "period", "Give a month as YYYY-MM, between 1900-01 and 2999-12."),
    ({"period": "9999-12"}, "period", "Give a month as YYYY-MM, between 1900-01 and 2999-12."),
    ({"period": "2025-13"}, "period", "Give a month as YYYY-MM, between 1900-01 and 2999-12."),
])
def test_the_fields_refuse_what_no_service_can_keep_with_one_message(data, field, message):
    with pytest.raises(ValidationError) as refused:
        Client().load(data)
    assert refused.value.messages == {field: [message]}


def test_the_fields_keep_what_is_fine():
    loaded = Client().load({"name": "Äijälä\ttab", "level": 4.0, "page": 2**31 - 1, "count": -(2**31),
                            "period": "2999-12"})
    assert loaded == {"name": "Äijälä\ttab", "level": 4, "page": 2147483647, "count": -2147483648,
                      "period": "2999-12"}
    assert Client().load({"level": "3", "period": "1900-01"}) == {"level": 3, "period": "1900-01"}


def test_a_naive_moment_is_written_as_utc_and_an_aware_one_as_it_is():
    helsinki = timezone(timedelta(hours=2))
    assert Client().dump({"at": datetime(2026, 1, 2, 3, 4, 5)}) == {"at": "2026-01-02T03:04:05+00:00"}
    assert Client().dump({"at": datetime(2026, 1, 2, 3, 4, 5, tzinfo=helsinki)}) == {"at": "2026-01-02T03:04:05+02:00"}


def test_the_openapi_bounds_show_the_integer_range():
    from apispec import APISpec
    from apispec.ext.marshmallow import MarshmallowPlugin

    spec = APISpec("t", "1", "3.0.3", plugins=[MarshmallowPlugin()])
    spec.components.schema("Client", schema=Client)
    properties = spec.to_dict()["components"]["schemas"]["Client"]["properties"]
    assert (properties["page"]["minimum"], properties["page"]["maximum"]) == (1, 2147483647)
    assert (properties["level"]["minimum"], properties["level"]["maximum"]) == (0, 8)
    assert properties["period"]["pattern"] == r"^(19|2\d)\d{2}-(0[1-9]|1[0-2])$"


# --- JSON bodies -----------------------------------------------------------------------------------------------------
def nested(levels: int):
    value: list = []
    for _ in range(levels - 1):
        value = [value]
    return value


def test_a_body_of_32_levels_passes_and_33_names_the_top_field():
    assert input_guard.problems({"a": nested(31)}) == (None, {})
    assert input_guard.problems({"a": nested(32)}) == ("a", {})
    assert input_guard.problems(nested(33)) == ("0", {})  # an array body: its first item is the field


def test_unstorable_text_is_named_where_it_is_as_marshmallow_names_fields():
    too_deep, texts = input_guard.problems({"name": "a\x00", "skills": [{"uri": "ok"}, {"uri": "\udc00"}],
                                          "ok": "fine", "k\x00": 1})
    assert too_deep is None
    assert texts == {"name": [NUL_MESSAGE], "skills": {1: {"uri": [SURROGATE_MESSAGE]}}, "k\\x00": [NUL_MESSAGE]}
    assert input_guard.problems("\x00") == (None, {"json": [NUL_MESSAGE]})


# --- page forms ------------------------------------------------------------------------------------------------------
class PersonForm(PlainForm):
    name = StringField()
    seats = IntegerField()


def test_a_page_form_refuses_nul_beside_the_field_and_bounds_whole_numbers(request_as):
    with request_as(path="/", method="POST"):
        form = PersonForm(MultiDict({"name": "Ai\x00no", "seats": str(2**63)}))
        assert not form.validate()
        assert form.name.errors == ["Poista tekstistä NUL-merkki (näkymätön ohjausmerkki)."]  # Finnish first
        assert form.seats.errors == ["Anna kokonaisluku väliltä -2147483648–2147483647."]
        fine = PersonForm(MultiDict({"name": "Aino", "seats": "3"}))
        assert fine.validate() and fine.data == {"name": "Aino", "seats": 3}


@pytest.mark.parametrize("body, message", [
    (b'{"a": ', "Not valid JSON: Expecting value (line 1, column 7)."),
    (b'{"a": "\xff"}', "The body is not UTF-8 text."),
    (b'{"a": ' + b"9" * 5000 + b"}", "Not valid JSON: a number has too many digits."),
    (b"[" * 100_000, "Nested too deeply: at most 32 levels of arrays and objects."),
])
def test_every_way_a_body_fails_to_parse_is_400_naming_the_body(body, message):
    from shared.web.errors import ApiError

    with pytest.raises(ApiError) as refused:
        input_guard.parse(body)
    assert (refused.value.status, refused.value.fields) == (400, {"json": [message]})
