"""One JSON error shape for every API: {"error": {"code", "message", "fields"}}."""
from __future__ import annotations

from flask import Flask, jsonify, request
from marshmallow import Schema
from sqlalchemy.exc import IntegrityError, OperationalError
from werkzeug.exceptions import HTTPException

from shared.db import is_transient, is_unique_violation
from shared.errors import N_, Conflict, DomainError
from shared.web import fields

CODES = {400: "bad_request", 401: "unauthenticated", 403: "forbidden", 404: "not_found",
         405: "method_not_allowed", 409: "conflict", 413: "too_large", 415: "unsupported_media_type",
         422: "invalid", 429: "too_many_requests", 500: "internal_error", 503: "unavailable"}


SIMULTANEOUS = N_("Someone else did the same at the same moment, and theirs was saved first. "
                  "Reload the page and check the situation.")

# Built from a dict: a field named `fields` would hide both the module and the Schema's own `fields`.
ErrorDetail = Schema.from_dict({
    "code": fields.String(required=True, metadata={"description": "e.g. invalid, not_found, forbidden"}),
    "message": fields.String(required=True),
    "fields": fields.Dict(required=True, metadata={
        "description": "problems by field: a list of messages, or nested by field for objects and lists"}),
}, name="ErrorDetail")


class ErrorSchema(Schema):
    """The body of every error answer of the APIs (documented in each OpenAPI document)."""

    error = fields.Nested(ErrorDetail, required=True)


class ApiError(Exception):
    """An HTTP error an API route raises on purpose: status, code, message and field errors.

    Handlers and domain rules never raise it: they raise shared.errors' DomainError, answered below.
    """

    def __init__(self, status: int, message: str, fields: dict | None = None, code: str | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.fields = fields or {}
        self.code = code or CODES.get(status, "error")


def conflict(message: str, **fields) -> ApiError:
    return ApiError(409, message, fields or None)


def not_found(message: str = "Not found") -> ApiError:
    return ApiError(404, message)


def invalid(fields: dict, message: str = "Invalid input") -> ApiError:
    return ApiError(422, message, fields)


def error_body(status: int, message: str, fields: dict | None = None, code: str | None = None) -> dict:
    return {"error": {"code": code or CODES.get(status, "error"), "message": message, "fields": fields or {}}}


def _wants_json() -> bool:
    return request.path.startswith("/api/") or request.accept_mimetypes.best == "application/json" \
        or request.blueprint in (None, "health")


def _fields_of(exc: HTTPException) -> dict:
    data = getattr(exc, "data", None) or {}
    messages = data.get("messages") or {}
    fields: dict = {}
    for _location, per_field in messages.items():  # flask-smorest groups errors by location
        if isinstance(per_field, dict):
            fields.update(per_field)
        else:
            fields.setdefault("_schema", []).extend(per_field if isinstance(per_field, list) else [per_field])
    return fields


def register(app: Flask) -> None:
    """Answer API errors as JSON in the project's shape."""

    @app.errorhandler(ApiError)
    def _api_error(exc: ApiError):
        return jsonify(error_body(exc.status, exc.message, exc.fields, exc.code)), exc.status

    @app.errorhandler(DomainError)
    def _domain_error(exc: DomainError):
        """The one place a refused command becomes an answer: JSON for the API, a page for a browser."""
        if _wants_json():
            return jsonify(error_body(exc.status, exc.message, exc.fields, exc.code)), exc.status
        from shared.web.ui import render_error, render_refusal

        return render_error(exc.status) if exc.status in (403, 404) else render_refusal(exc)

    @app.errorhandler(IntegrityError)
    def _integrity(exc: IntegrityError):
        """A unique constraint refused a second row: two people (or one client's retry) did the same thing at
        once, and the other was first. That is a conflict to reload and check, not the server's fault."""
        if not is_unique_violation(exc):
            return _unexpected(exc)
        return _domain_error(Conflict(SIMULTANEOUS, on=None, code="simultaneous_change"))

    @app.errorhandler(OperationalError)
    def _database_busy(exc: OperationalError):
        """The database could not serve the request now (a lock, a serialization failure, a lost connection):
        nothing was stored, and the same request may well succeed in a moment."""
        if not is_transient(exc):
            return _unexpected(exc)
        app.logger.warning("database_busy: %s", type(exc.orig).__name__)
        if _wants_json():
            response = jsonify(error_body(503, "The database is busy: nothing was stored. Try again shortly."))
        else:
            from shared.web.ui import render_error

            response = render_error(503)
        response = app.make_response(response)
        response.status_code = 503
        response.headers["Retry-After"] = "1"
        return response

    @app.errorhandler(HTTPException)
    def _http_error(exc: HTTPException):
        if not _wants_json():
            return exc
        fields = _fields_of(exc)
        message = "Invalid input" if exc.code == 422 else (exc.description or exc.name)
        response = jsonify(error_body(exc.code or 500, message, fields))
        response.status_code = exc.code or 500
        for key, value in (exc.get_headers() or []):
            if key.lower() not in ("content-type", "content-length"):
                response.headers[key] = value
        return response

    @app.errorhandler(Exception)
    def _unexpected(exc: Exception):
        app.logger.exception("unhandled_error")
        if _wants_json():
            return jsonify(error_body(500, "Internal error")), 500
        from shared.web.ui import render_error

        return render_error(500)
