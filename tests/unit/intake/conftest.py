"""Intake's handler tests: a runtime on its own SQLite file, principals and a registered client."""
from __future__ import annotations

from datetime import date

import pytest

from services.intake import SERVICE
from services.intake.handlers import registration
from shared.auth import Principal
from shared.config import Config
from tests.support import privacy
from tests.support.factories import client_data, manager

TODAY = date(2025, 3, 3)


@pytest.fixture
def runtime(tmp_path, request):
    """Intake's runtime, migrated, on SQLite (the shared Config with this test's own settings).

    A test marked `bases(guidance="consent", ...)` runs with those legal bases in its network file.
    """
    marker = request.node.get_closest_marker("bases")
    network = privacy.network_file(tmp_path, marker.kwargs) if marker else None
    config = Config(service="intake", database_url=f"sqlite:///{tmp_path / 'intake.sqlite3'}", testing=True,
                    organisation="sataedu", network_file=network).with_(person_key_secret="k" * 40)
    runtime = SERVICE.runtime(config)
    runtime.migrate()
    yield runtime
    runtime.close()


@pytest.fixture
def register(runtime):
    """Register a client (consent to service given, others as asked) and return the row."""
    def _register(principal: Principal | None = None, decisions: dict | None = None, **data):
        with runtime.work() as work:
            return registration.register(work, principal or manager(), client_data(**data),
                                         {"service": True, **(decisions or {})}, today=TODAY)
    return _register
