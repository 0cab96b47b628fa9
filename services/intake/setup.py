"""Start-up work of the intake app: reference data defaults (idempotent)."""
from __future__ import annotations

from services.intake.client_records import check_person_key_secret
from services.intake.metric_defaults import seed_default_scales


def setup(app, runtime) -> None:
    """Runs once per app after migrations; each area may add its defaults here."""
    seed_default_scales(runtime)
    check_person_key_secret(runtime.config)
