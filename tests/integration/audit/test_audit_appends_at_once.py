"""Many threads appending to one audit store at once (as gunicorn's threads do): every entry is in the chain once,
each caller's entries together and in its order; on PostgreSQL the entries waiting are sent in one statement, a
failed statement fails each of its callers, and an append returns only when the WAL holding it is on disk, the
flush made after the chain's lock is released."""
from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
from sqlalchemy import event, text

from shared.audit import Actor, AuditStore, Entry
from shared.audit import store as module
from shared.audit.store import CHAIN_LOCK
from shared.db import make_engine
from tests.integration.audit.test_audit_store import opened

MANAGER = Actor("u-1", "sataedu", "manager")


def entry(thread: int, n: int, part: int = 0) -> Entry:
    return Entry("read", "client_list", "guidance", MANAGER, subject_ids=(f"c{thread}", f"d{n}"),
                 detail={"thread": thread, "n": n, "part": part})


def marks(store: AuditStore) -> list[tuple[int, int, int]]:
    return [(r["detail"]["thread"], r["detail"]["n"], r["detail"]["part"]) for r in store.between()]


def test_many_threads_appending_at_once_leave_every_entry_once_in_its_callers_order(database_url):
    threads, appends = 12, 15

    def appending(thread: int) -> None:
        for n in range(appends):  # two entries an append: they must stay side by side
            store.append([entry(thread, n, 0), entry(thread, n, 1)])

    with opened(database_url) as store:
        store.ensure_schema()
        with ThreadPoolExecutor(threads) as pool:
            list(pool.map(appending, range(threads)))
        result = store.verify()
        assert (result.ok, result.checked) == (True, threads * appends * 2)
        found = marks(store)
        assert sorted(found) == [(t, n, p) for t in range(threads) for n in range(appends) for p in (0, 1)]
        for at in range(0, len(found), 2):  # each append's two entries together, in the order given
            assert (found[at][:2], found[at][2], found[at + 1][:2], found[at + 1][2]) == (
                found[at][:2], 0, found[at][:2], 1)
        for thread in range(threads):  # a thread's appends in the order it made them
            assert [n for t, n, p in found if t == thread and p == 0] == list(range(appends))
        assert len(store.trail("c3")) == appends * 2 and len(store.trail("d4")) == threads * 2


class HeldFirst:
    """The store's statements counted, the first held until `go` is set, and the one numbered `failing` raising."""

    def __init__(self, store: AuditStore, failing: int | None = None) -> None:
        self.store, self.failing, self.sent = store, failing, []
        self.first, self.go = threading.Event(), threading.Event()
        self.send = store._send
        store._send = self  # type: ignore[method-assign]

    def __call__(self, fragments, passed_on) -> None:
        self.sent.append([(f["detail"]["thread"], f["detail"]["n"]) for f in fragments])
        if len(self.sent) == 1:
            self.first.set()
            self.go.wait()
        if len(self.sent) == self.failing:
            raise RuntimeError("the statement failed")
        self.send(fragments, passed_on)

    def queued(self, count: int) -> None:
        """Wait until `count` callers wait for the turn (a loop, no timed assertion)."""
        while True:
            with self.store._turns._mutex:
                if len(self.store._turns._waiting) == count:
                    return
            time.sleep(0.005)


def run_held(store: AuditStore, held: HeldFirst, others: int) -> list[BaseException | None]:
    """Thread 0 appends first and is held in its statement; threads 1..others queue behind it one by one; then
    the first goes. Returns what each thread's append raised."""
    outcome: list[BaseException | None] = [None] * (others + 1)

    def appending(thread: int) -> None:
        try:
            store.append([entry(thread, 0)])
        except BaseException as exc:  # noqa: BLE001 (kept for the test to look at)
            outcome[thread] = exc

    running = [threading.Thread(target=appending, args=(0,))]
    running[0].start()
    held.first.wait()
    for thread in range(1, others + 1):
        running.append(threading.Thread(target=appending, args=(thread,)))
        running[-1].start()
        held.queued(thread)
    held.go.set()
    for each in running:
        each.join()
    return outcome


def test_on_postgresql_the_entries_waiting_for_the_turn_go_in_one_statement_in_the_order_they_came(pg_url):
    with opened(pg_url) as store:
        store.ensure_schema()
        held = HeldFirst(store)
        assert run_held(store, held, 5) == [None] * 6
        assert held.sent == [[(0, 0)], [(1, 0), (2, 0), (3, 0), (4, 0), (5, 0)]]
        assert [t for t, _, _ in marks(store)] == [0, 1, 2, 3, 4, 5]
        assert store.verify().ok


def test_on_postgresql_a_failed_statement_fails_every_caller_it_carried_and_appends_none_of_theirs(pg_url):
    with opened(pg_url) as store:
        store.ensure_schema()
        held = HeldFirst(store, failing=2)
        outcome = run_held(store, held, 3)
        assert outcome[0] is None
        assert [str(e) for e in outcome[1:]] == ["the statement failed"] * 3
        store.append([entry(9, 1)])  # the turn was passed on: the next append goes in
        assert [t for t, _, _ in marks(store)] == [0, 9]
        assert store.verify().ok


def test_on_postgresql_an_append_returns_when_its_wal_is_on_disk_flushed_after_the_lock_is_released(pg_url):
    """Right after the append's statement (its transaction committed, without waiting for the disk) the WAL's
    insert position is noted from another connection; when append returns, the WAL flushed to disk must reach it.
    And while the flush runs, nobody holds the chain's lock: the next append need not wait for this one's disk."""
    observer = make_engine(pg_url, isolation_level="AUTOCOMMIT")
    noted: list[int] = []
    locks_in_flush: list[int] = []

    def after(conn, cursor, statement, *_args) -> None:
        if statement.startswith("SELECT kampus_audit_append("):
            with observer.connect() as other:
                noted.append(other.execute(text("SELECT pg_current_wal_insert_lsn() - '0/0'")).scalar())

    def before(conn, cursor, statement, *_args) -> None:
        if "pg_logical_emit_message" in statement:
            with observer.connect() as other:
                locks_in_flush.append(other.execute(text(
                    "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND objid = :lock AND database = "
                    "(SELECT oid FROM pg_database WHERE datname = current_database())"),
                    {"lock": CHAIN_LOCK}).scalar())

    try:
        with opened(pg_url) as store:
            store.ensure_schema()
            event.listen(store.engine, "after_cursor_execute", after)
            event.listen(store.engine, "before_cursor_execute", before)
            for n in range(20):
                store.append([entry(1, n)])
                with observer.connect() as other:
                    flushed = other.execute(text("SELECT pg_current_wal_flush_lsn() - '0/0'")).scalar()
                assert flushed >= noted[-1]
            assert len(noted) == 20 and locks_in_flush == [0] * 20
            assert store.verify().checked == 20
    finally:
        observer.dispose()


@pytest.mark.parametrize("sql", ["SELECT kampus_audit_append(CAST(:rows AS json))",  # older processes'
                                 "SELECT kampus_audit_append(CAST(:rows AS json), false)"])
def test_on_postgresql_the_appends_flushed_under_the_lock_chain_with_the_others(pg_url, sql, monkeypatch):
    """During a deployment older processes call the function of one parameter (its commit flushed under the lock);
    their entries and the new processes' make one chain."""
    monkeypatch.setattr(module, "_SERVER_APPEND_FLUSHED", text(sql))
    with opened(pg_url) as store:
        store.ensure_schema(force=True)
        store.append([entry(1, 0)])
        store.flushed_after_lock = False
        store.append([entry(2, 0), entry(2, 1)])
        store.flushed_after_lock = True
        store.append([entry(3, 0)])
        assert [(t, n) for t, n, _ in marks(store)] == [(1, 0), (2, 0), (2, 1), (3, 0)]
        assert store.verify().checked == 4


def test_on_postgresql_the_append_sent_as_its_text_is_the_statement_sqlalchemy_sends(pg_url):
    """The append and the flush sent with `exec_driver_sql` (issue 18's twelfth round) against SQLAlchemy's execution
    of their `text()`: the same SQL and parameters reach the driver, and the entries make one chain."""
    sent: dict[bool, list[tuple[str, object]]] = {True: [], False: []}
    with opened(pg_url) as store:
        store.ensure_schema()

        def note(conn, cursor, statement, parameters, *_args) -> None:
            sent[store.as_text].append((statement, parameters))

        store.append([entry(9, 0)])  # the first looks for the server's append function once
        event.listen(store.engine, "before_cursor_execute", note)
        for as_text in (False, True):
            store.as_text = as_text
            store.append([entry(int(as_text), 0, part=7)], at=module.utcnow())
        event.remove(store.engine, "before_cursor_execute", note)
        assert [s for s, _p in sent[True]] == [s for s, _p in sent[False]] == [
            "SELECT kampus_audit_append(CAST(%(rows)s AS json), true)",
            "SELECT pg_logical_emit_message(true, 'kampus-audit-flush', '')"]
        assert [set(p) for _s, p in sent[True]] == [set(p) for _s, p in sent[False]] == [{"rows"}, set()]
        assert '"part": 7' in sent[True][0][1]["rows"] and '"thread": 1' in sent[True][0][1]["rows"]
        assert marks(store) == [(9, 0, 0), (0, 0, 7), (1, 0, 7)]
        assert store.verify().checked == 3
