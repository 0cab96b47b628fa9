"""Counting the SQL statements a call sends (issue #18's statement-count tests): each is a round trip and the
driver's and SQLAlchemy's work, so a change that adds one to every request shows in a test, not in a benchmark."""
from __future__ import annotations

from collections import Counter

from sqlalchemy import event
from sqlalchemy.engine import Engine

from shared.db import Compiled


def counted(databases: dict[str, str], call, *, in_transaction: bool = False,
            texts: list[str] | None = None, pipelined: list[tuple[str, bool]] | None = None) -> tuple[Counter, object]:
    """The statements `call` sends to each of `databases` ({database name: what to count it as}; BEGIN, COMMIT and
    ROLLBACK not counted), and its answer; `in_transaction`: only those sent inside a transaction (the driver's
    connection not in autocommit, so BEGIN and COMMIT or ROLLBACK went around them: two more round trips); `texts`:
    a list to which the counted statements' SQL is added; `pipelined`: one to which each counted statement's first
    words (the table of an INSERT) are added with whether it went in psycopg's pipeline mode, i.e. with the COMMIT
    in one round trip (`shared.db.Database.commit_with`). Statements sent through the driver alone
    (`shared.db.Compiled.write_alone`: the Idempotency-Key's) are counted too, as outside a transaction."""
    seen: Counter = Counter()

    def count(conn, cursor, text, *_args):
        ours = conn.engine.url.database in databases and text.strip().upper() not in ("BEGIN", "COMMIT", "ROLLBACK")
        if ours and (not in_transaction or not cursor.connection.autocommit):  # (PostgreSQL's driver)
            seen[databases[conn.engine.url.database]] += 1
            if texts is not None:
                texts.append(text)
            if pipelined is not None:
                words = text.split()
                pipelined.append((" ".join(words[:3] if words[0] == "INSERT" else words[:1]), in_pipeline(conn)))

    written_alone = Compiled.write_alone

    def write_alone(statement, database, fresh):  # sent through the driver alone: no SQLAlchemy event sees it
        if database.engine.url.database in databases and not in_transaction:  # (it commits by itself)
            seen[databases[database.engine.url.database]] += 1
            if texts is not None:
                texts.append(str(statement.statement))
            if pipelined is not None:
                words = str(statement.statement).split()
                pipelined.append((" ".join(words[:3] if words[0] == "INSERT" else words[:1]), False))
        return written_alone(statement, database, fresh)

    event.listen(Engine, "before_cursor_execute", count)
    Compiled.write_alone = write_alone  # type: ignore[method-assign]
    try:
        answer = call()
    finally:
        Compiled.write_alone = written_alone  # type: ignore[method-assign]
        event.remove(Engine, "before_cursor_execute", count)
    return seen, answer


def in_pipeline(conn) -> bool:
    """Whether a SQLAlchemy connection's driver (psycopg) is in pipeline mode."""
    from psycopg import pq

    return pq.PipelineStatus(conn.connection.driver_connection.pgconn.pipeline_status) != pq.PipelineStatus.OFF


def service_and_audit(runtime) -> dict[str, str]:
    """A service's database counted as "service" and its audit store's as "audit"."""
    return {runtime.db.engine.url.database: "service", runtime.audit.engine.url.database: "audit"}


# One audit append's statements on PostgreSQL: kampus_audit_append, whose transaction commits without waiting for the
# disk so that the chain's lock is released at once, then the flush that waits for it outside the lock (the eighth
# round of issue 18; one statement before it, the commit flushed under the lock). Appends that threads of one
# process make at once share both.
AUDIT_APPEND = 2


def round_trips(databases: dict[str, str], call) -> tuple[Counter, object]:
    """How many times `call` waited for an answer of each of `databases` ({database name: what to count it as}),
    and its answer: the ReadyForQuery messages the server sent on the connections checked out meanwhile, one for each
    Sync of the extended protocol or simple Query, read from libpq's trace of the connection. Statements sent in
    psycopg's pipeline mode with one Sync are one round trip (`shared.db.rows_together`)."""
    import tempfile

    from psycopg import pq
    from sqlalchemy.pool import Pool

    seen: Counter = Counter()
    traced: dict[int, tuple[str, object]] = {}

    def checkout(dbapi_connection, _record, _proxy):
        name = getattr(getattr(dbapi_connection, "pgconn", None) and dbapi_connection.info, "dbname", None)
        if name in databases:  # (PostgreSQL's driver: SQLite's connections have no trace)
            trace = tempfile.TemporaryFile()  # noqa: SIM115 (closed at the connection's checkin)
            dbapi_connection.pgconn.trace(trace.fileno())
            dbapi_connection.pgconn.set_trace_flags(pq.Trace.SUPPRESS_TIMESTAMPS)
            traced[id(dbapi_connection)] = (databases[name], trace)

    def checkin(dbapi_connection, _record):
        found = traced.pop(id(dbapi_connection), None)
        if found is not None:
            what, trace = found
            dbapi_connection.pgconn.untrace()  # flushes libpq's buffered trace
            trace.seek(0)
            seen[what] += sum(1 for line in trace.read().decode().splitlines()
                              if line.split("\t")[:3:2] == ["B", "ReadyForQuery"])
            trace.close()

    event.listen(Pool, "checkout", checkout)
    event.listen(Pool, "checkin", checkin)
    try:
        answer = call()
    finally:
        event.remove(Pool, "checkout", checkout)
        event.remove(Pool, "checkin", checkin)
    return seen, answer
