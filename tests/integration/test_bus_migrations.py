"""The bus tables are one shared Alembic branch: databases migrated with each service's old copy still upgrade."""
from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine, inspect, text

from shared.bus import migrations as bus
from shared.embedded import definition
from shared.migrations import alembic_config, version_locations

pytestmark = pytest.mark.integration

SERVICES = ("intake", "matching", "environments", "reporting")
ROOT = Path(__file__).resolve().parents[2]
# The last commit with a copy of the bus tables' revision in every service's own versions/.
OLD_COMMIT = "776de1bb89eee120db5ef4526fa4e3e9cdcbb385"
OLD_FILE = "migrations/versions/0001_bus_tables.py"


def old_bus_revision(service: str) -> str:
    """The service's own 0001_bus_tables.py as it was before the shared branch (from git when it can)."""
    try:
        return subprocess.run(["git", "show", f"{OLD_COMMIT}:services/{service}/{OLD_FILE}"], cwd=ROOT,
                              capture_output=True, text=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError):  # no git history (an exported tree): the same operations
        shared = (bus.VERSIONS / "0001_bus_tables.py").read_text(encoding="utf-8")
        return shared.replace("branch_labels = ('bus',)", "branch_labels = None")


def old_layout(service: str, into: Path) -> str:
    """A copy of the service's migrations folder with the bus revision in its own versions/, as before."""
    folder = into / "migrations"
    shutil.copytree(definition(service).migrations, folder, ignore=shutil.ignore_patterns("__pycache__"))
    (folder / "versions" / "0001_bus_tables.py").write_text(old_bus_revision(service), encoding="utf-8")
    return str(folder)


def upgrade(script_location: str, url: str, revision: str) -> None:
    cfg = alembic_config(script_location, url)
    engine = create_engine(url)
    with engine.connect() as connection:
        cfg.attributes["connection"] = connection
        command.upgrade(cfg, revision)
        connection.commit()
    engine.dispose()


@pytest.mark.parametrize("service", SERVICES)
@pytest.mark.parametrize("old_revision", ["0001", "head"])
def test_a_database_migrated_with_the_old_copy_upgrades_with_the_shared_branch(service, old_revision, database_url,
                                                                               tmp_path):
    old, new = old_layout(service, tmp_path), definition(service).migrations
    assert version_locations(old) == [str(Path(old, "versions"))]  # it has its own root: no shared branch
    upgrade(old, database_url, old_revision)
    upgrade(new, database_url, "head")
    engine = create_engine(database_url)
    with engine.connect() as connection:
        head = ScriptDirectory.from_config(alembic_config(new, database_url)).get_current_head()
        assert connection.execute(text("SELECT version_num FROM alembic_version")).scalars().all() == [head]
        assert {"inbox", "mailbox", "outbox"} <= set(inspect(connection).get_table_names())
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        assert compare_metadata(context, definition(service).metadata) == []
    engine.dispose()


@pytest.mark.parametrize("service", SERVICES)
def test_every_service_builds_on_the_bus_branch_once(service):
    location = definition(service).migrations
    assert version_locations(location) == [str(Path(location, "versions")), str(bus.VERSIONS)]
    assert not list(Path(location, "versions").glob("*bus*"))
    script = ScriptDirectory.from_config(alembic_config(location, "sqlite://"))
    assert script.get_bases() == [bus.ROOT]
    assert len(script.get_heads()) == 1
    root = script.get_revision(bus.ROOT)
    assert root.branch_labels == {"bus"} and Path(root.path).parent == bus.VERSIONS


def test_the_identity_store_keeps_its_own_first_revision():
    """Its first revision (the squashed baseline, people_0001) makes the bus tables with its own: no branch."""
    location = definition("portal").migrations
    assert version_locations(location) == [str(Path(location, "versions"))]
    script = ScriptDirectory.from_config(alembic_config(location, "sqlite://"))
    assert script.get_bases() == ["people_0001"]
    assert Path(script.get_revision("people_0001").path).parent != bus.VERSIONS
