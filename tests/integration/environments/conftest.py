"""One embedded network per test module (the tests make their own data, so they do not collide)."""
from __future__ import annotations

import pytest

from tests.support import network as net

network = net.module_network("env")


@pytest.fixture(scope="module")
def manager(network):
    return net.client_as(network, "manager1")


@pytest.fixture(scope="module")
def other_manager(network):
    return net.client_as(network, "manager2")


@pytest.fixture(scope="module")
def partner(network):
    return net.client_as(network, "partner1")
