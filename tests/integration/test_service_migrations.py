"""Each service's history is one baseline revision (squashed after e3fc47f) that keeps the id of the head it
replaced: it builds exactly the service's tables on PostgreSQL and SQLite, goes down and up again, and a
database migrated to the old head needs nothing more."""
from __future__ import annotations

import json
import subprocess
import tarfile
from io import BytesIO
from pathlib import Path

import pytest
from alembic import command
from alembic.script import ScriptDirectory
from sqlalchemy import inspect, text

from shared.bus import migrations as bus
from shared.embedded import definition
from shared.migrations import alembic_config
from tests.support.databases import differences, migrated

pytestmark = pytest.mark.integration

ROOT = Path(__file__).resolve().parents[2]
SQUASHED_AFTER = "e3fc47f"  # the last commit with each service's whole history
HEADS = {"intake": "gaps_i0001", "matching": "dialogue_m0001", "environments": "idem_0001",
         "reporting": "fresh_r0001", "portal": "people_0001"}


def own_revisions(service: str) -> list[str]:
    script = ScriptDirectory.from_config(alembic_config(definition(service).migrations, "sqlite://"))
    return [r.revision for r in script.walk_revisions() if Path(r.path).parent != bus.VERSIONS]


def old_migrations(service: str, into: Path) -> str:
    """The service's migrations folder as it was before the squash (from git)."""
    archive = subprocess.run(["git", "archive", SQUASHED_AFTER, f"services/{service}/migrations"], cwd=ROOT,
                             capture_output=True, check=True).stdout
    with tarfile.open(fileobj=BytesIO(archive)) as tar:
        tar.extractall(into, filter="data")
    return str(into / "services" / service / "migrations")


@pytest.mark.parametrize("service", HEADS)
def test_the_baseline_is_the_only_revision_and_keeps_the_old_heads_id(service):
    assert own_revisions(service) == [HEADS[service]]


@pytest.mark.parametrize("service", HEADS)
def test_the_baseline_builds_exactly_the_tables_and_goes_down_and_up_again(service, database_url):
    with migrated(definition(service), database_url, "head") as (connection, cfg):
        assert differences(connection, definition(service).metadata) == []
        command.downgrade(cfg, "base")
        connection.commit()
        assert inspect(connection).get_table_names() == ["alembic_version"]
        command.upgrade(cfg, "head")
        connection.commit()
        assert differences(connection, definition(service).metadata) == []


@pytest.fixture
def another_url(database_url, tmp_path, request):
    """A second empty database on the same engine as `database_url`."""
    if database_url.startswith("sqlite"):
        yield f"sqlite:///{tmp_path / 'another.sqlite3'}"
        return
    postgres = request.getfixturevalue("postgres")
    url = postgres.create_database()
    yield url
    postgres.drop_database(url)


def _text(item) -> str:
    return json.dumps(item if isinstance(item, dict) else list(item), sort_keys=True, default=str)


def schema(connection) -> dict:
    """Everything a migrated database holds: tables with their columns in order (type, nullability, default),
    keys, constraints and indexes, its triggers and functions, and every row."""
    found: dict = {}
    inspector = inspect(connection)
    for table in inspector.get_table_names():
        found[table] = [
            [(c["name"], str(c["type"]), c["nullable"], str(c.get("default"))) for c in inspector.get_columns(table)],
            inspector.get_pk_constraint(table), *(sorted(map(_text, items)) for items in (
                inspector.get_foreign_keys(table), inspector.get_unique_constraints(table),
                inspector.get_indexes(table), inspector.get_check_constraints(table))),
            sorted(map(_text, connection.execute(text(f'SELECT * FROM "{table}"'))))]
    if connection.dialect.name == "sqlite":
        found["triggers"] = sorted(connection.execute(text(
            "SELECT name, sql FROM sqlite_master WHERE type = 'trigger'")))
    else:
        found["triggers"] = sorted(connection.execute(text(
            "SELECT pg_get_triggerdef(oid) FROM pg_trigger WHERE NOT tgisinternal")).scalars())
        found["functions"] = sorted(connection.execute(text(
            "SELECT pg_get_functiondef(p.oid) FROM pg_proc p WHERE p.pronamespace = 'public'::regnamespace")).scalars())
    return found


@pytest.mark.parametrize("service", HEADS)
def test_a_database_at_the_old_head_needs_nothing_and_holds_what_the_baseline_builds(service, database_url,
                                                                                       another_url, tmp_path):
    with migrated(definition(service), database_url, "base") as (connection, cfg):
        old = alembic_config(old_migrations(service, tmp_path), database_url)
        old.attributes["connection"] = connection
        command.upgrade(old, "head")
        connection.commit()
        built_by_the_history = schema(connection)
        command.upgrade(cfg, "head")
        connection.commit()
        assert connection.execute(text("SELECT version_num FROM alembic_version")).scalars().all() == [HEADS[service]]
        assert differences(connection, definition(service).metadata) == []
    with migrated(definition(service), another_url, "head") as (connection, _cfg):
        assert schema(connection) == built_by_the_history
