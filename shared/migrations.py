"""Alembic migrations of a service, run on start and by `kampus migrate`."""
from __future__ import annotations

import logging
import os
import re
import zlib
from pathlib import Path

from alembic import command
from alembic.config import Config as AlembicConfig
from sqlalchemy import MetaData, text

from shared.bus import migrations as bus

logging.getLogger("alembic").setLevel(logging.WARNING)


def alembic_config(script_location: str, url: str) -> AlembicConfig:
    """The Alembic config of a service's migrations folder: its own revisions and the bus branch."""
    cfg = AlembicConfig()
    cfg.set_main_option("script_location", script_location)
    cfg.set_main_option("path_separator", "os")
    cfg.set_main_option("version_locations", os.pathsep.join(version_locations(script_location)))
    cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return cfg


def version_locations(script_location: str) -> list[str]:
    """The folders of a service's revisions: its own and the shared bus branch its first one revises.

    A folder with a root revision of its own (the identity store's, older than the branch, made the
    bus tables itself) does not take the branch.
    """
    own = Path(script_location, "versions")
    if any(_is_root(path) for path in own.glob("*.py")):
        return [str(own)]
    return [str(own), str(bus.VERSIONS)]


def _is_root(revision: Path) -> bool:
    return re.search(r"^down_revision = None$", revision.read_text(encoding="utf-8"), re.M) is not None


def upgrade(runtime, revision: str = "head") -> None:
    """Upgrade the runtime's database; on PostgreSQL under an advisory lock so replicas take turns."""
    if runtime.migrations is None:
        raise RuntimeError(f"{runtime.name} has no migrations")
    cfg = alembic_config(runtime.migrations, runtime.db.url)
    logging.getLogger("alembic").setLevel(logging.WARNING)
    with runtime.db.engine.connect() as connection:
        if connection.dialect.name == "postgresql":
            key = zlib.crc32(f"kampus-migrate-{runtime.name}".encode())
            connection.execute(text("SELECT pg_advisory_lock(:k)"), {"k": key})
            connection.commit()
        try:
            cfg.attributes["connection"] = connection
            command.upgrade(cfg, revision)
            connection.commit()
        finally:
            if connection.dialect.name == "postgresql":
                connection.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": key})
                connection.commit()


def run_env(context, metadata: MetaData) -> None:
    """The body of every service's migrations/env.py."""
    connection = context.config.attributes.get("connection")
    if connection is None:
        from shared.db import make_engine

        engine = make_engine(context.config.get_main_option("sqlalchemy.url"))
        with engine.connect() as connection:
            _run(context, metadata, connection)
            connection.commit()
        engine.dispose()
        return
    _run(context, metadata, connection)


def _run(context, metadata: MetaData, connection) -> None:
    context.configure(connection=connection, target_metadata=metadata,
                      render_as_batch=connection.dialect.name == "sqlite", compare_type=True)
    with context.begin_transaction():
        context.run_migrations()


# --- for revisions ---------------------------------------------------------------------------------------
def make_append_only(table: str) -> None:
    """In a revision's upgrade: the database itself refuses UPDATE and DELETE on `table` (PostgreSQL and SQLite)."""
    from alembic import op

    if op.get_bind().dialect.name == "postgresql":
        op.execute(f"""
            CREATE FUNCTION kampus_{table}_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN RAISE EXCEPTION '{table} is append-only'; END $$""")
        op.execute(f"""
            CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table}
            FOR EACH ROW EXECUTE FUNCTION kampus_{table}_append_only()""")
    else:
        for verb in ("UPDATE", "DELETE"):
            op.execute(f"""
                CREATE TRIGGER {table}_no_{verb.lower()} BEFORE {verb} ON {table}
                BEGIN SELECT RAISE(ABORT, '{table} is append-only'); END""")


def drop_append_only(table: str) -> None:
    """In a revision's downgrade: undo make_append_only(table)."""
    from alembic import op

    if op.get_bind().dialect.name == "postgresql":
        op.execute(f"DROP TRIGGER {table}_append_only ON {table}")
        op.execute(f"DROP FUNCTION kampus_{table}_append_only()")
    else:
        for verb in ("update", "delete"):
            op.execute(f"DROP TRIGGER {table}_no_{verb}")
