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


# Two registers of legal bases on SQLite: the default (guidance and statistics on a public task, ESF reporting on
# a legal obligation) and one whose members base guidance and statistics on consent.
@pytest.fixture(scope="module")
def public_task(tmp_path_factory):
    with network_on(tmp_path_factory) as network:
        yield network


@pytest.fixture(scope="module")
def on_consent(tmp_path_factory):
    with network_on(tmp_path_factory, bases={"guidance": "consent", "statistics": "consent"}) as network:
        yield network
