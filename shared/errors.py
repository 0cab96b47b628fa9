"""The errors a command or a rule raises, free of HTTP: one place (shared.web.errors) answers them.

A handler or a domain rule raises `NotFound`, `Forbidden`, `Conflict` or `Invalid`; the web layer turns
them into the API's JSON error (404, 403, 409, 422) or a page's error. Messages are English, marked
with `N_` so that pages can translate them.
"""
from __future__ import annotations


def N_(message: str) -> str:
    """Mark a message for translation: pages translate it, the API answers it in English."""
    return message


class DomainError(Exception):
    """A command that cannot be done, for a reason the user can be told."""

    status = 400
    code = "bad_request"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    @property
    def fields(self) -> dict:
        return {}


class NotFound(DomainError):
    """No such thing, or none this principal may see (the two are not told apart)."""

    status, code = 404, "not_found"

    def __init__(self, message: str = "Not found") -> None:
        super().__init__(message)


class Forbidden(DomainError):
    """The principal sees the thing but may not do this to it."""

    status, code = 403, "forbidden"

    def __init__(self, message: str = "Forbidden") -> None:
        super().__init__(message)


class Conflict(DomainError):
    """The state does not allow this now; `reason` may hold %(name)s placeholders filled from details.

    `on` names the field the API reports the conflict under (default "status"), `code` the error code.
    """

    status = 409

    def __init__(self, reason: str, *, on: str | None = "status", code: str = "conflict", **details) -> None:
        self.reason = reason
        self.details = details
        self.on = on
        self.code = code
        super().__init__(reason % details if details else reason)

    @property
    def fields(self) -> dict:
        return {self.on: [self.message]} if self.on else {}


class Invalid(DomainError):
    """Input that breaks a rule, by field: {"field": ["message", ...]} (nested for objects)."""

    status, code = 422, "invalid"

    def __init__(self, fields: dict, message: str = "Invalid input") -> None:
        super().__init__(message)
        self._fields = fields

    @property
    def fields(self) -> dict:
        return self._fields


def require(problems: dict) -> None:
    """Raise Invalid when there are field problems."""
    if problems:
        raise Invalid(problems)
