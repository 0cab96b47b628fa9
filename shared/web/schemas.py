"""Schema pieces every API shares: the arguments of a paged list, the envelope of a page, the language asked for."""
from __future__ import annotations

from marshmallow import Schema, validate

from shared.web import fields
from shared.web.ui import LOCALES


class PageArgs(Schema):
    """Which page of a list to send (from 1) and how many items a page has."""

    page = fields.Integer(load_default=1, validate=validate.Range(min=1))
    per_page = fields.Integer(load_default=25, validate=validate.Range(1, 100))


class PageOut(Schema):
    """A page of a list: a subclass names its `items`; the total count, the page and its size."""

    total = fields.Integer()
    page = fields.Integer()
    per_page = fields.Integer()


class Timestamps(Schema):
    """When a record was created and last changed."""

    created_at = fields.DateTime()
    updated_at = fields.DateTime()


class Language(fields.String):
    """One of the network's languages (fi, sv, en), or none when left out (the answer is then in the user's)."""

    def __init__(self, description: str | None = None, **kwargs) -> None:
        if description:
            kwargs["metadata"] = {"description": description}
        super().__init__(validate=validate.OneOf(tuple(LOCALES)), load_default=None, **kwargs)


class LangArgs(Schema):
    """?lang: the language of the labels in the answer; without it, the user's language."""

    lang = Language("Language of labels and notes (fi, sv, en)")


class _KeptSchemas:
    """webargs' `_get_schema` for flask-smorest's parser, keeping one instance per schema class.

    `@blp.arguments(SchemaClass)` hands webargs the class, and webargs builds an instance of it for every request
    (marshmallow deep-copies each declared field, and a nested schema's too): ~0.3 ms of a POST's CPU. Loading with
    a schema instance keeps nothing of a request in it, so one per class serves every request, as an instance
    given to `arguments` would."""

    def __init__(self, parser) -> None:
        self.parser = parser
        self.original = type(parser)._get_schema
        self.kept: dict[type, Schema] = {}

    def __call__(self, argmap, req):
        if isinstance(argmap, type) and issubclass(argmap, Schema):
            schema = self.kept.get(argmap)
            if schema is None:
                schema = self.kept[argmap] = argmap()
            return schema
        return self.original(self.parser, argmap, req)


def keep_argument_schemas(on: bool = True) -> None:
    """Make flask-smorest's argument parser (one for every blueprint) keep its schema instances (or not again)."""
    from flask_smorest import Blueprint

    parser = Blueprint.ARGUMENTS_PARSER
    if on and not isinstance(parser.__dict__.get("_get_schema"), _KeptSchemas):
        parser._get_schema = _KeptSchemas(parser)
    elif not on:
        parser.__dict__.pop("_get_schema", None)
