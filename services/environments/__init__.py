"""The environments service: multidisciplinary project learning environments with partners —
roles, participants, gender-neutral review, evaluation and outcomes."""
from __future__ import annotations

from pathlib import Path

from shared.config import Config
from shared.discovery import collect, merged_handlers
from shared.service import ServiceDefinition

from services.environments.db import metadata

SERVICE = ServiceDefinition(
    name="environments",
    title="Project learning environments",
    description=("Multidisciplinary project learning environments with partners: roles, participants, "
                 "gender-neutral review, evaluation and outcomes."),
    metadata=metadata,
    package_dir=Path(__file__).parent,
    handlers=merged_handlers("services.environments.subscribers"),
    api_blueprints=lambda: collect("services.environments.api", "blp"),
    blueprints=lambda: collect("services.environments.web", "bp"),
)


def create_app(config: Config | None = None):
    """Create the environments web app (WSGI), reading settings from the environment unless given."""
    return SERVICE.create_app(config)
