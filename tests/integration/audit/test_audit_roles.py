"""The audit store's two roles on the real server, as the generated set-up makes them: the service writes as a
role that may only INSERT and SELECT, and only the owner (maintenance, `kampus audit prune`) removes entries."""
from __future__ import annotations

import uuid
from datetime import timedelta

import psycopg
import pytest
from click.testing import CliRunner
from sqlalchemy.exc import ProgrammingError

from services.cli import main
from shared.audit import Actor, Entry, open_store
from shared.config import Config
from shared.events.envelope import utcnow
from shared.network import parse
from shared.postgres_setup import audit_roles, init_sql, password_variable
from tests.integration.test_postgres_setup import run_psql

pytestmark = pytest.mark.integration
REFUSED = [
    "UPDATE audit_entries SET purpose = 'other'",
    "DELETE FROM audit_entries",
    "DELETE FROM audit_subjects",
    "TRUNCATE audit_entries",
    "TRUNCATE audit_checkpoints",
    "ALTER TABLE audit_entries DISABLE TRIGGER audit_entries_guard",
    "ALTER TABLE audit_entries DISABLE TRIGGER ALL",
    "DROP TABLE audit_subjects",
    "CREATE TABLE audit_entries_copy (seq bigint)",
    "INSERT INTO audit_checkpoints VALUES (99, 'x', 1, now(), 'x')",
]


@pytest.fixture
def deployed(postgres):
    """One intake under a name no other run uses, set up by the generated script; yields its URLs by role."""
    tag = uuid.uuid4().hex[:6]
    network = parse({"organisations": {f"org-{tag}": {"name": "Org", "kind": "educational_institution",
                                                       "member": True, "hosts": {"intake": "http://org.example/"}}}})
    service = f"intake_org_{tag}"
    owner, writer = audit_roles(service)
    roles = (service, owner, writer)
    result = run_psql(postgres.admin_url, init_sql(network), {password_variable(r): "pw-" + r for r in roles})
    assert result.returncode == 0, result.stderr
    host = postgres.admin_url.split("@", 1)[1].split("/", 1)[0]

    def url(role: str, database: str) -> str:
        return f"postgresql+psycopg://{role}:pw-{role}@{host}/{database}"

    try:
        yield {"org": f"org-{tag}", "service": url(service, service), "writer": url(writer, f"{service}_audit"),
               "owner": url(owner, f"{service}_audit"), "roles": roles}
    finally:
        with psycopg.connect(postgres.admin_url, autocommit=True) as conn:
            for database in (service, f"{service}_audit"):
                conn.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
            for role in roles:
                conn.execute(f'DROP ROLE IF EXISTS "{role}"')


def entry(client: str) -> Entry:
    return Entry(action="read", object_type="client_record", purpose="guidance", subject_ids=(client,),
                 object_ids=(client,), actor=Actor("u1", "sataedu", "manager"))


def test_the_writer_may_only_add_and_read_and_the_owner_prunes_under_a_checkpoint(deployed):
    env = {"INTAKE_DATABASE_URL": deployed["service"], "KAMPUS_ORG": deployed["org"],
           "INTAKE_AUDIT_DATABASE_URL": deployed["writer"], "INTAKE_AUDIT_ADMIN_DATABASE_URL": deployed["owner"],
           "AUDIT_SIGNING_KEY": "a-key-of-the-test"}
    migrated = CliRunner().invoke(main, ["migrate", "intake"], env=env)  # the owner makes the tables, grants
    assert migrated.exit_code == 0, migrated.output
    writer_env = {k: v for k, v in env.items() if k != "INTAKE_AUDIT_ADMIN_DATABASE_URL"}
    again = CliRunner().invoke(main, ["migrate", "intake"], env=writer_env)  # a pod with the writer's URL only
    assert again.exit_code == 0, again.output
    config = Config(service="intake", database_url=deployed["service"], organisation=deployed["org"],
                    testing=True).with_(audit_database_url=deployed["writer"], audit_signing_key="a-key-of-the-test",
                                        audit_admin_database_url=deployed["owner"])
    store = open_store(config)
    try:
        clients = [str(uuid.uuid4()) for _ in range(3)]
        store.append([entry(c) for c in clients])
        assert [e["subject_ids"] for e in store.trail(clients[1])] == [[clients[1]]]
        assert store.verify().ok and store.verify().checked == 3
        writer = deployed["writer"].replace("+psycopg", "")
        for statement in REFUSED:
            with psycopg.connect(writer) as conn, pytest.raises(psycopg.errors.InsufficientPrivilege):
                conn.execute(statement)
        with pytest.raises(ProgrammingError):
            store.prune(utcnow() + timedelta(days=1))
        assert store.verify().ok and store.verify().checked == 3  # nothing changed
    finally:
        store.dispose()

    with psycopg.connect(deployed["service"].replace("+psycopg", "")) as conn:  # the service's own role
        assert conn.execute("SELECT has_database_privilege(current_user, %s, 'CONNECT')",
                            (deployed["owner"].rsplit("/", 1)[1],)).fetchone()[0] is False
    with psycopg.connect(writer) as conn:
        owners = {r[0] for r in conn.execute("SELECT tableowner FROM pg_tables WHERE tablename LIKE 'audit_%'")}
        assert owners == {deployed["roles"][1]}  # the owner's, not the writer's

    owner = open_store(config, admin=True)
    try:
        assert owner.prune(utcnow() + timedelta(days=1)) == 3
    finally:
        owner.dispose()
    store = open_store(config)
    try:
        store.append([entry(str(uuid.uuid4()))])
        verified = store.verify()
        assert verified.ok and (verified.checkpoint, verified.checked) == (3, 1)
    finally:
        store.dispose()


def test_migrating_without_the_audit_logs_own_roles_names_them_and_keeps_the_password_out(deployed):
    """The generated set-up closes the audit database to the service's own role: `kampus migrate` given only
    DATABASE_URL says which database, which role and which settings, instead of a driver's traceback."""
    env = {"INTAKE_DATABASE_URL": deployed["service"], "KAMPUS_ORG": deployed["org"],
           "AUDIT_SIGNING_KEY": "a-key-of-the-test"}
    refused = CliRunner().invoke(main, ["migrate", "intake"], env=env)
    service = deployed["roles"][0]
    assert refused.exit_code == 1, refused.output
    assert f"Error: intake: the audit log's database {service}_audit cannot be reached as role {service}" in (
        refused.output)
    assert "AUDIT_ADMIN_DATABASE_URL" in refused.output and "AUDIT_DATABASE_URL as the writer" in refused.output
    assert "Traceback" not in refused.output and f"pw-{service}" not in refused.output
    with_owner = CliRunner().invoke(main, ["migrate", "intake"], env={
        **env, "INTAKE_AUDIT_DATABASE_URL": deployed["writer"], "INTAKE_AUDIT_ADMIN_DATABASE_URL": deployed["owner"]})
    assert with_owner.exit_code == 0 and with_owner.output == "intake: migrated\n", with_owner.output
