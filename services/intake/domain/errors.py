"""Refusals whose field messages differ from their message, as intake's API has always answered them."""
from __future__ import annotations

from shared.errors import Conflict, Forbidden


class ConflictWith(Conflict):
    """A conflict with its own field problems, e.g. {"status": ["accepted"]} beside "Cannot decline ..."."""

    def __init__(self, message: str, fields: dict, *, code: str = "conflict") -> None:
        super().__init__(message, on=None, code=code)
        self._fields = fields

    @property
    def fields(self) -> dict:
        return self._fields


class ForbiddenFor(Forbidden):
    """A refusal naming the field (or "_schema") that the principal may not change."""

    def __init__(self, message: str, fields: dict) -> None:
        super().__init__(message)
        self._fields = fields

    @property
    def fields(self) -> dict:
        return self._fields
