"""Start-up work of the intake app: reference data defaults (idempotent)."""
from __future__ import annotations


def setup(app, runtime) -> None:
    """Runs once per app after migrations; each area may add its defaults here."""
