"""`kampus audit verify|review|prune`, and the command-line operations on personal data are logged."""
from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from click.testing import CliRunner
from sqlalchemy import text

from services.cli import main
from shared.audit import Actor, Entry, open_store
from shared.config import Config


@pytest.fixture
def data_dir(tmp_path, monkeypatch):
    """Every service's database and audit store in this test's own folder (SQLite, the default)."""
    monkeypatch.setenv("KAMPUS_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("KAMPUS_ORG", "sataedu")
    return tmp_path


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def entries(service: str) -> list[dict]:
    store = open_store(Config.from_env(service))
    try:
        return list(store.between())
    finally:
        store.dispose()


def add(service: str, *new: Entry, at: datetime | None = None) -> None:
    store = open_store(Config.from_env(service))
    try:
        store.append(list(new), at=at)
    finally:
        store.dispose()


def test_verify_passes_then_names_the_first_broken_entry(data_dir):
    manager = Actor("u1", "sataedu", "manager")
    add("intake", *(Entry("read", "client_card", "guidance", manager, subject_ids=(f"c{n}",)) for n in range(3)))
    result = run("audit", "verify", "intake")
    assert result.exit_code == 0 and "intake: 3 entries hold" in result.output
    store = open_store(Config.from_env("intake"))
    with store.engine.begin() as conn:  # an owner who drops the guard and edits an entry
        conn.execute(text("DROP TRIGGER audit_entries_no_update"))
        conn.execute(text("UPDATE audit_entries SET purpose = 'erasure' WHERE seq = 2"))
    store.dispose()
    broken = CliRunner().invoke(main, ["audit", "verify", "intake"])
    assert broken.exit_code == 1 and "intake: BROKEN at entry 2" in broken.output


def test_review_reports_and_is_itself_logged(data_dir):
    at = datetime(2026, 3, 10, 9, tzinfo=UTC)
    add("intake", Entry("read", "client_list", "guidance", Actor("u1", "sataedu", "manager"),
                        subject_ids=("c1", "c2")),
        Entry("read", "client_card", "guidance", Actor("u2", "samk", "manager"), subject_ids=("c1",),
              organisation="sataedu"), at=at)
    add("intake", Entry("read", "client_card", "guidance", Actor("u1", "sataedu", "manager"), subject_ids=("c3",)),
        at=at + timedelta(days=30))  # outside the period
    report = run("audit", "review", "--organisation", "sataedu", "--from", "2026-03-01", "--to", "2026-03-31",
                 "--lang", "en", "--service", "intake")
    assert report.exit_code == 0, report.output
    assert "Entries: 2" in report.output and "service guidance: 2" in report.output
    assert "Reads by users of another organisation\n  u2 (samk, manager): 1" in report.output
    as_csv = run("audit", "review", "--organisation", "sataedu", "--from", "2026-03-01", "--to", "2026-03-31",
                 "--csv", "--service", "intake")
    assert "action,read,,,luettu,2" in as_csv.output  # names in Finnish, the default
    logged = [e for e in entries("portal") if e["action"] == "command"]
    assert [(e["object_type"], e["purpose"], e["detail"]["command"]) for e in logged] == [
        ("audit_trail", "log_review", "audit review")] * 2
    assert logged[0]["actor"].startswith("cli:") and logged[0]["actor_role"] == "operator"


def test_prune_applies_the_retention_period_and_the_chain_still_verifies(data_dir):
    old = datetime.now(UTC) - timedelta(days=800)
    add("intake", Entry("read", "client_card", "guidance", subject_ids=("c1",)), at=old)
    add("intake", Entry("read", "client_card", "guidance", subject_ids=("c2",)))
    result = run("audit", "prune", "intake")
    assert "intake: removed 1 entries older than 730 days" in result.output
    assert "intake: 1 entries hold after entry 1" in run("audit", "verify", "intake").output


def test_command_line_operations_on_personal_data_are_logged(data_dir):
    assert run("intake", "anonymise-closed").exit_code == 0
    assert run("dead-letters", "list", "intake").exit_code == 0
    assert run("users", "list").exit_code == 0
    commands = [(e["action"], e["object_type"], e["purpose"], e["detail"]["command"]) for e in entries("intake")
                if e["action"] == "command"]
    assert commands == [("command", "client_record", "retention", "intake anonymise-closed"),
                        ("command", "dead_letters", "administration", "dead-letters list")]
    assert [(e["object_type"], e["detail"]["command"]) for e in entries("portal")] == [
        ("user_account", "users list")]
