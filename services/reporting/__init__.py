"""The reporting service: network indicators against targets, transition time, the funder's report
and open statistics, from its own raw log of every event."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l

from services.reporting.config import install
from services.reporting.db import metadata
from shared.service import ServiceDefinition
from shared.web.navigation import NavEntry


def _warm_worker(app, runtime) -> None:
    """The default reports, built in a new web worker before it takes requests."""
    from services.reporting.config import settings
    from services.reporting.handlers import queries
    from shared import clock

    with app.app_context():
        queries.default_reports(runtime, settings().default_period(clock.today()), settings().environments_target)


SERVICE = ServiceDefinition(
    name="reporting",
    package=__name__,
    title="Reporting",
    description="Network indicators against targets, transition time, the funder's report and open statistics.",
    navigation=(
        NavEntry("reports", _l("Reports"), "/", roles=("manager", "coordinator"), order=140,
                 description=_l("The network's indicators against its targets, and the funder's report.")),
        NavEntry("network", _l("Network"), "/network", roles=("coordinator",), order=150,
                 description=_l("The member organisations, their service managers and the overlaps removed.")),
        NavEntry("open_data", _l("Open data"), "/open-data", roles=("coordinator",), order=155,
                 description=_l("Build, review and publish the open-data releases the public reads.")),
    ),
    metadata=metadata,
    subscribers=("raw_log",),
    api=("indicators", "open_data", "subjects"),
    web=("dashboard", "definitions", "frozen", "network", "releases"),
    handlers=("frozen", "queries", "rebuild", "releases", "report_cache", "retention", "subjects", "synthetic"),
    setup_app=install,
    warm_worker=_warm_worker,
)


create_app = SERVICE.create_app  # the WSGI app factory: `gunicorn "services.reporting:create_app()"`
