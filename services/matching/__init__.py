"""The matching service: explainable competence matching and multidisciplinary team building, pushed to
service managers."""
from __future__ import annotations

from pathlib import Path

from shared.config import Config
from shared.discovery import collect, merged_handlers
from shared.service import ServiceDefinition

from services.matching.db import metadata


def _setup(app, runtime) -> None:
    """Load the engine from the read models once, at start, where this process handles events too."""
    from services.matching.live import engine_for

    live = engine_for(runtime)
    if live.authoritative:
        with runtime.db.session() as session:
            live.warm(session)


SERVICE = ServiceDefinition(
    name="matching",
    title="Matching",
    description="Explainable competence matching and multidisciplinary team building, pushed to service managers.",
    metadata=metadata,
    package_dir=Path(__file__).parent,
    handlers=merged_handlers("services.matching.subscribers"),
    api_blueprints=lambda: collect("services.matching.api", "blp"),
    blueprints=lambda: collect("services.matching.web", "bp"),
    setup_app=_setup,
)


def create_app(config: Config | None = None):
    """Create the matching web app (WSGI), reading settings from the environment unless given."""
    return SERVICE.create_app(config)
