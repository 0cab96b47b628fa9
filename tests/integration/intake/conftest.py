"""Intake's integration tests: the embedded network (intake on SQLite and on PostgreSQL) and its manager.

A module that needs only SQLite marks itself with client_helpers.SQLITE_ONLY; a module that needs another
network or caller defines its own fixture of the same name.
"""
from __future__ import annotations

import pytest

from tests.integration.intake.client_helpers import network_on
from tests.support import network as net


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def network(request, tmp_path_factory):
    postgres = request.getfixturevalue("postgres") if request.param == "postgresql" else None
    marker = request.node.get_closest_marker("bases")  # a module's `pytestmark`: its members' legal bases
    with network_on(tmp_path_factory, postgres, marker.kwargs if marker else None) as network:
        yield network


@pytest.fixture(scope="module")
def manager(network):
    """Sataedu's service manager, calling the API."""
    return net.client_as(network, "manager1")
