"""Each service's history starts at one baseline revision (squashed after e3fc47f) that keeps the id of the
head it replaced: it builds exactly the service's tables on PostgreSQL and SQLite, goes down and up again, and
holds exactly what the old history built, as recorded in `data/pre_squash_schemas.json`.

That file was written from the old history itself (`python -m tests.integration.test_service_migrations`,
which takes the migrations of e3fc47f from git); a clone without that history still runs these tests."""
from __future__ import annotations

import json
import subprocess
import sys
import tarfile
import tempfile
from io import BytesIO
from pathlib import Path

import pytest
from alembic import command
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine, inspect, text

from shared.bus import migrations as bus
from shared.embedded import definition
from shared.migrations import alembic_config
from tests.support.databases import differences, migrated

pytestmark = pytest.mark.integration

ROOT = Path(__file__).resolve().parents[2]
SNAPSHOT = Path(__file__).parent / "data" / "pre_squash_schemas.json"
SQUASHED_AFTER = "e3fc47f"  # the last commit with each service's whole history
BASELINES = {"intake": "gaps_i0001", "matching": "dialogue_m0001", "environments": "idem_0001",
             "reporting": "fresh_r0001", "portal": "people_0001"}


def own_roots(service: str) -> list[str]:
    """The service's own revisions that stand on nothing of its own (the bus branch aside)."""
    script = ScriptDirectory.from_config(alembic_config(definition(service).migrations, "sqlite://"))
    own = {r.revision: r for r in script.walk_revisions() if Path(r.path).parent != bus.VERSIONS}
    def below(r) -> set:
        down = r.down_revision or ()
        return {down} if isinstance(down, str) else set(down)
    return [name for name, r in own.items() if not below(r) & own.keys()]


@pytest.mark.parametrize("service", BASELINES)
def test_the_history_starts_at_one_baseline_that_keeps_the_old_heads_id(service):
    assert own_roots(service) == [BASELINES[service]]


@pytest.mark.parametrize("service", BASELINES)
def test_the_baseline_builds_exactly_the_tables_and_goes_down_and_up_again(service, database_url):
    with migrated(definition(service), database_url, "head") as (connection, cfg):
        assert differences(connection, definition(service).metadata) == []
        command.downgrade(cfg, "base")
        connection.commit()
        assert inspect(connection).get_table_names() == ["alembic_version"]
        command.upgrade(cfg, "head")
        connection.commit()
        assert differences(connection, definition(service).metadata) == []


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


def normalised(found: dict) -> dict:
    """The schema as JSON would give it back (tuples become lists), to compare with the recorded one."""
    return json.loads(json.dumps(found, default=str))


@pytest.mark.parametrize("service", BASELINES)
def test_the_baseline_holds_exactly_what_the_old_history_built(service, database_url):
    recorded = json.loads(SNAPSHOT.read_text(encoding="utf-8"))
    with migrated(definition(service), database_url, BASELINES[service]) as (connection, _cfg):
        assert normalised(schema(connection)) == recorded[service][connection.dialect.name]


def old_migrations(service: str, into: Path) -> str:
    """The service's migrations folder as it was before the squash (from git)."""
    archive = subprocess.run(["git", "archive", SQUASHED_AFTER, f"services/{service}/migrations"], cwd=ROOT,
                             capture_output=True, check=True).stdout
    with tarfile.open(fileobj=BytesIO(archive)) as tar:
        tar.extractall(into, filter="data")
    return str(into / "services" / service / "migrations")


def record_the_old_history() -> None:
    """Write SNAPSHOT: what each service's old history (at SQUASHED_AFTER) builds on SQLite and PostgreSQL."""
    from tests.support.servers import find_postgres

    postgres = find_postgres()
    recorded: dict = {}
    try:
        for service in BASELINES:
            recorded[service] = {}
            with tempfile.TemporaryDirectory() as folder:
                for url in (f"sqlite:///{folder}/old.sqlite3", postgres.create_database()):
                    engine = create_engine(url.replace("postgresql://", "postgresql+psycopg://", 1))
                    with engine.connect() as connection:
                        cfg = alembic_config(old_migrations(service, Path(folder)), str(engine.url))
                        cfg.attributes["connection"] = connection
                        command.upgrade(cfg, "head")
                        connection.commit()
                        recorded[service][connection.dialect.name] = normalised(schema(connection))
                    engine.dispose()
                    if url.startswith("postgresql"):
                        postgres.drop_database(url)
    finally:
        postgres.close()
    SNAPSHOT.parent.mkdir(exist_ok=True)
    SNAPSHOT.write_text(json.dumps(recorded, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print(f"wrote {SNAPSHOT}", file=sys.stderr)


if __name__ == "__main__":
    record_the_old_history()
