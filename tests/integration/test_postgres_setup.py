"""The generated PostgreSQL set-up, run with psql on the real server, for a network of three intakes."""
from __future__ import annotations

import os
import subprocess
import uuid

import psycopg
import pytest

from shared.network import parse
from shared.postgres_setup import audit_roles, database_name, init_sql, password_variable

pytestmark = pytest.mark.integration


@pytest.fixture
def network():
    """Three member organisations' intakes, under names no other test run uses (roles are server-wide)."""
    tag = uuid.uuid4().hex[:6]
    orgs = {f"org{i}-{tag}": {"name": f"Org {i}", "kind": "educational_institution", "member": True,
                               "hosts": {"intake": f"http://org{i}.example/"}} for i in range(3)}
    return parse({"organisations": orgs}), tag


def run_psql(admin_url: str, script: str, env: dict) -> subprocess.CompletedProcess:
    return subprocess.run(["psql", admin_url, "-X", "-q", "-v", "ON_ERROR_STOP=1", "-f", "-"], input=script,
                          text=True, capture_output=True, env={**os.environ, **env}, timeout=120)


def test_the_script_creates_a_database_and_role_for_every_intake_each_closed_to_the_others(postgres, network):
    net, tag = network
    names = sorted(database_name(org, service) for org, service in net.instances())
    assert names == [f"intake_org{i}_{tag}" for i in range(3)]
    script = init_sql(net)
    roles = [role for name in names for role in (name, *audit_roles(name))]
    passwords = {password_variable(role): "pw-" + role for role in roles}
    admin = postgres.admin_url
    try:
        unset = f"INTAKE_ORG1_{tag.upper()}_DB_PASSWORD"
        missing = run_psql(admin, script, {k: v for k, v in passwords.items() if k != unset})
        assert missing.returncode != 0 and f"INTAKE_ORG1_{tag.upper()}_DB_PASSWORD is not set" in missing.stderr
        result = run_psql(admin, script, passwords)
        assert result.returncode == 0, result.stderr
        with psycopg.connect(admin, autocommit=True) as conn:
            owners = dict(conn.execute("SELECT datname, pg_get_userbyid(datdba) FROM pg_database "
                                       "WHERE datname = ANY(%s)", (names,)).fetchall())
            assert owners == {name: name for name in names}
            audit = dict(conn.execute("SELECT datname, pg_get_userbyid(datdba) FROM pg_database "
                                      "WHERE datname = ANY(%s)", ([n + "_audit" for n in names],)).fetchall())
            assert audit == {name + "_audit": name + "_audit" for name in names}  # its owner, not the service
            for name in names:
                assert conn.execute("SELECT rolcanlogin FROM pg_roles WHERE rolname = %s", (name,)).fetchone()[0]
                for other in roles:
                    allowed = conn.execute("SELECT has_database_privilege(%s, %s, 'CONNECT')",
                                           (other, name)).fetchone()[0]
                    assert allowed is (other == name), (other, name)
                    allowed = conn.execute("SELECT has_database_privilege(%s, %s, 'CONNECT')",
                                           (other, name + "_audit")).fetchone()[0]
                    assert allowed is (other in audit_roles(name)), (other, name + "_audit")
    finally:
        with psycopg.connect(admin, autocommit=True) as conn:
            for name in names:
                conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
                conn.execute(f'DROP DATABASE IF EXISTS "{name}_audit" WITH (FORCE)')  # its audit log's
                for role in (name, *audit_roles(name)):
                    conn.execute(f'DROP ROLE IF EXISTS "{role}"')


def test_one_organisation_gets_only_what_it_hosts(network):
    net, tag = network
    script = init_sql(net, organisation=f"org2-{tag}")
    assert f"('intake_org2_{tag}', :'intake_org2_{tag}_password')," in script
    assert f"('intake_org2_{tag}_audit_writer', :'intake_org2_{tag}_audit_writer_password');" in script
    assert f"org1_{tag}" not in script and f"org0_{tag}" not in script
    with pytest.raises(ValueError, match="hosts no service"):
        init_sql(parse({"organisations": {"x": {"name": "X", "kind": "company"}}}), organisation="x")
