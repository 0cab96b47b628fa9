"""The audit store on SQLite and PostgreSQL: the chain verifies, and a modified, deleted or reordered entry,
a tampered subjects index or a forged checkpoint is found; the database refuses UPDATE and DELETE."""
from __future__ import annotations

from contextlib import contextmanager
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from shared.audit import Actor, AuditStore, Entry

MANAGER = Actor("u-1", "sataedu", "manager")
T0 = datetime(2026, 1, 1, 12, 0, tzinfo=UTC)


@contextmanager
def opened(url: str, key: bytes = b"k" * 32):
    """Sataedu's intake audit store at `url`, closed afterwards."""
    store = AuditStore(url, service="intake", organisation="sataedu", key=key)
    try:
        yield store
    finally:
        store.dispose()


@pytest.fixture
def store(database_url):
    with opened(database_url) as store:
        store.ensure_schema()
        yield store


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
    with opened(pg_url) as store:
        fill(store, 1)
        for table in ("audit_entries", "audit_subjects", "audit_checkpoints"):
            with pytest.raises(DBAPIError, match="append-only"), store.engine.begin() as conn:
                conn.execute(text(f"TRUNCATE {table} CASCADE"))
        assert store.verify().checked == 1


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
    with opened(database_url, key=b"x" * 32) as other:
        assert not other.verify().ok


def many_kinds(store) -> None:
    """Entries with what canonical JSON must carry exactly: non-ASCII text, nested details, no actor, several
    clients (one twice), another controller, an entry of its own moment, several entries in one append."""
    store.append([Entry("read", "client_list", "guidance", MANAGER, subject_ids=("c1", "c2", "c1"),
                        detail={"fields": ["äidinkieli", "sukupuoli"], "n": 1.5, "nested": {"ö": [1, None]}}),
                  Entry("disclose", "event", "guidance", subject_ids=("c3",), organisation="samk",
                        object_ids=("e-1",), detail={"event": "intake.client.registered"}),
                  Entry("read", "client_card", "guidance", MANAGER, subject_ids=(),
                        at=datetime(2025, 3, 4, 5, 6, 7, 89, tzinfo=UTC))])


def test_on_postgresql_one_statement_appends_what_the_chain_verifies(pg_url):
    with opened(pg_url) as store:
        store.ensure_schema()
        fill(store, 2)
        many_kinds(store)
        assert store._server_append is True  # the server-side append wrote them
        result = store.verify()
        assert (result.ok, result.checked) == (True, 5)
        rows = list(store.between())
        assert [r["seq"] for r in rows] == [1, 2, 3, 4, 5]
        assert rows[2]["subject_ids"] == ["c1", "c2", "c1"] and rows[2]["detail"]["nested"] == {"ö": [1, None]}
        assert (rows[3]["actor"], rows[3]["organisation"], rows[3]["object_ids"]) == (None, "samk", ["e-1"])
        assert rows[4]["at"] == datetime(2025, 3, 4, 5, 6, 7, 89, tzinfo=UTC)
        assert [e["seq"] for e in store.trail("c1")] == [3, 1]  # the index names entry 3 once
        with store.engine.connect() as conn:
            assert conn.execute(text("SELECT count(*) FROM audit_subjects WHERE seq = 3")).scalar() == 2


def test_on_postgresql_the_server_side_append_continues_after_a_checkpoint_and_holds_under_concurrency(pg_url):
    from concurrent.futures import ThreadPoolExecutor

    with opened(pg_url) as store:
        fill(store, 3)
        assert store.prune(T0 + timedelta(days=3)) == 3  # every entry: the next starts from the checkpoint
        store.append([Entry("read", "client_card", "guidance", MANAGER, subject_ids=("c9",))])
        with ThreadPoolExecutor(8) as pool:  # writers take turns on the chain's end
            list(pool.map(lambda n: store.append([Entry("read", "client_card", "guidance", MANAGER,
                                                        subject_ids=(f"c{n}",))] * 2), range(20)))
        result = store.verify()
        assert (result.ok, result.checked, result.checkpoint) == (True, 41, 3)


@pytest.mark.parametrize("made_before", ["the server-side append", "the flush after the lock"])
def test_a_store_made_before_the_server_side_append_gets_it_or_appends_the_longer_way(pg_url, made_before):
    with opened(pg_url) as store:
        fill(store, 1)
        with store.engine.begin() as conn:
            conn.execute(text("DROP FUNCTION kampus_audit_append(json)"))
            conn.execute(text("DROP FUNCTION kampus_audit_append(json, boolean)"))
            if made_before == "the flush after the lock":  # only the function of one parameter was there
                conn.execute(text("CREATE FUNCTION kampus_audit_append(json) RETURNS bigint LANGUAGE sql "
                                  "AS 'SELECT 0::bigint'"))
    with opened(pg_url) as again:
        fill(again, 1)  # this role may create it: it does
        assert again._server_append is True
        with again.engine.connect() as conn:
            assert conn.execute(text("SELECT to_regprocedure('kampus_audit_append(json, boolean)')")).scalar()
        assert again.verify().checked == 2
        again._server_append = False  # a role that may not: the entries go in from Python, the chain the same
        many_kinds(again)
        assert again.verify().checked == 5


def test_the_owner_replaces_the_append_of_three_arrays_by_the_append_of_one_json(pg_url):
    with opened(pg_url) as store:
        store.ensure_schema(force=True)
        with store.engine.begin() as conn:  # a store migrated before: the function took the heads and tails apart
            conn.execute(text("CREATE FUNCTION kampus_audit_append(json, text[], text[]) RETURNS bigint "
                              "LANGUAGE sql AS 'SELECT 0::bigint'"))
        store.ensure_schema(force=True)
        with store.engine.connect() as conn:
            found = conn.execute(text("SELECT to_regprocedure('kampus_audit_append(json, text[], text[])'), "
                                      "to_regprocedure('kampus_audit_append(json)'), "
                                      "to_regprocedure('kampus_audit_append(json, boolean)')")).one()
        assert found[0] is None and found[1] is not None and found[2] is not None
        fill(store, 2)
        assert store.verify().checked == 2
