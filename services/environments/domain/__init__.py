"""The environments domain: plain Python rules, no Flask, SQLAlchemy or pika.

A rule that refuses raises `Conflict` (the state does not allow it: HTTP 409) or `Invalid`
(the input is wrong: HTTP 422, by field). Messages are English, marked with `N_` so the pages
can translate them.
"""
from __future__ import annotations


def N_(message: str) -> str:
    """Mark a rule's message for translation: pages translate it, the API answers it in English."""
    return message


class Conflict(Exception):
    """The environment's state does not allow this now (the reason says why)."""

    def __init__(self, reason: str, **details) -> None:
        super().__init__(reason)
        self.reason = reason
        self.details = details

    @property
    def message(self) -> str:
        """The reason with its details filled in (English)."""
        return self.reason % self.details if self.details else self.reason


class Invalid(Exception):
    """Input that breaks a rule, by field: {"field": ["message", ...]}."""

    def __init__(self, fields: dict) -> None:
        super().__init__("Invalid input")
        self.fields = fields


def require(problems: dict) -> None:
    """Raise Invalid when there are field problems."""
    if problems:
        raise Invalid(problems)
