"""Payload schemas of every event, one module per producing service; here the pieces several of them carry."""
from __future__ import annotations

from marshmallow import Schema, fields, validate


class SkillLevel(Schema):
    """An ESCO skill and a level of it, 1–5."""
    uri = fields.String(required=True)
    level = fields.Integer(required=True, validate=validate.Range(1, 5))
