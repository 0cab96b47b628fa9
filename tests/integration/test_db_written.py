"""Writes sent as their SQL text compiled once (shared.db.Written, issue 18's twelfth round): the same SQL text as
SQLAlchemy sends for the statement and columns, the same rows stored and the same RETURNING row; SQLAlchemy executes
the statement where it would add something of its own (a column's default, a converted value), and on SQLite."""
from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from sqlalchemy import JSON, Boolean, Column, Date, DateTime, Integer, MetaData, String, Table, event, insert, select
from sqlalchemy.exc import IntegrityError

from shared import db

metadata = MetaData()
rows = Table("written_rows", metadata, Column("id", Integer, primary_key=True, autoincrement=True),
             Column("name", String(20), nullable=False), Column("given", Boolean, nullable=False),
             Column("day", Date), Column("at", DateTime(timezone=True)), Column("tags", JSON),
             Column("level", Integer, nullable=False, default=3))
INSERT = insert(rows).inline()
RETURNING = insert(rows).returning(*rows.c)
AT = datetime(2026, 12, 7, 20, 0, tzinfo=UTC)


@pytest.fixture(params=["postgresql", "sqlite"])
def database(request, pg_url, tmp_path):
    url = pg_url if request.param == "postgresql" else f"sqlite:///{tmp_path}/written.db"
    database = db.Database(url, pool_size=2, max_overflow=0) if request.param == "postgresql" else db.Database(url)
    metadata.drop_all(database.engine)
    metadata.create_all(database.engine)
    yield database
    metadata.drop_all(database.engine)
    database.dispose()


def _sent(database, write) -> list[tuple[str, object]]:
    """The statements `write(session)` sends (their SQL text and parameters) in a transaction that commits."""
    sent: list[tuple[str, object]] = []

    def note(_conn, _cursor, statement, parameters, *_args):
        sent.append((statement, parameters))

    event.listen(database.engine, "before_cursor_execute", note)
    try:
        with database.transaction() as session:
            write(session)
    finally:
        event.remove(database.engine, "before_cursor_execute", note)
    return [(s, p) for s, p in sent if s.split()[0] not in ("BEGIN", "COMMIT")]


def _at(database) -> datetime:
    """AT as the database gives it back (SQLite keeps no time zone)."""
    return AT if database.engine.dialect.name == "postgresql" else AT.replace(tzinfo=None)


def _stored(database) -> list[tuple]:
    with database.session() as session:
        return [tuple(r) for r in session.execute(select(rows).order_by(rows.c.id))]


def _both_ways(database, statement, parameters) -> tuple[list, list, list, list]:
    """The statements sent and the rows stored by SQLAlchemy's execution, then by Written's, on an emptied table."""
    found = []
    for on in (False, True):
        written = db.Written()
        written.on = on
        with database.transaction() as session:
            session.execute(rows.delete())
        sent = _sent(database, lambda s, w=written: w.execute(s, statement, parameters))
        found += [sent, [r[1:] for r in _stored(database)]]  # ids aside: the sequence goes on
    return found[0], found[2], found[1], found[3]


def test_many_rows_are_the_same_statement_and_the_same_rows(database):
    given = [{"name": "a", "given": True, "day": date(2026, 1, 2), "at": AT, "tags": ["x"], "level": 1},
             {"name": "b", "given": False, "day": None, "at": AT, "tags": {"k": 2}, "level": 5}]
    before, after, stored_before, stored_after = _both_ways(database, INSERT, given)
    assert [s for s, _p in after] == [s for s, _p in before] and len(after) == 1
    at = _at(database)
    assert stored_after == stored_before == [("a", True, date(2026, 1, 2), at, ["x"], 1),
                                             ("b", False, None, at, {"k": 2}, 5)]


def test_a_column_left_to_its_default_is_written_by_sqlalchemy_with_the_default(database):
    before, after, stored_before, stored_after = _both_ways(database, INSERT, [{"name": "c", "given": True}])
    assert stored_after == stored_before == [("c", True, None, None, None, 3)]  # the level's default, not NULL
    assert [s for s, _p in after] == [s for s, _p in before]


def test_the_row_returned_is_the_one_sqlalchemy_returns(database):
    values = {"name": "d", "given": True, "day": date(2026, 2, 3), "at": AT, "tags": ["fi", "sv"], "level": 2}
    answers = []
    for on in (False, True):
        written = db.Written()
        written.on = on
        with database.transaction() as session:
            answers.append(written.execute(session, RETURNING, values).one())
    before, after = answers
    assert after._mapping.keys() == before._mapping.keys()
    assert tuple(after)[1:] == tuple(before)[1:] == ("d", True, date(2026, 2, 3), _at(database), ["fi", "sv"], 2)
    assert after.id == before.id + 1


def test_a_refusal_is_sqlalchemys_error(database):
    with pytest.raises(IntegrityError), database.transaction() as session:
        db.Written().execute(session, INSERT, [{"name": "e", "given": True, "level": 1},
                                               {"name": None, "given": True, "level": 1}])
    assert _stored(database) == []


def test_postgresql_gets_the_text_through_the_driver_and_sqlite_through_sqlalchemy(database, monkeypatch):
    compiled: list[object] = []
    real = db.Written._form

    def counted(statement, dialect, columns):
        compiled.append(statement)
        return real(statement, dialect, columns)

    monkeypatch.setattr(db.Written, "_form", staticmethod(counted))
    written = db.Written()
    for name in ("f", "g", "h"):
        with database.transaction() as session:
            written.execute(session, INSERT, {"name": name, "given": False, "level": 4})
    assert compiled == [INSERT]  # compiled once for its statement, dialect and columns
    assert [r[1] for r in _stored(database)] == ["f", "g", "h"]
    form = next(iter(written._forms.values()))
    assert (form[1] is not None) == (database.engine.dialect.name == "postgresql")  # SQLite: positional parameters
