"""The reporting service: network indicators against targets, transition time, the funder's report
and open statistics, from its own raw log of every event."""
from __future__ import annotations

from pathlib import Path

from shared.config import Config
from shared.discovery import collect, merged_handlers
from shared.service import ServiceDefinition

from services.reporting.db import metadata

SERVICE = ServiceDefinition(
    name="reporting",
    title="Reporting",
    description="Network indicators against targets, transition time, the funder's report and open statistics.",
    metadata=metadata,
    package_dir=Path(__file__).parent,
    handlers=merged_handlers("services.reporting.subscribers"),
    api_blueprints=lambda: collect("services.reporting.api", "blp"),
    blueprints=lambda: collect("services.reporting.web", "bp"),
)


def create_app(config: Config | None = None):
    """Create the reporting web app (WSGI), reading settings from the environment unless given."""
    return SERVICE.create_app(config)
