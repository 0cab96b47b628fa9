"""A network for tests with one service on PostgreSQL (an empty database on each engine: tests/conftest.py's
`database_url`)."""
from __future__ import annotations

from contextlib import contextmanager


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
