"""A network for tests with one service on PostgreSQL (an empty database on each engine: tests/conftest.py's
`database_url`)."""
from __future__ import annotations

from contextlib import contextmanager


@contextmanager
def network_with(tmp_path, service: str, postgres=None, **overrides):
    """The embedded network on SQLite, or with `service` on a fresh PostgreSQL database (dropped afterwards)."""
    from tests.support import network as net

    url = postgres.create_database() if postgres is not None else None
    network = net.build(tmp_path, database_urls={service: url} if url else None, **overrides)
    try:
        yield network
    finally:
        network.shutdown()
        if url:
            postgres.drop_database(url)


@contextmanager
def migrated(definition, database_url: str, revision: str):
    """A connection to `database_url` with the service's migrations run up to `revision`, and the Alembic config
    that goes on from there (`command.upgrade(cfg, "head")`)."""
    from alembic import command

    from shared.config import Config
    from shared.migrations import alembic_config

    runtime = definition.runtime(Config(service=definition.name, database_url=database_url, testing=True))
    cfg = alembic_config(runtime.migrations, runtime.db.url)
    try:
        with runtime.db.engine.connect() as connection:
            cfg.attributes["connection"] = connection
            command.upgrade(cfg, revision)
            yield connection, cfg
    finally:
        runtime.close()


def differences(connection, metadata) -> list:
    """What the migrated database differs in from the service's tables (none, when the migrations are right)."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    return compare_metadata(MigrationContext.configure(connection, opts={"compare_type": True}), metadata)
