"""The audit store on SQLite and PostgreSQL: the chain verifies, and a modified, deleted or reordered entry,
a tampered subjects index or a forged checkpoint is found; the database refuses UPDATE and DELETE."""
from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from shared.audit import Actor, AuditStore, Entry

MANAGER = Actor("u-1", "sataedu", "manager")
T0 = datetime(2026, 1, 1, 12, 0, tzinfo=UTC)


@pytest.fixture
def store(database_url):
    store = AuditStore(database_url, service="intake", organisation="sataedu", key=b"k" * 32)
    store.ensure_schema()
    yield store
    store.dispose()


def fill(store, count: int = 5) -> None:
    """`count` entries, one a day from T0, each about client c<n> (the first names two clients)."""
    for n in range(1, count + 1):
        subjects = ("c1", "c2") if n == 1 else (f"c{n}",)
        store.append([Entry("read", "client_card", "guidance", MANAGER, subject_ids=subjects,
                            detail={"n": n})], at=T0 + timedelta(days=n - 1))


def tamper(store, *statements: str) -> None:
    """Run SQL as someone who got past the guards (the owner switching the triggers off first)."""
    with store.engine.begin() as conn:
        if store.is_sqlite:
            for name in ("audit_entries_no_update", "audit_entries_no_delete", "audit_subjects_no_delete",
                         "audit_subjects_no_update"):
                conn.execute(text(f"DROP TRIGGER IF EXISTS {name}"))
        else:
            conn.execute(text("ALTER TABLE audit_entries DISABLE TRIGGER USER"))
            conn.execute(text("ALTER TABLE audit_subjects DISABLE TRIGGER USER"))
        for statement in statements:
            conn.execute(text(statement))


def test_a_valid_chain_verifies(store):
    fill(store)
    result = store.verify()
    assert (result.ok, result.checked, result.checkpoint) == (True, 5, 0)
    assert [e["seq"] for e in store.trail("c2")] == [2, 1]  # newest first; entry 1 named two clients


def test_a_modified_entry_is_found(store):
    fill(store)
    tamper(store, "UPDATE audit_entries SET purpose = 'erasure' WHERE seq = 3")
    result = store.verify()
    assert (result.ok, result.problem.seq, result.checked) == (False, 3, 2)
    assert "hash" in result.problem.reason


def test_a_deleted_entry_is_found(store):
    fill(store)
    tamper(store, "DELETE FROM audit_subjects WHERE seq = 2", "DELETE FROM audit_entries WHERE seq = 2")
    result = store.verify()
    assert (result.ok, result.problem.seq, result.checked) == (False, 3, 1)


def test_the_last_entry_deleted_is_found_by_the_subjects_index(store):
    fill(store)
    tamper(store, "DELETE FROM audit_entries WHERE seq = 5")
    result = store.verify()
    assert not result.ok and "subjects index" in result.problem.reason


def test_reordered_entries_are_found(store):
    """Entries 2 and 3 swap places (their numbers exchanged, content and hashes kept)."""
    fill(store)
    tamper(store, "UPDATE audit_entries SET seq = 100 WHERE seq = 2",
           "UPDATE audit_entries SET seq = 2 WHERE seq = 3",
           "UPDATE audit_entries SET seq = 3 WHERE seq = 100")
    result = store.verify()
    assert (result.ok, result.problem.seq, result.checked) == (False, 2, 1)


def test_the_database_refuses_update_and_delete(store):
    fill(store, 2)
    for statement in ("UPDATE audit_entries SET purpose = 'erasure'", "DELETE FROM audit_entries",
                      "UPDATE audit_subjects SET subject_id = 'x'", "DELETE FROM audit_subjects"):
        with pytest.raises(DBAPIError, match="append-only"), store.engine.begin() as conn:
            conn.execute(text(statement))
    assert store.verify().checked == 2


def test_truncate_is_refused_on_postgresql(pg_url):
    """(SQLite has no TRUNCATE: its DELETE guard above covers it.)"""
    store = AuditStore(pg_url, service="intake", organisation="sataedu", key=b"k" * 32)
    try:
        fill(store, 1)
        for table in ("audit_entries", "audit_subjects", "audit_checkpoints"):
            with pytest.raises(DBAPIError, match="append-only"), store.engine.begin() as conn:
                conn.execute(text(f"TRUNCATE {table} CASCADE"))
        assert store.verify().checked == 1
    finally:
        store.dispose()


def test_retention_removes_old_entries_under_a_signed_checkpoint_and_verification_still_holds(store):
    fill(store)
    assert store.prune(T0 + timedelta(days=2)) == 2  # the entries of day 1 and 2
    result = store.verify()
    assert (result.ok, result.checked, result.checkpoint) == (True, 3, 2)
    assert store.trail("c1") == []
    store.append([Entry("read", "client_card", "guidance", MANAGER, subject_ids=("c9",))])
    assert store.verify().checked == 4
    for statement in ("DELETE FROM audit_entries WHERE seq = 3",  # not covered by a checkpoint
                      "DELETE FROM audit_checkpoints", "UPDATE audit_checkpoints SET upto_seq = 5"):
        with pytest.raises(DBAPIError, match="append-only"), store.engine.begin() as conn:
            conn.execute(text(statement))


def test_a_forged_checkpoint_is_found(store):
    fill(store)
    store.prune(T0 + timedelta(days=1))
    with store.engine.begin() as conn:  # checkpoints are insert-only, but anyone who may insert could add one
        conn.execute(text("INSERT INTO audit_checkpoints (upto_seq, anchor_hash, removed, at, signature) "
                          "VALUES (3, :h, 2, :at, :s)"), {"h": "0" * 64, "at": T0, "s": "f" * 64})
    result = store.verify()
    assert not result.ok and "signature" in result.problem.reason


def test_another_key_does_not_verify_the_checkpoints(store, database_url):
    fill(store)
    store.prune(T0 + timedelta(days=1))
    other = AuditStore(database_url, service="intake", organisation="sataedu", key=b"x" * 32)
    try:
        assert not other.verify().ok
    finally:
        other.dispose()
