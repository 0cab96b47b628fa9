"""Reads outside a transaction (shared.db.Database.statements): on PostgreSQL each statement is its own transaction,
so a one-statement read costs one round trip instead of three; a pooled connection goes back to transactions."""
from __future__ import annotations

from sqlalchemy import text

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
