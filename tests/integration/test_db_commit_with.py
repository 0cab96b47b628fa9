"""A transaction's last writes sent with its COMMIT (shared.db.Database.commit_with, issue 18's tenth round): on
PostgreSQL they and the COMMIT go in psycopg's pipeline mode, one round trip; a refusal of any is SQLAlchemy's error
at the COMMIT and nothing of the transaction is stored; the pool never hands out a connection in pipeline mode."""
from __future__ import annotations

import threading

import pytest
from sqlalchemy import Column, Integer, MetaData, String, Table, bindparam, event, insert, select, text
from sqlalchemy.exc import IntegrityError

from shared import db
from tests.support.statements import in_pipeline

metadata = MetaData()
items = Table("commit_with_items", metadata, Column("id", Integer, primary_key=True), Column("kind", String(10)))


@pytest.fixture
def database(pg_url):
    database = db.Database(pg_url, pool_size=2, max_overflow=0)
    metadata.create_all(database.engine)
    yield database
    database.dispose()


def _stored(database) -> list[tuple]:
    with database.session() as session:
        return [tuple(r) for r in session.execute(select(items).order_by(items.c.id))]


def test_the_writes_go_in_the_pipeline_with_the_commit(database):
    sent: list[tuple[str, bool]] = []

    def note(conn, _cursor, statement, *_args):
        sent.append((statement.split()[0], in_pipeline(conn)))

    event.listen(database.engine, "before_cursor_execute", note)
    try:
        with database.transaction() as session:
            session.execute(insert(items), {"id": 1, "kind": "first"})
            database.commit_with(session, lambda: (
                session.execute(insert(items).inline(), [{"id": 2, "kind": "b"}, {"id": 3, "kind": "c"}]),
                session.execute(text("NOTIFY commit_with_test"))))
    finally:
        event.remove(database.engine, "before_cursor_execute", note)
    assert sent == [("INSERT", False), ("INSERT", True), ("NOTIFY", True)]
    assert _stored(database) == [(1, "first"), (2, "b"), (3, "c")]


def test_a_refusal_in_the_pipeline_is_sqlalchemys_error_and_nothing_is_stored(database):
    with database.transaction() as session:
        session.execute(insert(items), {"id": 1, "kind": "kept"})
    # the unique violation of id 1, raised at the COMMIT
    with pytest.raises(IntegrityError) as raised, database.transaction() as session:
        session.execute(insert(items), {"id": 5, "kind": "before"})
        database.commit_with(session, lambda: session.execute(
            insert(items).inline(), [{"id": 6, "kind": "b"}, {"id": 1, "kind": "again"}]))
    assert db.is_unique_violation(raised.value)
    assert _stored(database) == [(1, "kept")]  # neither the statement before the pipeline nor those in it
    with database.transaction() as session:  # the pool's connections are usable, outside pipeline mode
        assert not in_pipeline(session.connection())
        session.execute(insert(items), {"id": 7, "kind": "after"})
    assert _stored(database) == [(1, "kept"), (7, "after")]


def test_threads_sharing_a_small_pool_never_get_a_connection_in_pipeline_mode(database):
    """SQLAlchemy's commit hands the connection back to the pool: done inside the pipeline, another thread could
    take it before the pipeline ended (seen under gunicorn as "connection not in pipeline mode")."""
    errors: list[BaseException] = []
    threads, each = 6, 40

    def writer(number: int) -> None:
        try:
            for i in range(each):
                key = number * 1000 + i
                with database.transaction() as session:
                    assert not in_pipeline(session.connection())
                    session.execute(insert(items), {"id": key, "kind": "a"})
                    database.commit_with(session, lambda s=session, k=key: s.execute(
                        insert(items).inline(), [{"id": k + 500, "kind": "b"}]))
        except BaseException as exc:  # noqa: BLE001 (reported by the test below)
            errors.append(exc)

    started = [threading.Thread(target=writer, args=(n,)) for n in range(threads)]
    for thread in started:
        thread.start()
    for thread in started:
        thread.join()
    assert errors == []
    assert len(_stored(database)) == threads * each * 2


def test_on_sqlite_the_writes_then_a_commit(tmp_path):
    database = db.Database(f"sqlite:///{tmp_path / 'x.db'}")
    metadata.create_all(database.engine)
    try:
        with database.transaction() as session:
            session.execute(insert(items), {"id": 1, "kind": "a"})
            database.commit_with(session, lambda: session.execute(insert(items).inline(), {"id": 2, "kind": "b"}))
        assert _stored(database) == [(1, "a"), (2, "b")]
    finally:
        database.dispose()


ADD_ITEM = db.Compiled(insert(items).values(id=bindparam("id"), kind=bindparam("kind")), fresh=("id", "kind"))


def test_a_write_alone_commits_by_itself_and_a_refusal_is_sqlalchemys_error(database):
    """Compiled.write_alone (the Idempotency-Key's statements): one statement through the driver, in autocommit."""
    ADD_ITEM.write_alone(database, {"id": 1, "kind": "alone"})
    assert _stored(database) == [(1, "alone")]  # committed: another connection reads it
    with pytest.raises(IntegrityError) as raised:
        ADD_ITEM.write_alone(database, {"id": 1, "kind": "again"})
    assert db.is_unique_violation(raised.value)
    for number in (10, 11, 12):  # the pool's connections (2, taken in turn) back in transactions, not autocommit
        with database.transaction() as session:
            assert session.connection().connection.driver_connection.autocommit is False
            session.execute(insert(items), {"id": number, "kind": "after"})
    assert _stored(database) == [(1, "alone"), (10, "after"), (11, "after"), (12, "after")]


def test_a_write_alone_on_sqlite(tmp_path):
    database = db.Database(f"sqlite:///{tmp_path / 'x.db'}")
    metadata.create_all(database.engine)
    try:
        ADD_ITEM.write_alone(database, {"id": 1, "kind": "a"})
        with pytest.raises(IntegrityError):
            ADD_ITEM.write_alone(database, {"id": 1, "kind": "b"})
        assert _stored(database) == [(1, "a")]
    finally:
        database.dispose()
