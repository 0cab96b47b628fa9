"""The environments domain: plain Python rules, no Flask, SQLAlchemy or pika.

A rule that refuses raises shared.errors' `Conflict` (the state does not allow it: HTTP 409) or
`Invalid` (the input is wrong: HTTP 422, by field). Messages are English, marked with `N_` so the
pages can translate them.
"""
from __future__ import annotations

from shared.errors import N_, Conflict, Forbidden, Invalid, NotFound, require

__all__ = ["N_", "Conflict", "Forbidden", "Invalid", "NotFound", "require"]
