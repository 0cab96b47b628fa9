"""Schema pieces every API shares: the arguments of a paged list and the envelope of a page."""
from __future__ import annotations

from marshmallow import Schema, validate

from shared.web import fields


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
