"""Database engine, sessions and explicit transactions for one service."""
from __future__ import annotations

import re
import time
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import date
from typing import Any, NamedTuple, cast

from sqlalchemy import Column, DateTime, String, any_, bindparam, create_engine, event, text
from sqlalchemy.dialects import postgresql
from sqlalchemy.engine import Connection, CursorResult, Engine, IteratorResult, Result
from sqlalchemy.engine.result import SimpleResultMetaData
from sqlalchemy.exc import DBAPIError, DisconnectionError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.sql import visitors
from sqlalchemy.sql.elements import BindParameter


def normalise_url(url: str) -> str:
    """Use psycopg 3 for plain postgresql:// URLs."""
    if url.startswith("postgres://"):
        url = "postgresql://" + url[len("postgres://"):]
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url[len("postgresql://"):]
    return url


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    # Let SQLAlchemy, not pysqlite, emit BEGIN so SAVEPOINTs work (SQLAlchemy's documented recipe).
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def _sqlite_begin(conn) -> None:
    # A writing transaction takes the write lock up front, so it never fails on a lock upgrade.
    immediate = conn.get_execution_options().get("sqlite_immediate", False)
    conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


# A pooled PostgreSQL connection idle for longer than this is pinged before it is handed out (see _ping_idle).
IDLE_PING_SECONDS = 10.0


def _note_checkin(_dbapi_connection, record) -> None:
    record.info["kampus_idle_since"] = time.monotonic()


def _ping_idle(dbapi_connection, record, _proxy) -> None:
    """SQLAlchemy's pre-ping, for connections that may have gone stale only.

    `pool_pre_ping` costs a round trip (and ~0.1 ms of CPU) on every checkout, two or three a request. A
    connection that is broken on our side is replaced without asking the server; one that has waited in the
    pool for more than IDLE_PING_SECONDS (a restart, a failover or a firewall may have dropped it meanwhile)
    is pinged first. Raising DisconnectionError makes the pool connect anew (SQLAlchemy's documented
    "pessimistic" recipe). A connection the server drops while it is in busy use fails its statement, and
    SQLAlchemy then invalidates the whole pool, so the connections after it are fresh.
    """
    if getattr(dbapi_connection, "broken", False) or getattr(dbapi_connection, "closed", False):
        raise DisconnectionError("the connection is closed")
    since = record.info.get("kampus_idle_since")
    if since is None or time.monotonic() - since < IDLE_PING_SECONDS:
        return
    try:
        with dbapi_connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        if not dbapi_connection.autocommit:
            dbapi_connection.rollback()  # the ping opened a transaction (psycopg); leave none behind
    except Exception as exc:  # any failure of the ping means: do not use this connection
        raise DisconnectionError("the idle connection did not answer") from exc


class Compiled:
    """A statement compiled once per dialect and sent to the driver as its SQL text, with fresh values given for
    some of its named parameters on each execution.

    SQLAlchemy's execution of a statement costs its caller far more than the driver does: the compiled form is
    found in the cache, every parameter (and each value of an `IN` list) is processed and expanded anew, a
    result's columns are matched to the statement's. For a statement sent again and again with the same
    structure (a count that every page shows), that was a few tenths of a millisecond of CPU a request. Here the
    SQL text (`IN` lists expanded), the constant parameters and their bind processors are made once; only the
    fresh values are processed on each execution (every parameter needs a value when the statement is built; a
    fresh one's is a placeholder; a fresh value of no parameter is left out, as SQLAlchemy does). The result is
    the driver's rows under the statement's column names, which is what SQLAlchemy would give where no column's
    type converts what the driver answers and every column's key is its name in the SQL; on a dialect where one
    does (SQLite's dates, for one), the statement is executed by SQLAlchemy as usual.

    `fresh` (the names of the parameters given anew on each execution) also writes every other parameter's value
    into the SQL text on PostgreSQL where it is a plain constant (`_writable`). PostgreSQL plans a prepared
    statement anew on every execution while a plan made without its parameters' values looks costlier than one
    made with them: the desk's count statement (seven subqueries, 31 parameters, all but the moment the same for a
    person all day) was planned for every page, ~0.65 ms of the server's CPU, three times its execution. With its
    constants in the text, the driver's prepared statement (psycopg prepares one after five executions on a
    connection) keeps its one plan."""

    def __init__(self, statement, *, fresh: Collection[str] | None = None) -> None:
        self.statement = statement
        self.fresh = None if fresh is None else frozenset(fresh)
        self._forms: dict[tuple, tuple[str, dict[str, Any], tuple[str, ...] | None, dict] | None] = {}

    def _form(self, dialect) -> tuple[str, dict[str, Any], tuple[str, ...] | None, dict] | None:
        key = (dialect.name, dialect.driver, dialect.paramstyle)
        if key in self._forms:
            return self._forms[key]
        statement = self.statement
        if self.fresh is not None and dialect.name == "postgresql":
            statement = constants_written(statement, fresh=self.fresh, dialect=dialect)
        compiled = statement.compile(dialect=dialect, compile_kwargs={"render_postcompile": True})
        plain = all(entry.keyname == entry.name and entry.type._cached_result_processor(dialect, None) is None
                    for entry in compiled._result_columns)
        found = None
        if plain:
            processors = dict(compiled._bind_processors)
            fixed = {name: processors[name](value) if name in processors else value
                     for name, value in compiled.params.items()}
            order = tuple(compiled.positiontup) if compiled.positional and compiled.positiontup else None
            found = (str(compiled), fixed, order, processors)
        self._forms[key] = found
        return found

    def _sent(self, form, fresh: Mapping[str, Any]) -> tuple[str, Any]:
        """The SQL text and the driver's parameters, with the fresh values."""
        sql, fixed, order, processors = form
        params = dict(fixed)
        for name, value in fresh.items():
            if name in params:
                process = processors.get(name)
                params[name] = process(value) if process is not None else value
        return sql, tuple(params[name] for name in order) if order else params

    def execute(self, connection: Connection, fresh: Mapping[str, Any]) -> CursorResult:
        """The statement's result on `connection`, with `fresh` values for those of its named parameters."""
        form = self._form(connection.dialect)
        if form is None:
            return connection.execute(self.statement, dict(fresh))
        return connection.exec_driver_sql(*self._sent(form, fresh))

    def first_row(self, database: Database, fresh: Mapping[str, Any]) -> tuple:
        """The statement's first row, read on a pooled connection through the driver alone, outside a transaction
        (as `Database.statements`): no SQLAlchemy connection, session or result around it, which cost as much CPU as
        the rest of the read. For a read that needs nothing of a unit of work (a count for the navigation)."""
        form = self._form(database.engine.dialect)
        if form is None:
            with database.statements() as session:
                return tuple(self.execute(session.connection(), fresh).one())
        sql, params = self._sent(form, fresh)
        with _driver_outside(database) as cursor:
            cursor.execute(sql, params)
            row = cursor.fetchone()
        if row is None:
            raise LookupError("the statement answered no row")
        return tuple(row)

    def write_alone(self, database: Database, fresh: Mapping[str, Any]) -> None:
        """Execute a write that commits by itself, on a pooled connection through the driver alone (as
        `first_row`): no SQLAlchemy connection around it, no BEGIN and COMMIT round trips on PostgreSQL. A refusal
        is raised as SQLAlchemy raises it (an IntegrityError for a unique violation). SQLite, or a statement that
        needs SQLAlchemy: in a transaction of its own, taking the write lock up front (as `Database.transaction`)."""
        form = self._form(database.engine.dialect)
        if form is None or database.is_sqlite:
            alone = (database.engine.execution_options(sqlite_immediate=True).begin() if database.is_sqlite
                     else database.engine.connect().execution_options(isolation_level="AUTOCOMMIT"))
            with alone as conn:
                self.execute(conn, fresh)
            return
        sql, params = self._sent(form, fresh)
        error = database.engine.dialect.loaded_dbapi.Error
        with _driver_outside(database) as cursor:
            try:
                cursor.execute(sql, params)
            except error as exc:
                raise DBAPIError.instance(sql, params, exc, error) from exc


class Written:
    """Writes of statements built once (an INSERT of the columns given, one row or many, with or without RETURNING)
    sent on a connection as their SQL text, compiled once per statement, dialect and columns.

    A unit of work's writes went through the ORM session's `execute`: the statement's cache key made and looked up,
    its parameters and defaults processed, its result set up; ~0.3 ms of CPU each under the profiler, four of them a
    registration (the client, its consents, the outbox, NOTIFY). Here the SQL text is what SQLAlchemy would send for
    the same statement and columns, and it goes through `Connection.exec_driver_sql`: SQLAlchemy's events see it as
    any statement (the statement counts, `only_read`), the driver's errors are SQLAlchemy's. Where SQLAlchemy would
    add anything of its own (a column's default for a column not given, a result column it converts, positional
    parameters such as SQLite's) the statement is executed by SQLAlchemy as before."""

    on = True  # bench/api_ab.py's switch `writes-text`: False executes every write through SQLAlchemy

    def __init__(self) -> None:
        self._forms: dict[tuple[int, str, tuple[str, ...]], tuple[Any, str | None, dict]] = {}

    def execute(self, connection: Connection | Session, statement, parameters: Mapping[str, Any] | list) -> Any:
        """The write's result (a `CursorResult`); `parameters`: one row's values or a list of rows with the same
        keys (executemany)."""
        rows: list[Mapping[str, Any]] = parameters if isinstance(parameters, list) else [parameters]
        many, first = isinstance(parameters, list), rows[0] if rows else None
        bind = connection.connection() if isinstance(connection, Session) else connection
        if not self.on or not first:
            return connection.execute(statement, parameters)
        key = (id(statement), bind.dialect.name, tuple(first))
        found = self._forms.get(key)
        if found is None:
            if len(self._forms) >= 1000:  # statements built per call would otherwise be kept for ever
                self._forms.clear()
            found = self._forms[key] = (statement, *self._form(statement, bind.dialect, key[2]))
        _kept, sql, processors = found
        if sql is None:
            return connection.execute(statement, parameters)
        if processors:
            rows = [{**row, **{name: process(row[name]) for name, process in processors.items()}} for row in rows]
        return bind.exec_driver_sql(sql, list(rows) if many else dict(rows[0]))

    @staticmethod
    def _form(statement, dialect, columns: tuple[str, ...]) -> tuple[str | None, dict]:
        compiled = statement.compile(dialect=dialect, column_keys=list(columns),
                                     compile_kwargs={"render_postcompile": True})
        plain = (not compiled.positional and set(compiled.params) == set(columns)
                 and all(entry.keyname == entry.name and entry.type._cached_result_processor(dialect, None) is None
                         for entry in compiled._result_columns))
        if not plain:
            return None, {}
        return str(compiled), dict(compiled._bind_processors)


WRITTEN = Written()  # one per process: the statements it keeps are module-level constants of the services


@contextmanager
def _driver_outside(database: Database) -> Iterator[Any]:
    """A cursor of a pooled connection's driver, outside a transaction (PostgreSQL: in autocommit, one round trip a
    statement, no BEGIN/COMMIT), the connection back in the pool after."""
    pooled = database.engine.raw_connection()
    try:
        driver = pooled.driver_connection
        outside = not database.is_sqlite  # SQLite's driver connection sends no BEGIN of its own (_sqlite_pragmas)
        if outside:
            driver.autocommit = True  # type: ignore[union-attr]  # psycopg's: one round trip, no BEGIN/COMMIT
        try:
            cursor = pooled.cursor()
            try:
                yield cursor
            finally:
                cursor.close()
        finally:
            if outside and not driver.closed:  # type: ignore[union-attr]
                driver.autocommit = False  # type: ignore[union-attr]  # back to transactions, as the pool expects
            elif outside:
                pooled.invalidate()  # lost: the pool opens a new one, as SQLAlchemy does after a disconnection
    finally:
        pooled.close()


def _piped(connection: Connection, sent: Sequence[tuple[Compiled, Mapping[str, Any]]], forms: Sequence[Any],
           row_factory: Any) -> dict[int, tuple[list[str], list]]:
    """The statements of `sent` whose `forms` are sent as SQL text, in one round trip on PostgreSQL (psycopg's
    pipeline mode: each statement without waiting for its answer, one Sync, every answer read at the end), by their
    place in `sent`: their columns' names and rows (made by `row_factory`); none when fewer than two are."""
    piped = [i for i, form in enumerate(forms) if form is not None]
    if len(piped) < 2:
        return {}
    import psycopg

    driver = connection.connection.driver_connection
    cursors = []
    try:
        with driver.pipeline():  # type: ignore[union-attr]
            for i in piped:
                cursor = driver.cursor(row_factory=row_factory)  # type: ignore[union-attr]
                cursor.execute(*sent[i][0]._sent(forms[i], sent[i][1]))
                cursors.append(cursor)
        return {i: ([column.name for column in cursor.description or ()], cursor.fetchall())
                for i, cursor in zip(piped, cursors, strict=True)}
    except psycopg.Error as exc:
        raise DBAPIError.instance("pipeline", None, exc, psycopg.Error) from exc
    finally:
        for cursor in cursors:
            cursor.close()


def rows_together(connection: Connection, sent: Sequence[tuple[Compiled, Mapping[str, Any]]]
                  ) -> list[Sequence[Mapping[str, Any]]]:
    """Each statement's rows, as mappings of its columns' names, for reads that do not depend on each other.

    On PostgreSQL the statements `Compiled` sends as SQL text go in one round trip: psycopg's pipeline mode sends
    them without waiting for each answer, then one Sync, and reads every answer (under load each round trip was a
    wait for PostgreSQL's backend to get a core: the desk page's seven statements 52 ms of wall for ~2 ms of the
    server's CPU). Outside a transaction (`Database.statements`) the statements up to the Sync run in one implicit
    transaction, each seeing the database as it is when it runs, as each statement of a READ COMMITTED
    transaction does. An error of any is raised as SQLAlchemy's error and the statements after it are not run.
    A statement SQLAlchemy must execute (a column it converts; SQLite) is executed on its own, after the others."""
    from psycopg.rows import dict_row

    forms = [statement._form(connection.dialect) for statement, _fresh in sent]
    piped = _piped(connection, sent, forms, dict_row) if connection.dialect.name == "postgresql" else {}
    return [piped[i][1] if i in piped
            else cast(Sequence[Mapping[str, Any]], statement.execute(connection, fresh).mappings().all())
            for i, (statement, fresh) in enumerate(sent)]


def results_together(connection: Connection, sent: Sequence[tuple[Compiled, Mapping[str, Any]]]) -> list[Result]:
    """Each statement's result, as `Compiled.execute` answers it (rows under the columns' names), the statements
    sent together as `rows_together` sends them: one round trip on PostgreSQL for those sent as SQL text."""
    from psycopg.rows import tuple_row

    forms = [statement._form(connection.dialect) for statement, _fresh in sent]
    piped = _piped(connection, sent, forms, tuple_row) if connection.dialect.name == "postgresql" else {}
    return [IteratorResult(SimpleResultMetaData(piped[i][0]), iter(piped[i][1])) if i in piped
            else statement.execute(connection, fresh) for i, (statement, fresh) in enumerate(sent)]


AHEAD = "kampus_read_ahead"  # a session's info: the results `Kept.ahead` read, by name, with their values


class Kept:
    """Read statements built once per name and kept compiled (`Compiled`) on PostgreSQL, sent with their values.

    A page that sends a dozen small statements spent a third of its CPU having SQLAlchemy build each one, make its
    cache key, find it compiled and match its result's columns, on every request. `build(dialect)` makes the statement
    with a named parameter (`bindparam`) for each value that changes between executions; `execute` builds it on the
    first call of `name` only and sends its SQL text with `values` (every other constant is written into the text,
    `Compiled`'s `fresh`). The result is the driver's rows under the columns' names. Elsewhere (SQLite) and with `on`
    false, the statement is built and executed by SQLAlchemy each time. A name stands for one statement: a build
    that depends on anything but the dialect needs the names of its variants."""

    def __init__(self) -> None:
        self.on = True
        self._statements: dict[tuple[str, str], Compiled] = {}

    def execute(self, session: Session, name: str, build: Callable[[str], Any], **values: Any):
        dialect = session.get_bind().dialect.name
        if not self.on or dialect != "postgresql":
            return session.execute(build(dialect), values)
        ahead = session.info.get(AHEAD)
        if ahead:
            found = ahead.pop(name, None)
            if found is not None and found[0] == values:
                return found[1]
        return self._kept(name, build, values).execute(session.connection(), values)

    def ahead(self, session: Session, reads: Iterable[Read | None]) -> None:
        """Read `reads` (None: nothing) in one round trip on PostgreSQL (`results_together`), each kept in the
        session until `execute` asks for it with the same name and values, once: a page whose dozen reads depend
        only on what it read first waited for a dozen answers, one after another. For reads the caller makes next,
        before it writes anything: a read asked for later than that would not see what the transaction wrote.
        A read not read ahead, or asked for with other values, is executed when asked, as before."""
        dialect = session.get_bind().dialect.name
        wanted = [read for read in reads if read is not None]
        if not self.on or dialect != "postgresql" or len(wanted) < 2:
            return
        results = results_together(session.connection(), [(self._kept(read.name, read.build, read.values),
                                                           read.values) for read in wanted])
        kept = session.info.setdefault(AHEAD, {})
        for read, result in zip(wanted, results, strict=True):
            kept[read.name] = (read.values, result)

    def _kept(self, name: str, build: Callable[[str], Any], values: Mapping[str, Any]) -> Compiled:
        statement = self._statements.get((name, "postgresql"))
        if statement is None:
            statement = self._statements[(name, "postgresql")] = Compiled(build("postgresql").params(values),
                                                                          fresh=tuple(values))
        return statement


class Read(NamedTuple):
    """A read of `Kept`: its statement's name, its build and its values."""

    name: str
    build: Callable[[str], Any]
    values: dict[str, Any]


def any_of(dialect: str, column, name: str):
    """`column IN :name` of a list given at execution (`Kept`): on PostgreSQL `column = ANY(:name)`, one array
    parameter; on SQLite an expanding IN."""
    if dialect == "sqlite":
        return column.in_(bindparam(name, expanding=True))
    return column == any_(bindparam(name, type_=postgresql.ARRAY(column.type)))


# The constants `Compiled` writes into its SQL text: whole numbers, days and moments, and words of letters, digits
# and `_.:-` (codes, statuses, organisations), alone or as an IN list; nothing a literal could need escaping in.
_WORD = re.compile(r"[A-Za-z0-9_.:-]*")


def _writable(value: Any) -> bool:
    if isinstance(value, (list, tuple)):
        return bool(value) and all(_writable(v) for v in value)
    if isinstance(value, bool):
        return False
    if isinstance(value, (int, date)):  # a datetime is a date
        return True
    return isinstance(value, str) and _WORD.fullmatch(value) is not None


_PSYCOPG = postgresql.psycopg.dialect()  # whose bind processors say which types the driver gets converted


def constants_written(statement, *, fresh: Collection[str] = (), dialect=_PSYCOPG):
    """`statement` with each parameter that is not `fresh`, holds a plain value when built (`_writable`: a constant
    of the code, such as a kind or statuses) and has a type that `dialect`'s driver gets unconverted, written into the
    SQL text on execution (SQLAlchemy's `literal_execute`). A prepared statement's generic plan cannot see
    parameters: one made without a kind and two statuses read every wanted suggestion of the organisation for a
    need's candidates, and one with the desk count's 31 constants as parameters was planned anew on every page
    (issue 18, the ninth round). Statements executed through SQLAlchemy use it directly, with their changing values
    given valueless when built (`bindparam("organisation")`); `Compiled(fresh=...)` names them instead."""

    def written(element, **_kw):
        if (isinstance(element, BindParameter) and element.key not in fresh and element.callable is None
                and not element.literal_execute and _writable(element.value)
                and element.type._cached_bind_processor(dialect) is None):
            return element.render_literal_execute()
        return None

    return visitors.replacement_traverse(statement, {}, written)


WROTE = "kampus_wrote"  # a pooled connection's info: its transaction sent a statement other than a SELECT


def _forget_writes(conn: Connection) -> None:
    conn.info.pop(WROTE, None)


def _note_writes(conn: Connection, _cursor, statement: str, _parameters, _context, _executemany) -> None:
    if statement.lstrip()[:6].upper() != "SELECT":
        conn.info[WROTE] = True


def only_read(conn: Connection) -> bool:
    """Whether every statement of the connection's transaction so far was a SELECT (PostgreSQL engines of
    `make_engine` note the others as they are sent: an INSERT, an UPDATE, a DELETE, a WITH, any text) and none
    failed (the driver's transaction is not in error)."""
    if conn.info.get(WROTE, False):
        return False
    status = getattr(getattr(conn.connection.driver_connection, "info", None), "transaction_status", None)
    return status is None or status.name == "INTRANS"


def make_engine(url: str, **kwargs) -> Engine:
    """An engine with the settings this project uses for SQLite and PostgreSQL."""
    url = normalise_url(url)
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 10}, **kwargs)
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", _sqlite_begin)
        return engine
    kwargs.setdefault("pool_size", 5)
    kwargs.setdefault("max_overflow", 10)
    engine = create_engine(url, **kwargs)
    event.listen(engine, "begin", _forget_writes)  # for Database.session: a read's transaction may end in COMMIT
    event.listen(engine, "before_cursor_execute", _note_writes)
    if not kwargs.get("pool_pre_ping"):
        event.listen(engine, "checkin", _note_checkin)
        event.listen(engine, "checkout", _ping_idle)
    return engine


class Database:
    """One service's database: an engine and a session factory."""

    def __init__(self, url: str, **engine_kwargs) -> None:
        self.url = normalise_url(url)
        self.engine = make_engine(self.url, **engine_kwargs)
        self.sessions = sessionmaker(self.engine, expire_on_commit=False)

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """A session inside one transaction: committed on success, rolled back on error."""
        with self.sessions() as session, session.begin():
            if self.is_sqlite:
                session.connection(execution_options={"sqlite_immediate": True})
            yield session

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A session for reads; nothing written is committed.

        On PostgreSQL a transaction whose statements were all SELECTs ends with COMMIT, which for it is the same as
        a rollback, and any other is rolled back (`only_read`). psycopg forgets every statement it has prepared on
        a connection at each ROLLBACK, and reads ended with one: no statement of a read reached the five executions
        after which psycopg prepares it, so PostgreSQL parsed and planned each one on every request (the
        environment page's 18 statements: ~1.2 ms of the server's CPU a page that prepared ones save)."""
        with self.sessions() as session:
            yield session
            if not self.is_sqlite and session.in_transaction() and only_read(session.connection()):
                session.commit()

    @contextmanager
    def statements(self) -> Iterator[Session]:
        """A session for reads whose statements each run on their own, outside a transaction: on PostgreSQL a
        read of one statement is one round trip instead of three (BEGIN, the statement, COMMIT). Each statement
        sees the database as it is when it runs, as every statement of a READ COMMITTED transaction does; nothing
        is to be written with it. On SQLite, a session as `session()` gives."""
        if self.is_sqlite:
            with self.session() as session:
                yield session
            return
        with self.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn, \
                self.sessions(bind=conn) as session:
            yield session

    def commit_with(self, session: Session, write: Callable[[], None]) -> None:
        """Call `write` (statements whose results nobody reads) and commit the session's transaction, on PostgreSQL
        in one round trip: psycopg's pipeline mode sends them and the COMMIT without waiting for each answer, and the
        pipeline's end sends one Sync for all. An error of any is raised there, as SQLAlchemy's error (an
        IntegrityError for a unique violation), and nothing of the transaction is stored (PostgreSQL skips the rest
        of a pipeline after an error, the COMMIT too). The COMMIT goes inside the pipeline; SQLAlchemy's commit after it
        sends nothing (the driver's transaction is over) and hands the connection back to the pool only then,
        outside the pipeline, so no other thread can take it while it is in pipeline mode. On SQLite, `write`
        then a commit."""
        session.flush()  # ORM objects first, outside the pipeline (their INSERTs may need answers)
        if not self.is_sqlite:
            import psycopg
            from sqlalchemy.exc import DBAPIError

            driver = session.connection().connection.driver_connection
            try:
                with driver.pipeline():  # type: ignore[union-attr]
                    write()
                    # queued as a statement: the pipeline's end sends the one Sync and reads every answer (the
                    # driver's commit() would send a Sync of its own, and the end another: two round trips)
                    driver.execute("COMMIT")  # type: ignore[union-attr]
            except psycopg.Error as exc:
                raise DBAPIError.instance("COMMIT", None, exc, psycopg.Error) from exc
        else:
            write()
        session.commit()

    def ping(self) -> None:
        """Raise if the database cannot be reached."""
        with self.engine.connect() as conn:
            conn.execute(text("SELECT 1"))

    def dispose(self) -> None:
        self.engine.dispose()

    def one_of(self, column, values: Sequence):
        """`column IN values`; on PostgreSQL `column = ANY(array)`, a single parameter (`one_of`)."""
        return one_of(self.engine.dialect.name, column, values)


def one_of(dialect: str, column, values: Sequence):
    """`column IN values`; on PostgreSQL (`dialect`, e.g. a session's `get_bind().dialect.name`) `column =
    ANY(array)`, a single parameter.

    A long IN list has a placeholder per value, which SQLAlchemy renders and the driver parses again for every
    statement; one array parameter keeps the statement short, constant and cached.
    """
    if dialect == "sqlite":
        return column.in_(values)
    return column == any_(bindparam(None, list(values), type_=postgresql.ARRAY(column.type)))


def is_transient(exc: BaseException) -> bool:
    """Whether an error is the database's (unreachable, connection lost, lock or serialization
    conflict, statement cancelled) rather than the work's own: the same work may well succeed later.

    SQLAlchemy raises OperationalError for what the driver reports as operational (psycopg's
    connection failures, deadlocks and serialization failures, SQLite's locked database).
    """
    from sqlalchemy.exc import DBAPIError, DisconnectionError, InterfaceError, OperationalError
    from sqlalchemy.exc import TimeoutError as PoolTimeout

    seen = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if isinstance(current, (OperationalError, InterfaceError, DisconnectionError, PoolTimeout)):
            return True
        if isinstance(current, DBAPIError) and current.connection_invalidated:
            return True
        current = current.__cause__ or (None if current.__suppress_context__ else current.__context__)
    return False


def is_unique_violation(exc: BaseException) -> bool:
    """Whether an IntegrityError is a unique constraint refusing a second row: on PostgreSQL SQLSTATE 23505, on
    SQLite "UNIQUE constraint failed". Under concurrency it means someone else did the same thing first."""
    from sqlalchemy.exc import IntegrityError

    if not isinstance(exc, IntegrityError):
        return False
    original = exc.orig
    code = getattr(original, "sqlstate", None) or getattr(original, "pgcode", None)
    return code == "23505" or "UNIQUE constraint failed" in str(original)


NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def new_metadata():
    """A MetaData with the project's constraint naming convention (stable migrations)."""
    from sqlalchemy import MetaData

    return MetaData(naming_convention=NAMING_CONVENTION)


def service_metadata():
    """A bus service's MetaData: `new_metadata()` with the tables every such service has, the bus's (outbox,
    inbox, dead letters: shared/bus/tables.py) and its API's idempotency keys (shared/web/idempotency.py)."""
    from shared.bus.tables import bus_tables
    from shared.web.idempotency import idempotency_table

    metadata = new_metadata()
    bus_tables(metadata)
    idempotency_table(metadata)
    return metadata


# The column types the services' tables share: a pseudonymous id (a UUID as text) and an organisation's slug.
Uuid = String(36)
Org = String(63)


def timestamps(*, updated: bool = True) -> list[Column]:
    """A row's created_at (and, unless `updated` is false, updated_at) columns."""
    cols = [Column("created_at", DateTime(timezone=True), nullable=False)]
    if updated:
        cols.append(Column("updated_at", DateTime(timezone=True), nullable=False))
    return cols
