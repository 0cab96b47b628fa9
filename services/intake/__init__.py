"""The intake service: clients with consent, needs, personal paths and metrics, competence profiles,
partners' competence needs, referrals and outcomes. Hosted by each member organisation."""
from __future__ import annotations

from pathlib import Path

from shared.config import Config
from shared.discovery import collect, merged_handlers
from shared.service import ServiceDefinition

from services.intake.db import metadata


def _setup(app, runtime) -> None:
    from services.intake.setup import setup

    setup(app, runtime)


SERVICE = ServiceDefinition(
    name="intake",
    title="Intake",
    description=("Clients with consent, needs, personal paths, personal metrics, competence profiles, partners' "
                 "competence needs, referrals and outcomes. Hosted by each member organisation."),
    metadata=metadata,
    package_dir=Path(__file__).parent,
    handlers=merged_handlers("services.intake.subscribers"),
    api_blueprints=lambda: collect("services.intake.api", "blp"),
    blueprints=lambda: collect("services.intake.web", "bp"),
    setup_app=_setup,
)


def create_app(config: Config | None = None):
    """Create the intake web app (WSGI), reading settings from the environment unless given."""
    return SERVICE.create_app(config)
