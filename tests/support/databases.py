"""Databases for tests: an empty one on each engine (migration tests), a network with one service on PostgreSQL.

Use `database_url` by importing it into a conftest.py (`# noqa: F401`) and taking it as a test's argument.
"""
from __future__ import annotations

from contextlib import contextmanager

import pytest


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request, tmp_path):
    """An empty SQLite database, then a fresh PostgreSQL one (dropped afterwards)."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'migrations.sqlite3'}"
        return
    postgres = request.getfixturevalue("postgres")
    url = postgres.create_database()
    yield url
    postgres.drop_database(url)


@contextmanager
def network_with(tmp_path, service: str, postgres=None):
    """The embedded network on SQLite, or with `service` on a fresh PostgreSQL database (dropped afterwards)."""
    from tests.support import network as net

    url = postgres.create_database() if postgres is not None else None
    network = net.build(tmp_path, database_urls={service: url} if url else None)
    try:
        yield network
    finally:
        network.shutdown()
        if url:
            postgres.drop_database(url)
