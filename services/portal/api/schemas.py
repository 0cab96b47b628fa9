"""The portal's token endpoint in its OpenAPI document (`/api/openapi.json`), so that API clients and the fuzz
know what it takes and answers (the route itself is a plain Flask route in api/tokens.py)."""
from __future__ import annotations

from flask import Flask
from marshmallow import Schema

from shared.web import fields


class TokenRequest(Schema):
    username = fields.String(required=True)
    password = fields.String(required=True)
    otp = fields.String(metadata={"description": "a one-time code (TOTP) or a recovery code, when the user has one"})


class Token(Schema):
    access_token = fields.String(required=True)
    token_type = fields.String(required=True, metadata={"description": "Bearer"})
    expires_in = fields.Integer(required=True, metadata={"description": "seconds"})


def document(app: Flask) -> None:
    """Add POST /auth/token to the portal's OpenAPI document."""
    spec = app.extensions["kampus_api"].spec
    spec.components.schema("TokenRequest", schema=TokenRequest)
    spec.components.schema("Token", schema=Token)
    rule = next(rule for rule in app.url_map.iter_rules() if rule.rule == "/auth/token")
    spec.path(path="/auth/token", rule=rule, operations={"post": {
        "summary": "Username and password for an access token (JSON only).",
        "tags": ["auth"],
        "requestBody": {"required": True, "content": {"application/json": {"schema": "TokenRequest"}}},
        "responses": {"200": {"description": "An access token",
                              "content": {"application/json": {"schema": "Token"}}},
                      "default": {"description": "Refused: the project's error body, 400, 401, 415, 422 or 429",
                                  "content": {"application/json": {
                                      "schema": {"$ref": "#/components/schemas/Error"}}}}}}})
