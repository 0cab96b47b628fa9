"""The intake service: Clients with consent, needs, personal paths, personal metrics, competence profiles, partners' competence needs, referrals and outcomes. Hosted by each member organisation."""
from __future__ import annotations

from pathlib import Path

from shared.config import Config
from shared.service import ServiceDefinition

from services.intake.db import metadata
from services.intake.handlers import HANDLERS

SERVICE = ServiceDefinition(
    name="intake",
    title="Intake",
    description="Clients with consent, needs, personal paths, personal metrics, competence profiles, partners' competence needs, referrals and outcomes. Hosted by each member organisation.",
    metadata=metadata,
    package_dir=Path(__file__).parent,
    handlers=HANDLERS,
)


def create_app(config: Config | None = None):
    """Create the intake web app (WSGI), reading settings from the environment unless given."""
    return SERVICE.create_app(config)
