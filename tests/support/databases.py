"""An empty database for each engine the services run on: for tests of a service's migrations.

Use: import `database_url` into a conftest.py (`# noqa: F401`) and take it as a test's argument.
"""
from __future__ import annotations

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
