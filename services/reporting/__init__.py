"""The reporting service: Network indicators against targets, transition time, the funder's report and open statistics."""
from __future__ import annotations

from pathlib import Path

from shared.config import Config
from shared.service import ServiceDefinition

from services.reporting.db import metadata
from services.reporting.handlers import HANDLERS

SERVICE = ServiceDefinition(
    name="reporting",
    title="Reporting",
    description="Network indicators against targets, transition time, the funder's report and open statistics.",
    metadata=metadata,
    package_dir=Path(__file__).parent,
    handlers=HANDLERS,
)


def create_app(config: Config | None = None):
    """Create the reporting web app (WSGI), reading settings from the environment unless given."""
    return SERVICE.create_app(config)
