"""The matching service: Explainable competence matching and multidisciplinary team building, pushed to service managers."""
from __future__ import annotations

from pathlib import Path

from shared.config import Config
from shared.service import ServiceDefinition

from services.matching.db import metadata
from services.matching.handlers import HANDLERS

SERVICE = ServiceDefinition(
    name="matching",
    title="Matching",
    description="Explainable competence matching and multidisciplinary team building, pushed to service managers.",
    metadata=metadata,
    package_dir=Path(__file__).parent,
    handlers=HANDLERS,
)


def create_app(config: Config | None = None):
    """Create the matching web app (WSGI), reading settings from the environment unless given."""
    return SERVICE.create_app(config)
