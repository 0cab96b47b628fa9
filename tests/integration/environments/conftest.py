"""One embedded network per test module (the tests make their own data, so they do not collide)."""
from __future__ import annotations

import pytest

from tests.integration.environments.helpers import network_on
from tests.support import network as net


@pytest.fixture(scope="module")
def network(tmp_path_factory):
    with network_on(tmp_path_factory) as built:
        yield built


@pytest.fixture(scope="module")
def manager(network):
    return net.client_as(network, "manager1")


@pytest.fixture(scope="module")
def other_manager(network):
    return net.client_as(network, "manager2")


@pytest.fixture(scope="module")
def partner(network):
    return net.client_as(network, "partner1")
