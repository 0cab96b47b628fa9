"""The data subject's rights: a complete export, erasure, the audit trail, and retention."""
from __future__ import annotations

import re
import uuid
from datetime import UTC, date, datetime

import pytest
from sqlalchemy import Boolean, Date, DateTime, Integer, String, Text, insert, select

from services.intake import SERVICE
from services.intake.db import clients, metadata, shared_client_notices
from services.intake.domain.clients import PERSONAL_FIELDS
from services.intake.handlers import gdpr
from services.intake.handlers.gdpr import anonymise_closed
from shared import clock
from shared.config import Config
from tests.integration.intake.client_helpers import API, as_student, intake, outbox, register, unique_client
from tests.support import network as net
from tests.support.erasure import erase, via
from tests.support.factories import audit_entries

pytestmark = pytest.mark.integration
RIGHTS = "/intake/api/v1/rights-requests"


def tables_with_a_client_id() -> set[str]:
    """Tables with a client's rows (the old audit_log aside: its rows live in the audit store now)."""
    return {t.name for t in metadata.tables.values() if "client_id" in t.c and t.name not in ("outbox", "audit_log")}


def _value(column, parents: dict):
    for fk in column.foreign_keys:
        return parents[fk.column.table.name][fk.column.name]
    kind = column.type
    if isinstance(kind, Boolean):
        return False
    if isinstance(kind, Integer):
        return 1
    if isinstance(kind, DateTime):
        return datetime.now(UTC)
    if isinstance(kind, Date):
        return clock.today()
    if isinstance(kind, (String, Text)):
        length = getattr(kind, "length", None) or 40
        return str(uuid.uuid4())[:length] if column.primary_key or column.unique else "x"[:length]
    return []  # JSON


def fabricate_rows_about(network, client_id: str) -> set[str]:
    """One row in every table that holds a client's data (and in the parents it needs); returns the tables."""
    scoped = {scope.table.name for scope in gdpr.scopes()}
    needed = set(scoped)
    for table in reversed(metadata.sorted_tables):
        if table.name in needed:
            needed |= {fk.column.table.name for fk in table.foreign_keys if fk.column.table is not clients}
    parents: dict = {}
    with intake(network).db.transaction() as session:
        for table in metadata.sorted_tables:
            if table.name not in needed:
                continue
            row = {}
            for column in table.columns:
                if column.name in ("client_id", "receiver_client_id") or any(
                        fk.column is clients.c.id for fk in column.foreign_keys):
                    row[column.name] = client_id
                elif (column.foreign_keys and not column.nullable
                      or not column.nullable and column.default is None and column.autoincrement is not True
                      and not (column.primary_key and isinstance(column.type, Integer))):
                    row[column.name] = _value(column, parents)
            result = session.execute(insert(table).values(**row))
            key = result.inserted_primary_key
            parents[table.name] = {**row, **{c.name: v for c, v in zip(table.primary_key.columns, key)}}
    return scoped


def test_the_export_holds_every_table_that_holds_a_client_id(manager, network):
    created = register(manager, consents={"service": True, "statistics": True})
    scoped = fabricate_rows_about(network, created["id"])
    assert tables_with_a_client_id() <= scoped, "tables with a client_id that the export would miss"
    response = manager.get(f"{API}/{created['id']}/export")
    assert response.status_code == 200
    document = response.get_json()
    assert document["client"]["id"] == created["id"] and document["client"]["last_name"] == "Äijälä"
    assert document["controller"] == "sataedu" and document["format"].startswith("kampus-intake-export")
    empty = sorted(name for name in scoped if not document["data"].get(name))
    assert empty == [], f"tables with the client's rows missing from the export: {empty}"
    assert {"needs", "path_goals", "path_steps", "path_step_history", "metric_answers", "profiles",
            "profile_skills", "outcomes", "referrals", "shared_client_notices", "suggestions",
            "environment_participations", "consents", "audit_log"} <= set(document["data"])
    assert document["data"]["audit_log"][0]["action"] == "create"
    assert any(e["action"] == "export" for e in document["data"]["audit_log"])  # the export itself is on it
    created_entry = document["data"]["audit_log"][0]
    assert (created_entry["object_type"], created_entry["purpose"]) == ("client_record", "registration")
    assert "action_name" in created_entry and "purpose_name" in created_entry


def test_a_student_downloads_their_own_data(manager, network):
    created = register(manager)
    student = as_student(network, created["id"])
    document = student.get(f"{API}/{created['id']}/export").get_json()
    assert document["client"]["id"] == created["id"]
    page = student.get("/intake/me/export")
    assert page.status_code == 200 and page.mimetype == "application/json"
    assert "attachment" in page.headers["Content-Disposition"] and page.headers["Cache-Control"] == "no-store"
    assert created["id"] not in page.headers["Content-Disposition"]  # the file's name shows the day, not an id
    assert re.search(r'filename="kampus-\d{4}-\d{2}-\d{2}\.json"', page.headers["Content-Disposition"])
    trail = manager.get(f"{API}/{created['id']}/audit").get_json()
    exports = [e for e in trail if e["action"] == "export"]
    assert [e["actor_role"] for e in exports if e["category"] == "personal"] == ["student", "student"]
    # the client's ESF flag is special-category data: its export is logged apart too
    assert [e["detail"] for e in exports if e["category"] == "special_category"] == [{"fields": ["disadvantaged"]}] * 2


def test_erasure_removes_the_personal_data_keeps_the_trail_and_tells_the_network(manager, network):
    created = register(manager, consents={"service": True, "profile_sharing": True})
    scoped = fabricate_rows_about(network, created["id"])
    erased = erase(via(manager), created["id"])
    assert erased.status_code == 200 and erased.get_json()["result"] == "erased"

    with intake(network).db.session() as session:
        row = session.execute(select(clients).where(clients.c.id == created["id"])).one()
        assert row.status == "erased" and row.erased_at is not None
        assert all(getattr(row, name) in (None, []) for name in PERSONAL_FIELDS)
        left = gdpr.client_data(session, created["id"])
    trail = [e for e in audit_entries(intake(network), created["id"])
             if e["action"] != "disclose" and e["category"] == "personal"]
    kept = {name for name, rows in left.items() if rows}
    # the records of the requests and decisions about the client stay (accountability); the trail is in the
    # audit store, kept there
    assert kept == {"consents", "rights_requests", "processing_restrictions", "erasure_decisions"}, kept
    assert "referrals" in scoped  # the referral stays for the other organisation, without the link
    assert (trail[-1]["action"], trail[-1]["purpose"], trail[-1]["detail"]) == (
        "erase", "erasure", {"by": "erasure decision"})
    event = outbox(network, created["id"])[-1]
    assert event["type"] == "intake.client.erased" and event["payload"] == {"client_id": created["id"]}

    again = erase(via(manager), created["id"])  # no request can be filed for an erased client
    assert again.status_code == 404
    assert manager.get(f"{API}/{created['id']}").status_code == 404
    assert manager.get(f"{API}/{created['id']}/export").status_code == 404
    assert created["id"] not in {c["id"] for c in manager.get(f"{API}?per_page=100").get_json()["items"]}


def test_no_door_erases_without_a_decision(manager, network):
    created = register(manager)
    events = len(outbox(network))
    for path in (f"{API}/{created['id']}/erasure", f"/intake/clients/{created['id']}/erase"):
        assert manager.post(path, json={"reason": "data_subject_request", "confirm": True}).status_code == 404
    access = manager.post(RIGHTS, json={"client_id": created["id"], "kind": "access",
                                        "received_on": clock.today().isoformat()}).get_json()
    assert manager.post(f"{RIGHTS}/{access['id']}/erasure-decision").status_code == 404  # not an erasure request
    assert manager.get(f"{API}/{created['id']}").get_json()["last_name"] == "Äijälä"
    assert len(outbox(network)) == events


@pytest.mark.parametrize("body, field", [
    ({"kind": "erasure", "received_on": "2026-01-05"}, "client_id"),
    ({"client_id": "nobody", "kind": "erasure", "received_on": "2026-01-05"}, "client_id"),
    ({"client_id": None, "received_on": "2026-01-05"}, "kind"),
    ({"client_id": None, "kind": "forgetting", "received_on": "2026-01-05"}, "kind"),
    ({"client_id": None, "kind": "erasure"}, "received_on"),
    ({"client_id": None, "kind": "erasure", "received_on": "5.1.2026"}, "received_on"),
    ({"client_id": None, "kind": "erasure", "received_on": "2999-01-05"}, "received_on"),
    ({"client_id": None, "kind": "erasure", "purpose": "matching", "received_on": "2026-01-05"}, "purpose")])
def test_an_erasure_request_with_bad_input_names_the_field_and_stores_nothing(manager, network, body, field):
    created = register(manager)
    body = {**body, "client_id": created["id"]} if body.get("client_id", "") is None else body
    events, requests = len(outbox(network)), len(manager.get(RIGHTS).get_json())
    response = manager.post(RIGHTS, json=body)
    assert response.status_code == 422 and field in response.get_json()["error"]["fields"], response.get_json()
    assert len(manager.get(RIGHTS).get_json()) == requests and len(outbox(network)) == events


def test_erasure_removes_the_notices_that_point_to_the_erased_client(network):
    body = unique_client(birth_date="2002-09-09")
    body["consents"] = {**body.get("consents", {"service": True}), "overlap": True}  # both consent to overlap detection
    mine = net.client_as(network, "manager1").post(API, json=body).get_json()
    theirs = net.client_as(network, "manager4").post(API, json=body).get_json()
    assert network.settle()

    def notices():
        with intake(network).db.session() as session:
            return session.execute(select(shared_client_notices.c.client_id, shared_client_notices.c.other_client_id)
                                   .where(shared_client_notices.c.client_id.in_([mine["id"], theirs["id"]]))).all()

    assert {(n.client_id, n.other_client_id) for n in notices()} == {
        (mine["id"], theirs["id"]), (theirs["id"], mine["id"])}
    assert erase(via(net.client_as(network, "manager1")), mine["id"]).status_code == 200
    assert network.settle()
    assert notices() == []


def test_closed_cases_past_their_retention_time_are_anonymised(manager, network):
    old = register(manager, entered_on="2025-01-02")
    assert manager.post(f"{API}/{old['id']}/close", json={"closed_on": "2025-02-01"}).status_code == 200
    recent = register(manager, entered_on="2025-01-02")
    manager.post(f"{API}/{recent['id']}/close", json={})
    active = register(manager, entered_on="2025-01-02")

    runtime = intake(network)
    assert anonymise_closed(runtime, 30, today=date(2025, 3, 15)) >= 1
    assert anonymise_closed(runtime, 30, today=date(2025, 3, 15)) == 0
    with runtime.db.session() as session:
        rows = {r.id: r for r in session.execute(select(clients).where(
            clients.c.id.in_([old["id"], recent["id"], active["id"]])))}
    last = [e for e in audit_entries(runtime, old["id"]) if e["action"] != "disclose"][-1]
    assert rows[old["id"]].status == "erased" and rows[old["id"]].anonymised_at is not None
    assert rows[old["id"]].first_name is None and rows[old["id"]].person_key is None
    assert (rows[recent["id"]].status, rows[active["id"]].status) == ("closed", "active")
    assert rows[recent["id"]].first_name is not None
    assert (last["action"], last["actor"], last["actor_organisation"]) == ("anonymise", None, "sataedu")
    assert (last["purpose"], last["detail"]) == ("retention", {"days": 30})
    assert outbox(network, old["id"])[-1]["type"] == "intake.client.erased"


def test_the_kampus_command_anonymises_old_closed_cases(manager, network):
    from click.testing import CliRunner

    from services.cli import main

    old = register(manager, entered_on="2024-01-02")
    manager.post(f"{API}/{old['id']}/close", json={"closed_on": "2024-02-01"})
    env = {"INTAKE_DATABASE_URL": intake(network).config.database_url, "KAMPUS_ORG": "sataedu"}
    bad = CliRunner().invoke(main, ["intake", "anonymise-closed", "--older-than-days", "-1"], env=env)
    assert bad.exit_code == 2
    result = CliRunner().invoke(main, ["intake", "anonymise-closed", "--older-than-days", "365"], env=env)
    assert result.exit_code == 0, result.output
    assert "anonymised" in result.output and "365 days" in result.output
    assert manager.get(f"{API}/{old['id']}").status_code == 404
    assert outbox(network, old["id"])[-1]["type"] == "intake.client.erased"


def test_the_kampus_command_announces_every_client_not_erased_again(manager, network):
    from click.testing import CliRunner

    from services.cli import main

    kept = register(manager)
    gone = register(manager)
    assert erase(via(manager), gone["id"]).status_code == 200
    before = {c: len([e for e in outbox(network, c) if e["type"] == "intake.client.registered"])
              for c in (kept["id"], gone["id"])}
    env = {"INTAKE_DATABASE_URL": intake(network).config.database_url, "KAMPUS_ORG": "sataedu"}
    result = CliRunner().invoke(main, ["intake", "announce-clients"], env=env)
    assert result.exit_code == 0, result.output
    assert "announced" in result.output
    after = {c: len([e for e in outbox(network, c) if e["type"] == "intake.client.registered"])
             for c in (kept["id"], gone["id"])}
    assert after == {kept["id"]: before[kept["id"]] + 1, gone["id"]: before[gone["id"]]}
    [again] = [e for e in outbox(network, kept["id"]) if e["type"] == "intake.client.registered"][-1:]
    assert again["source"]["organisation"] == "sataedu" and again["payload"] == {
        "client_id": kept["id"], "entered_on": kept["entered_on"]}


def test_production_refuses_the_development_person_key_secret(tmp_path, monkeypatch):
    monkeypatch.delenv("PERSON_KEY_SECRET", raising=False)
    config = Config(service="intake", database_url=f"sqlite:///{tmp_path / 'p.sqlite3'}", environment="production",
                    secret_key="s" * 40, jwt_secret="j" * 40,
                    portal_internal_url="http://portal:8000/").with_(allow_sqlite=True)
    with pytest.raises(RuntimeError, match="PERSON_KEY_SECRET"):
        SERVICE.create_app(config)
    app = SERVICE.create_app(config.with_(person_key_secret="p" * 40))
    assert app.extensions["kampus"].config.extra["person_key_secret"] == "p" * 40
    app.extensions["kampus"].close()


@pytest.mark.parametrize("dialect", ["sqlite", "postgresql"])
def test_the_audit_trail_is_append_only_in_the_database(dialect, tmp_path, postgres):
    """Nobody edits or removes audit entries, not even with SQL: the database refuses."""
    from sqlalchemy import delete, insert, update
    from sqlalchemy.exc import DBAPIError

    from services.intake import SERVICE
    from services.intake.db import audit_log
    from shared.config import Config
    from shared.events.envelope import utcnow

    url = f"sqlite:///{tmp_path / 'audit.sqlite3'}" if dialect == "sqlite" else postgres.create_database()
    runtime = SERVICE.runtime(Config(service="intake", database_url=url, testing=True))
    try:
        runtime.migrate()
        with runtime.db.transaction() as s:
            s.execute(insert(audit_log).values(at=utcnow(), client_id="c", action="read", what="w", why="y"))
        for statement in (update(audit_log).values(why="changed"), delete(audit_log)):
            with pytest.raises(DBAPIError, match="append-only"), runtime.db.transaction() as s:
                s.execute(statement)
        with runtime.db.session() as s:
            assert [r.why for r in s.execute(audit_log.select())] == ["y"]
    finally:
        runtime.close()
        if dialect == "postgresql":
            postgres.drop_database(url)
