"""The reporting service: network indicators against targets, transition time, the funder's report
and open statistics, from its own raw log of every event."""
from __future__ import annotations

from pathlib import Path

from shared.service import ServiceDefinition, merge_handlers

from services.reporting.config import install
from services.reporting.db import metadata

def _subscriptions() -> dict:
    """The events reporting consumes and the handler of each: the queue bindings and AsyncAPI derive from this."""
    from services.reporting.subscribers import raw_log

    return merge_handlers(raw_log.HANDLERS)


def _api_blueprints() -> list:
    """The JSON API, one blueprint per area (imported when an app is built)."""
    from services.reporting.api import indicators, open_data

    return [indicators.blp, open_data.blp]


def _blueprints() -> list:
    """The pages, one blueprint per area."""
    from services.reporting.web import dashboard, network

    return [dashboard.bp, network.bp]


def _commands() -> list:
    """The modules of handlers/: the report queries the API and the pages share, and the CLI's commands."""
    from services.reporting.handlers import queries, rebuild, synthetic

    return [queries, rebuild, synthetic]


SERVICE = ServiceDefinition(
    name="reporting",
    title="Reporting",
    description="Network indicators against targets, transition time, the funder's report and open statistics.",
    metadata=metadata,
    package_dir=Path(__file__).parent,
    subscriptions=_subscriptions(),
    api_blueprints=_api_blueprints,
    blueprints=_blueprints,
    commands=_commands,
    setup_app=install,
)


create_app = SERVICE.create_app  # the WSGI app factory: `gunicorn "services.reporting:create_app()"`
