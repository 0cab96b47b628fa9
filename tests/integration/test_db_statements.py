"""Reads outside a transaction (shared.db.Database.statements): on PostgreSQL each statement is its own transaction,
so a one-statement read costs one round trip instead of three; a pooled connection goes back to transactions."""
from __future__ import annotations

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from shared import db


def test_each_statement_runs_on_its_own_and_the_pool_gets_a_transactional_connection_back(pg_url):
    database = db.Database(pg_url, pool_size=1, max_overflow=0)
    xid = text("SELECT txid_current()")
    try:
        with database.session() as session:  # in a transaction: one transaction id for both statements
            assert session.execute(xid).scalar_one() == session.execute(xid).scalar_one()
        with database.statements() as session:  # each statement its own transaction: a new id each
            first, second = session.execute(xid).scalar_one(), session.execute(xid).scalar_one()
            assert second > first
        with database.session() as session:  # the same pooled connection, in transactions again
            assert session.execute(xid).scalar_one() == session.execute(xid).scalar_one()
    finally:
        database.dispose()


def test_on_sqlite_it_is_an_ordinary_session(tmp_path):
    database = db.Database(f"sqlite:///{tmp_path / 'x.db'}")
    try:
        with database.statements() as session:
            assert session.execute(text("SELECT 41 + 1")).scalar_one() == 42
    finally:
        database.dispose()


def _compiled_checks(database: db.Database, *, fresh: tuple[str, ...] | None = None) -> db.Compiled:
    """A statement with an IN list, constants and a fresh value, through `db.Compiled` (its constants written into
    the SQL text where `fresh` names the fresh one): the rows SQLAlchemy's own execution gives, for each fresh value,
    and the fresh value alone changes between executions."""
    from datetime import UTC, date, datetime

    from sqlalchemy import Column, Date, DateTime, Integer, MetaData, String, Table, bindparam, func, insert, select

    metadata = MetaData()
    items = Table("compiled_items", metadata, Column("id", Integer, primary_key=True), Column("kind", String(10)),
                  Column("at", DateTime(timezone=True)), Column("day", Date))
    metadata.drop_all(database.engine)
    metadata.create_all(database.engine)
    at = [datetime(2026, 12, 7, hour, tzinfo=UTC) for hour in (8, 10, 12, 14)]
    with database.transaction() as session:
        session.execute(insert(items), [
            {"id": 1, "kind": "a", "at": at[0], "day": date(2026, 12, 7)},
            {"id": 2, "kind": "b", "at": at[1], "day": date(2026, 12, 7)},
            {"id": 3, "kind": "c", "at": at[2], "day": date(2026, 12, 7)},
            {"id": 4, "kind": "a", "at": at[3], "day": date(2026, 12, 8)},
            {"id": 6, "kind": "a", "at": at[0], "day": date(2026, 12, 6)}])  # the day, the moment leave it out
    statement = select(func.count().label("n"), func.max(items.c.id).label("last")).where(
        items.c.kind.in_(("a", "b")), items.c.id > 0, items.c.kind != "it's 100%",  # a value with ' and %
        items.c.day >= date(2026, 12, 7), items.c.at > datetime(2026, 12, 7, 7, 30, tzinfo=UTC),
        items.c.at <= bindparam("moment", at[0], type_=items.c.at.type))
    compiled = db.Compiled(statement, fresh=fresh)
    with database.session() as session:
        for moment, expected in ((at[0], (1, 1)), (at[2], (2, 2)), (at[3], (3, 4))):  # rows a@8, b@10, a@14
            by_sqlalchemy = tuple(session.execute(statement, {"moment": moment}).one())
            assert tuple(compiled.execute(session.connection(), {"moment": moment}).one()) == by_sqlalchemy == expected
        # a fresh value of no parameter is left out, as SQLAlchemy leaves it
        assert tuple(compiled.execute(session.connection(), {"moment": at[1], "nothing": 1}).one()) == (2, 2)
    # through the driver alone, on a pooled connection, twice (the connection goes back to the pool each time)
    assert compiled.first_row(database, {"moment": at[3]}) == (3, 4)
    assert compiled.first_row(database, {"moment": at[1]}) == (2, 2)
    with database.transaction() as session:  # the pooled connection takes a transaction again afterwards
        session.execute(insert(items), [{"id": 5, "kind": "b", "at": at[0], "day": date(2026, 12, 7)}])
    assert compiled.first_row(database, {"moment": at[0]}) == (2, 5)
    return compiled


def test_a_compiled_statement_answers_as_sqlalchemy_on_postgresql(pg_url):
    database = db.Database(pg_url, pool_size=1, max_overflow=0)  # named parameters, the IN list expanded once
    try:
        _compiled_checks(database)
        xid = text("SELECT txid_current()")
        with database.session() as session:  # the one pooled connection, read through the driver, in transactions
            assert session.execute(xid).scalar_one() == session.execute(xid).scalar_one()
    finally:
        database.dispose()


def test_a_compiled_statement_answers_as_sqlalchemy_on_sqlite(tmp_path):
    database = db.Database(f"sqlite:///{tmp_path / 'compiled.db'}")  # positional parameters, datetimes as text
    try:
        _compiled_checks(database)
        # constants are written into the text on PostgreSQL only: here every one stays a parameter
        compiled = _compiled_checks(database, fresh=("moment",))
        sql, fixed, _order, _processors = compiled._form(database.engine.dialect)
        assert "'a'" not in sql and "a" in fixed.values()
    finally:
        database.dispose()


def test_a_compiled_statement_with_its_constants_in_the_text_answers_as_sqlalchemy_on_postgresql(pg_url):
    """On PostgreSQL the constants (the IN list's words, the number, the day, the moment) are written into the SQL
    text and only the fresh moment stays a parameter, so the server keeps one plan of the prepared statement; a
    value a literal would have to escape (a quote, a percent sign) stays a parameter too. The same answers."""
    database = db.Database(pg_url, pool_size=1, max_overflow=0)
    try:
        compiled = _compiled_checks(database, fresh=("moment",))
        sql, fixed, _order, _processors = compiled._form(database.engine.dialect)
        assert sorted(map(str, fixed.values())) == ["2026-12-07 08:00:00+00:00", "it's 100%"]  # moment, quote
        assert "IN ('a', 'b')" in sql and "> 0" in sql and "'2026-12-07'" in sql
        assert "'2026-12-07 07:30:00+00:00'" in sql and "%(moment)s" in sql
        unwritten = _compiled_checks(database)  # without `fresh`: every constant a parameter, as before
        assert "'a'" not in unwritten._form(database.engine.dialect)[0]
    finally:
        database.dispose()


def test_a_read_session_keeps_the_statements_the_driver_prepared_and_a_write_in_one_is_rolled_back(pg_url):
    """`Database.session()` on PostgreSQL: a transaction of SELECTs ends with COMMIT, so psycopg keeps what it prepared
    (it prepares a statement at its sixth execution on a connection and forgets them all at a ROLLBACK); one that
    sent anything else is rolled back as before, whether the ORM's Core or plain SQL wrote."""
    from sqlalchemy import Column, Integer, MetaData, Table, insert, select

    database = db.Database(pg_url, pool_size=1, max_overflow=0)  # one connection: every session uses it
    metadata = MetaData()
    numbers = Table("read_session_numbers", metadata, Column("n", Integer, primary_key=True))
    try:
        metadata.create_all(database.engine)
        with database.transaction() as session:
            session.execute(insert(numbers), [{"n": 1}, {"n": 2}])
        read = select(numbers.c.n).where(numbers.c.n > 1)
        for _ in range(7):
            with database.session() as session:
                assert session.execute(read).scalars().all() == [2]
        with database.session() as session:
            prepared = session.execute(text("SELECT count(*) FROM pg_prepared_statements "
                                            "WHERE statement LIKE 'SELECT read_session_numbers.n %'")).scalar_one()
        assert prepared == 1
        with database.session() as session:  # a write in a read session is not kept
            session.execute(insert(numbers).values(n=3))
        with database.session() as session:
            session.execute(text("INSERT INTO read_session_numbers (n) VALUES (4)"))
            assert session.execute(select(numbers.c.n).order_by(numbers.c.n)).scalars().all() == [1, 2, 4]
        with database.session() as session:
            assert session.execute(select(numbers.c.n).order_by(numbers.c.n)).scalars().all() == [1, 2]
        # a SELECT that failed, its error caught: the session ends quietly
        with database.session() as session, pytest.raises(DBAPIError):
            session.execute(text("SELECT 1 / (n - n) FROM read_session_numbers"))
        with database.session() as session:
            assert session.execute(read).scalars().all() == [2]
    finally:
        metadata.drop_all(database.engine)
        database.dispose()


def _constants_checks(database: db.Database) -> list[str]:
    """A statement through `db.constants_written` answers as the one it was made of, for each value of its parameter
    given at execution; the SQL texts it was sent as."""
    from sqlalchemy import Column, Integer, MetaData, String, Table, bindparam, event, func, insert, select

    metadata = MetaData()
    items = Table("written_items", metadata, Column("id", Integer, primary_key=True), Column("kind", String(10)),
                  Column("owner", String(20)))
    metadata.drop_all(database.engine)
    metadata.create_all(database.engine)
    with database.transaction() as session:
        session.execute(insert(items), [{"id": n, "kind": "abc"[n % 3], "owner": f"o{n % 2}"} for n in range(1, 9)])
    statement = select(func.count()).where(items.c.kind.in_(("a", "b")), items.c.id > 3, items.c.kind != "it's",
                                           items.c.owner == bindparam("owner"))
    written = db.constants_written(statement)
    sent: list[str] = []

    def note(_conn, _cursor, sql, *_args):
        sent.append(" ".join(sql.split()))

    with database.session() as session:
        for owner, expected in (("o0", 2), ("o1", 1), ("none", 0)):  # a: 6 (o0); b: 4 (o0), 7 (o1)
            assert session.execute(statement, {"owner": owner}).scalar_one() == expected
            event.listen(database.engine, "before_cursor_execute", note)
            try:
                assert session.execute(written, {"owner": owner}).scalar_one() == expected
            finally:
                event.remove(database.engine, "before_cursor_execute", note)
    return sent  # the written statement's texts


@pytest.mark.parametrize("engine", ["postgresql", "sqlite"])
def test_constants_written_into_the_text_answer_as_parameters_do(engine, pg_url, tmp_path):
    """The constants (the IN list's words, the number) are in the SQL text on every dialect; the parameter given at
    execution and a value a literal would escape (a quote) stay parameters. The same answers."""
    database = db.Database(pg_url if engine == "postgresql" else f"sqlite:///{tmp_path / 'written.db'}")
    try:
        texts = _constants_checks(database)
        assert len(set(texts)) == 1 and "IN ('a', 'b')" in texts[0] and "> 3" in texts[0]
        assert "it''s" not in texts[0] and "'o0'" not in texts[0]
    finally:
        database.dispose()
