"""The reporting service: network indicators against targets, transition time, the funder's report
and open statistics, from its own raw log of every event."""
from __future__ import annotations

from pathlib import Path

from flask_babel import lazy_gettext as _l

from services.reporting.config import install
from services.reporting.db import metadata
from shared.service import ServiceDefinition, merge_handlers
from shared.web.navigation import NavEntry


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
    navigation=(
        NavEntry("reports", _l("Reports"), "/", roles=("manager", "coordinator"), order=140,
                 description=_l("The network's indicators against its targets, and the funder's report.")),
        NavEntry("network", _l("Network"), "/network", roles=("coordinator",), order=150,
                 description=_l("The member organisations, their service managers and the overlaps removed.")),
    ),
    metadata=metadata,
    package_dir=Path(__file__).parent,
    subscriptions=_subscriptions(),
    api_blueprints=_api_blueprints,
    blueprints=_blueprints,
    commands=_commands,
    setup_app=install,
)


create_app = SERVICE.create_app  # the WSGI app factory: `gunicorn "services.reporting:create_app()"`
