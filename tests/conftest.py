"""Fixtures for real PostgreSQL and RabbitMQ.

Each server is taken from the environment (TEST_DATABASE_URL / TEST_AMQP_URL), else the one
on localhost, else started with testcontainers where Docker is available; otherwise the test
fails with a message saying how to get one. Nothing is skipped.
"""
from __future__ import annotations

import pytest

from tests.support import network as net
from tests.support.servers import Broker, PostgresServer, find_broker, find_postgres


def _made(make, remove):
    """What `make()` gives, for a fixture to yield, removed afterwards."""
    made = make()
    yield made
    remove(made)


@pytest.fixture(scope="session")
def postgres() -> PostgresServer:
    yield from _made(find_postgres, lambda server: server.close())


@pytest.fixture
def pg_url(postgres):
    """A fresh, empty PostgreSQL database for one test."""
    yield from _made(postgres.create_database, postgres.drop_database)


@pytest.fixture(scope="session")
def broker() -> Broker:
    """A RabbitMQ vhost of this test session (deleted afterwards)."""
    yield from _made(find_broker, lambda server: server.close())


@pytest.fixture
def amqp_url(broker):
    """A fresh vhost for one test, so queues and messages never leak between tests."""
    yield from _made(broker.create_vhost, broker.delete_vhost)


@pytest.fixture(scope="module")
def managers(network):
    """The demo's managers calling the module's network, by organisation (sataedu, samk, winnova)."""
    return net.managers(network)


@pytest.fixture
def sqlite_url(tmp_path):
    return f"sqlite:///{tmp_path / 'test.sqlite3'}"


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request):
    """An empty database for one test, which runs once on SQLite and once on PostgreSQL."""
    return request.getfixturevalue("sqlite_url" if request.param == "sqlite" else "pg_url")


@pytest.fixture(scope="session")
def _data_dir(tmp_path_factory):
    return tmp_path_factory.mktemp("kampus-data")


@pytest.fixture(autouse=True)
def _data_outside_the_checkout(_data_dir, monkeypatch):
    """Settings read from the environment keep their files (SQLite, a development network's secrets) in a
    temporary KAMPUS_DATA_DIR, never in the checkout's var/; a test may set its own."""
    monkeypatch.setenv("KAMPUS_DATA_DIR", str(_data_dir))


def pytest_configure(config):
    """Passwords are hashed at Argon2id's lowest cost in tests (argon2-cffi's own test profile): every network
    a test builds seeds ten demo users, and at the production cost (the library's defaults, kept in
    services/portal/handlers/identity.py) their hashes alone took a third of a network's set-up. Verifying
    reads the cost from the hash, so logins, rehash checks and wrong passwords behave as in production."""
    from argon2 import PasswordHasher
    from argon2.profiles import CHEAPEST

    from services.portal.handlers import identity, invitations

    identity.hasher = invitations.hasher = PasswordHasher.from_parameters(CHEAPEST)


def pytest_collection_modifyitems(config, items):
    """The files holding a test marked slow run first (longest first is how a few workers finish together):
    `make test` hands whole files to its workers in this order, and a long file handed out last kept the
    others idle until it ended. The order within a file, and of the rest, is kept."""
    slow = {item.path for item in items if item.get_closest_marker("slow")}
    items.sort(key=lambda item: item.path not in slow)
