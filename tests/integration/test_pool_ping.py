"""Pooled PostgreSQL connections: pinged only when they have been idle, and replaced when the server dropped them
(shared.db._ping_idle instead of pool_pre_ping's round trip on every checkout)."""
from __future__ import annotations

from sqlalchemy import event, text

from shared import db


def _backend_pid(engine) -> int:
    with engine.connect() as conn:
        return conn.execute(text("SELECT pg_backend_pid()")).scalar_one()


def test_a_busy_connection_is_not_pinged_and_a_dropped_idle_one_is_replaced(pg_url, monkeypatch):
    engine = db.make_engine(pg_url, pool_size=1, max_overflow=0)
    try:
        first = _backend_pid(engine)
        assert _backend_pid(engine) == first  # the pool hands the same connection out again, without a ping
        # The server drops the idle connection (a restart or a failover would).
        killer = db.make_engine(pg_url)
        with killer.connect() as other:
            other.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": first})
        killer.dispose()
        monkeypatch.setattr(db, "IDLE_PING_SECONDS", 0.0)  # every pooled connection now counts as idle
        second = _backend_pid(engine)  # pinged, found dead, replaced: the caller never sees the error
        assert second != first
        monkeypatch.setattr(db, "IDLE_PING_SECONDS", 3600.0)
        with engine.connect() as conn:  # a recently used connection goes out unpinged and works
            assert conn.execute(text("SELECT 1")).scalar_one() == 1
            assert conn.execute(text("SELECT pg_backend_pid()")).scalar_one() == second
    finally:
        engine.dispose()


def test_the_idle_ping_sends_a_statement_only_after_the_idle_time(pg_url, monkeypatch):
    engine = db.make_engine(pg_url, pool_size=1, max_overflow=0)
    sent: list[str] = []
    try:
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
        calls = []

        def spy(dbapi_connection, record, proxy):
            class Cursor:
                def __init__(self, inner):
                    self.inner = inner

                def __enter__(self):
                    return self

                def __exit__(self, *exc):
                    self.inner.close()

                def execute(self, statement):
                    sent.append(statement)
                    return self.inner.execute(statement)

            calls.append(1)
            wrapped = type("Wrapped", (), {
                "broken": False, "closed": False, "autocommit": dbapi_connection.autocommit,
                "cursor": lambda self: Cursor(dbapi_connection.cursor()),
                "rollback": lambda self: dbapi_connection.rollback()})()
            db._ping_idle(wrapped, record, proxy)

        event.remove(engine, "checkout", db._ping_idle)
        event.listen(engine, "checkout", spy)
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
        assert calls and sent == []  # used a moment ago: no ping
        monkeypatch.setattr(db, "IDLE_PING_SECONDS", 0.0)
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
        assert sent == ["SELECT 1"]  # idle (by the lowered limit): pinged once
    finally:
        engine.dispose()
