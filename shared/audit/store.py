"""The audit store: an append-only, hash-chained log in a database of its own.

The service's database never holds its audit entries: the store has its own URL, its tables refuse
UPDATE (always) and DELETE (except of entries a signed checkpoint covers, which is how retention
removes old entries without breaking verification), and every entry carries the hash chain.
Writers take turns on the chain's end (an advisory lock on PostgreSQL, the write lock on SQLite).
"""
from __future__ import annotations

import json
import threading
import zlib
from collections.abc import Callable, Generator, Sequence
from contextlib import closing
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import (
    JSON,
    BigInteger,
    Column,
    DateTime,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    func,
    insert,
    select,
    text,
)
from sqlalchemy.engine import Connection
from sqlalchemy.exc import ProgrammingError
from sqlalchemy.pool import StaticPool

from shared.audit import chain
from shared.audit.entry import Entry
from shared.db import make_engine, normalise_url
from shared.events.envelope import utcnow

metadata = MetaData()

entries = Table(
    "audit_entries", metadata,
    Column("seq", BigInteger().with_variant(Integer, "sqlite"), primary_key=True, autoincrement=False),
    Column("at", DateTime(timezone=True), nullable=False),
    Column("service", String(40), nullable=False),
    Column("organisation", String(64)),  # the controller whose data it is
    Column("actor", String(64)),  # a user id, or cli:<operator>; none for the system
    Column("actor_organisation", String(64)),
    Column("actor_role", String(20)),
    Column("action", String(20), nullable=False),
    Column("object_type", String(40), nullable=False),
    Column("object_ids", JSON, nullable=False),
    Column("subject_ids", JSON, nullable=False),  # the clients concerned (pseudonymous ids)
    Column("purpose", String(40), nullable=False),
    Column("category", String(20), nullable=False),
    Column("detail", JSON, nullable=False),  # codes only: fields, event type, recipient, command
    Column("prev_hash", String(64), nullable=False),
    Column("hash", String(64), nullable=False),
    Index("ix_audit_entries_at", "at"),
)

subjects = Table(  # which entries concern a client: derived from entries.subject_ids, for the client's trail
    "audit_subjects", metadata,
    Column("seq", BigInteger().with_variant(Integer, "sqlite"), primary_key=True),
    Column("subject_id", String(64), primary_key=True),
    Index("ix_audit_subjects_subject", "subject_id"),
)

checkpoints = Table(  # where a pruned log starts: the hash of the last removed entry, signed
    "audit_checkpoints", metadata,
    Column("upto_seq", BigInteger().with_variant(Integer, "sqlite"), primary_key=True, autoincrement=False),
    Column("anchor_hash", String(64), nullable=False),
    Column("removed", Integer, nullable=False),
    Column("at", DateTime(timezone=True), nullable=False),
    Column("signature", String(64), nullable=False),
)

CHAIN_LOCK = zlib.crc32(b"kampus-audit-chain")
_COVERED = "(SELECT coalesce(max(upto_seq), 0) FROM audit_checkpoints)"

_PG_GUARDS = [
    f"""CREATE OR REPLACE FUNCTION kampus_audit_guard() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP = 'DELETE' AND TG_TABLE_NAME <> 'audit_checkpoints' THEN
        IF OLD.seq <= {_COVERED} THEN  -- removed by retention, under a signed checkpoint
          RETURN OLD;
        END IF;
      END IF;
      RAISE EXCEPTION '% is append-only', TG_TABLE_NAME;
    END $$""",
    *(f"""CREATE OR REPLACE TRIGGER {name}_guard BEFORE UPDATE OR DELETE ON {name}
         FOR EACH ROW EXECUTE FUNCTION kampus_audit_guard()""" for name in ("audit_entries", "audit_subjects",
                                                                             "audit_checkpoints")),
    *(f"""CREATE OR REPLACE TRIGGER {name}_no_truncate BEFORE TRUNCATE ON {name}
         FOR EACH STATEMENT EXECUTE FUNCTION kampus_audit_guard()""" for name in ("audit_entries", "audit_subjects",
                                                                                  "audit_checkpoints")),
    "REVOKE UPDATE, DELETE, TRUNCATE ON audit_entries, audit_subjects, audit_checkpoints FROM PUBLIC",
]

# The append in one round trip: the lock, the chain's end and both INSERTs on the server, in the statement's own
# transaction. The caller sends one JSON array of the entries, each with its canonical JSON around its number
# (chain.canonical_around_seq) as "head" and "tail": one parameter that json.dumps escapes in C, where two text[]
# parameters were escaped element by element in Python. The server parses the array once into typed records
# (json_to_recordset): an entry naming a few hundred clients is ~23 kB of JSON (the ids in its subject_ids and again
# in its head or tail), and each of the sixteen `entry->>'field'` it read before parsed all of it anew (1.3 ms of
# the server's CPU of 3.3 for the desk's entry naming 284 clients; issue 18, the eleventh round). The function
# numbers the entries after the end it finds and hashes them as chain.entry_hash does. With `caller_flushes` the
# transaction commits without waiting for its WAL to reach the disk (synchronous_commit off for this transaction
# only), and the caller must then wait for the flush itself (_FLUSH; why this keeps every entry durable and the
# chain whole: AuditStore._append_on_server).
# The function of one parameter, which older processes call during a deployment, waits for the flush in its commit.
APPEND_SIGNATURE = "kampus_audit_append(json,boolean)"
_PG_APPEND = f"""CREATE OR REPLACE FUNCTION kampus_audit_append(new_rows json, caller_flushes boolean)
    RETURNS bigint LANGUAGE plpgsql AS $$
    DECLARE
      end_seq bigint;
      end_hash text;
      entry record;
      new_hash text;
    BEGIN
      IF caller_flushes THEN
        PERFORM set_config('synchronous_commit', 'off', true);  -- this transaction's commit only
      END IF;
      PERFORM pg_advisory_xact_lock({CHAIN_LOCK});
      SELECT seq, hash INTO end_seq, end_hash FROM audit_entries ORDER BY seq DESC LIMIT 1;
      IF NOT FOUND THEN
        SELECT upto_seq, anchor_hash INTO end_seq, end_hash FROM audit_checkpoints ORDER BY upto_seq DESC LIMIT 1;
        IF NOT FOUND THEN
          end_seq := 0;
          end_hash := '{chain.GENESIS}';
        END IF;
      END IF;
      FOR entry IN SELECT * FROM json_to_recordset(new_rows) AS e(
          "at" timestamptz, service text, organisation text, actor text, actor_organisation text, actor_role text,
          action text, object_type text, object_ids json, subject_ids json, purpose text, category text, detail json,
          head text, tail text) LOOP
        end_seq := end_seq + 1;
        new_hash := encode(sha256(convert_to(end_hash || entry.head || end_seq::text || entry.tail, 'UTF8')), 'hex');
        INSERT INTO audit_entries (seq, at, service, organisation, actor, actor_organisation, actor_role, action,
                                   object_type, object_ids, subject_ids, purpose, category, detail, prev_hash, hash)
        VALUES (end_seq, entry.at, entry.service, entry.organisation, entry.actor, entry.actor_organisation,
                entry.actor_role, entry.action, entry.object_type, entry.object_ids, entry.subject_ids, entry.purpose,
                entry.category, entry.detail, end_hash, new_hash);
        INSERT INTO audit_subjects (seq, subject_id)
          SELECT DISTINCT end_seq, subject FROM json_array_elements_text(entry.subject_ids) AS subject;
        end_hash := new_hash;
      END LOOP;
      RETURN end_seq;
    END $$"""


_PG_APPEND_FLUSHED = """CREATE OR REPLACE FUNCTION kampus_audit_append(new_rows json) RETURNS bigint
    LANGUAGE sql AS 'SELECT kampus_audit_append(new_rows, false)'"""  # flushed in its commit, as before

_PG_APPEND_ONLY = [_PG_APPEND, _PG_APPEND_FLUSHED,
                   "DROP FUNCTION IF EXISTS kampus_audit_append(json, text[], text[])"]  # the one before those


def _grant(writer: str) -> str:
    """The writer's rights: add entries and read them; never change, remove or truncate them."""
    role = writer.replace('"', '""')
    return (f'GRANT SELECT, INSERT ON audit_entries, audit_subjects TO "{role}"; '
            f'GRANT SELECT ON audit_checkpoints TO "{role}"')


_SQLITE_GUARDS = [
    *(f"""CREATE TRIGGER IF NOT EXISTS {name}_no_update BEFORE UPDATE ON {name}
         BEGIN SELECT RAISE(ABORT, '{name} is append-only'); END""" for name in ("audit_entries", "audit_subjects",
                                                                               "audit_checkpoints")),
    *(f"""CREATE TRIGGER IF NOT EXISTS {name}_no_delete BEFORE DELETE ON {name} WHEN OLD.seq > {_COVERED}
         BEGIN SELECT RAISE(ABORT, '{name} is append-only'); END""" for name in ("audit_entries", "audit_subjects")),
    """CREATE TRIGGER IF NOT EXISTS audit_checkpoints_no_delete BEFORE DELETE ON audit_checkpoints
       BEGIN SELECT RAISE(ABORT, 'audit_checkpoints is append-only'); END""",
]


# One statement object for every append: SQLAlchemy caches its compiled form by the object's cache key.
_SERVER_APPEND = text("SELECT kampus_audit_append(CAST(:rows AS json), true)")
_SERVER_APPEND_FLUSHED = text("SELECT kampus_audit_append(CAST(:rows AS json), false)")  # the bench's before
# The flush: a transaction that writes WAL (a transactional logical message, which also gives it an xid) commits
# with the session's synchronous_commit, so its commit waits until the WAL up to its own commit record is on disk
# (and on a synchronous standby, if one is configured) -- which, the WAL being one sequence, includes every commit
# record written before it. Logical decoding's consumers skip messages of a prefix they do not know.
_FLUSH = text("SELECT pg_logical_emit_message(true, 'kampus-audit-flush', '')")


@dataclass(frozen=True)
class Verification:
    """What `verify` found: entries that hold, and the first broken one (None when all hold)."""

    checked: int
    problem: chain.Problem | None
    checkpoint: int = 0  # entries up to this number were removed under a signed checkpoint

    @property
    def ok(self) -> bool:
        return self.problem is None


class AuditStore:
    """One audit log database: append entries, read a client's trail, verify, prune."""

    def __init__(self, url: str, *, service: str, organisation: str | None, key: bytes,
                 prepare: Callable[[], None] | None = None) -> None:
        self.url = normalise_url(url)
        self._prepare = prepare  # run once before first use (e.g. create the database)
        self._ready = False
        self._server_append: bool | None = None  # whether kampus_audit_append is there (PostgreSQL; found once)
        self.service = service
        self.organisation = organisation
        self.key = key
        memory = self.url in ("sqlite://", "sqlite:///:memory:")
        self.engine = make_engine(self.url, **({"poolclass": StaticPool} if memory else {}))
        self.is_sqlite = self.engine.dialect.name == "sqlite"
        self._turns = _Turns()  # one server-side append at a time per process, each taking every entry waiting
        self.flushed_after_lock = True  # False: the commit flushes while the chain is locked (bench's before)
        self.in_turns = True  # False: each thread sends its own entries (bench's before)
        self.as_text = True  # False: the append and the flush through SQLAlchemy's execution (bench's before)
        self._texts: tuple[str, str] | None = None

    # --- schema -----------------------------------------------------------------------------------
    def ensure_schema(self, *, writer: str | None = None, force: bool = False) -> None:
        """Create the tables and their guards when missing (several processes may start at once).

        The owner (`force`, from `kampus migrate`) always renews the guards and grants `writer` INSERT and
        SELECT; a writer finding them in place changes nothing (it may not: it owns nothing).
        """
        if self._prepare is not None:
            self._prepare()
        with self._locked() as conn:
            if force or not self._in_place(conn):
                try:
                    metadata.create_all(conn, checkfirst=True)
                    for statement in _SQLITE_GUARDS if self.is_sqlite else [*_PG_GUARDS, *_PG_APPEND_ONLY]:
                        conn.execute(text(statement))
                except ProgrammingError as exc:
                    raise RuntimeError("the audit store has no tables yet and this role may not create them: "
                                       "run `kampus migrate` with AUDIT_ADMIN_DATABASE_URL") from exc
            if writer and not self.is_sqlite:
                conn.execute(text(_grant(writer)))
        self._ready = True

    def _in_place(self, conn: Connection) -> bool:
        """Whether the tables and every guard exist already."""
        if self.is_sqlite:
            names = {r[0] for r in conn.execute(text("SELECT name FROM sqlite_master"))}
            return {"audit_entries", "audit_subjects", "audit_checkpoints"} <= names and len(
                [n for n in names if n.endswith(("_no_update", "_no_delete"))]) == 6
        guards: int = conn.execute(text(
            "SELECT count(*) FROM pg_trigger WHERE NOT tgisinternal AND tgrelid IN "
            "(to_regclass('audit_entries'), to_regclass('audit_subjects'), to_regclass('audit_checkpoints'))"
        )).scalar_one()
        return guards == 6

    def ready(self) -> None:
        """Make sure the store's tables exist (once per process)."""
        if not self._ready:
            self.ensure_schema()

    # --- writing ----------------------------------------------------------------------------------
    def append(self, new: Sequence[Entry], at: datetime | None = None) -> None:
        """Add entries at the end of the chain in one transaction (one INSERT each for entries and subjects)."""
        if not new:
            return
        self.ready()
        at = at or utcnow()
        if not self.is_sqlite and self._has_server_append():
            self._append_on_server(new, at)
            return
        with self._locked() as conn:
            seq, prev_hash = self._end(conn)
            rows: list[dict] = []
            links: list[dict] = []
            for entry in new:
                seq += 1
                row = entry.row(seq=seq, at=entry.at or at, service=self.service,
                                organisation=entry.organisation or self.organisation)
                row["prev_hash"] = prev_hash
                row["hash"] = prev_hash = chain.entry_hash(prev_hash, row)
                rows.append(row)
                links.extend({"seq": seq, "subject_id": s} for s in dict.fromkeys(row["subject_ids"]))
            conn.execute(insert(entries), rows)
            if links:
                conn.execute(insert(subjects), links)

    def _rows(self, new: Sequence[Entry], at: datetime) -> list[dict]:
        return [entry.row(seq=0, at=entry.at or at, service=self.service,
                          organisation=entry.organisation or self.organisation) for entry in new]

    def _append_on_server(self, new: Sequence[Entry], at: datetime) -> None:
        """kampus_audit_append numbers, hashes and inserts the entries in one statement, its own transaction,
        with the entries other threads of this process are appending at the same moment (`_Turns`: one
        statement at a time per process, each sending every entry waiting, so a crowd of readers takes the
        chain's lock once and not once each); then the WAL is flushed outside the lock, and only then this
        returns.

        Why every entry is on disk before its caller answers, and the chain stays whole after any crash:

        1. The append's transaction commits with synchronous_commit off (set for that transaction only, in the
           function). PostgreSQL's commit inserts the commit record into the WAL, then makes the transaction
           visible, then releases its locks, the chain's advisory lock among them; it just does not wait for the
           WAL to reach the disk first. The next appender takes the lock after that, reads the end this one left,
           and every record it writes, its commit record included, comes after this one's commit record in the WAL.
        2. Then the same connection sends `_FLUSH`: a transaction that writes a WAL record, has an xid and commits
           synchronously, so it returns only when the WAL up to its own commit record is on disk (and confirmed
           by a synchronous standby, when one is configured). The WAL is one sequence and the flush's commit record
           comes after the append's, so the append's entries are on disk too. Every caller whose entries the
           statement carried waits for this flush; none returns before it (nor when it fails: they all raise).
           Concurrent flushes merge in PostgreSQL's own group commit: one backend writes and syncs the WAL up to
           its end while the others wait, then finds their records on disk already.
        3. After a crash, recovery replays a prefix of the WAL. An append whose commit record is lost takes with it
           every record after it, so every later append as well: what is left is a prefix of the chain, which
           verifies. An entry whose append returned is never lost. The only difference a crash can show is that a
           reader of the log (a trail, verify) saw entries a crash then takes away: entries whose appenders had
           not returned, so whose requests were never answered.

        The price, for an appender alone: a second statement, and the deferred commit wakes PostgreSQL's WAL writer
        (it has a page of WAL to write), whose flush the caller's flush may wait for before making its own. Leaving
        the flush in the commit when nobody waits for the lock (found in pg_locks) was measured and lost more under
        concurrency than it saved alone (docs/benchmarks.md, the eighth round).
        """
        fragments = []
        for row in self._rows(new, at):
            head, tail = chain.canonical_around_seq(row)
            fragments.append({**{k: v for k, v in row.items() if k != "seq"}, "at": chain.moment(row["at"]),
                              "head": head, "tail": tail})
        if self.in_turns:
            self._turns.append(fragments, self._send)
        else:
            self._send(fragments, lambda: None)

    def _send(self, fragments: list[dict], sent: Callable[[], None]) -> None:
        """The append's statement, then `sent()` (the next may go) and the flush."""
        rows = {"rows": json.dumps(fragments, ensure_ascii=False, default=str)}
        with self.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            if not self.flushed_after_lock:
                conn.execute(_SERVER_APPEND_FLUSHED, rows)
                return
            if not self.as_text:
                conn.execute(_SERVER_APPEND, rows)
                sent()
                conn.execute(_FLUSH)
                return
            append, flush = self._sql_texts()
            conn.exec_driver_sql(append, rows)
            sent()
            conn.exec_driver_sql(flush)

    def _sql_texts(self) -> tuple[str, str]:
        """The append's and the flush's SQL text for the driver, rendered once: SQLAlchemy's execution of a `text()`
        (its cache key, the compiled form looked up, its parameter processed) cost as much CPU as the driver's work
        for these two statements, which every audited request sends. Sent with `exec_driver_sql`, so SQLAlchemy's
        events still see them."""
        if self._texts is None:
            self._texts = (str(_SERVER_APPEND.compile(dialect=self.engine.dialect)),
                           str(_FLUSH.compile(dialect=self.engine.dialect)))
        return self._texts

    def _has_server_append(self) -> bool:
        """Whether the store has the server-side append; a store made before it gets it when this role may
        create it (its owner's `kampus migrate` always renews it), else appends take the longer way."""
        if self._server_append is None:
            with self.engine.connect() as conn:
                found = conn.execute(text(f"SELECT to_regprocedure('{APPEND_SIGNATURE}')")
                                     ).scalar() is not None
                if not found:  # (the function of one parameter, older processes', is the owner's to replace)
                    try:
                        conn.execute(text(_PG_APPEND))
                        conn.commit()
                        found = True
                    except ProgrammingError:
                        conn.rollback()
            self._server_append = found
        return self._server_append

    def _end(self, conn: Connection) -> tuple[int, str]:
        last = conn.execute(select(entries.c.seq, entries.c.hash).order_by(entries.c.seq.desc()).limit(1)).first()
        if last is not None:
            return int(last.seq), last.hash
        point = conn.execute(select(checkpoints).order_by(checkpoints.c.upto_seq.desc()).limit(1)).first()
        return (int(point.upto_seq), point.anchor_hash) if point is not None else (0, chain.GENESIS)

    def _locked(self):
        """A transaction that holds the chain's end: nobody else appends until it commits."""
        conn = self.engine.connect().execution_options(sqlite_immediate=True)
        return _Locked(conn, self.is_sqlite)

    # --- reading ----------------------------------------------------------------------------------
    def trail(self, subject_id: str, limit: int | None = None) -> list[dict]:
        """The entries about one client, newest first (only those whose hashed content names the client)."""
        self.ready()
        query = (select(entries).join(subjects, subjects.c.seq == entries.c.seq)
                 .where(subjects.c.subject_id == str(subject_id)).order_by(entries.c.seq.desc()))
        if limit:
            query = query.limit(limit)
        with self.engine.connect() as conn:
            rows = [dict(r) for r in conn.execute(query).mappings()]
        return [r for r in rows if str(subject_id) in r["subject_ids"]]

    def between(self, start: datetime | None = None, end: datetime | None = None) -> Generator[dict, None, None]:
        """Entries in sequence order, optionally only those at or after `start` and before `end`."""
        self.ready()
        query = select(entries).order_by(entries.c.seq)
        if start is not None:
            query = query.where(entries.c.at >= start)
        if end is not None:
            query = query.where(entries.c.at < end)
        with self.engine.connect() as conn:
            result = conn.execution_options(yield_per=2000).execute(query).mappings()
            try:
                for row in result:
                    yield dict(row)
            finally:
                result.close()  # a reader that stops early (verify at the first problem) frees the cursor

    # --- integrity and retention --------------------------------------------------------------------
    def verify(self) -> Verification:
        """Check the signed checkpoints, then every kept entry's link and hash, and the subjects index."""
        self.ready()
        with self.engine.connect() as conn:
            points = [dict(r) for r in conn.execute(select(checkpoints).order_by(checkpoints.c.upto_seq)).mappings()]
        last, problem = chain.verify_checkpoints(points, self.key)
        if problem is not None:
            return Verification(0, problem)
        start_seq, start_hash = (int(last["upto_seq"]), last["anchor_hash"]) if last else (0, chain.GENESIS)
        with closing(self.between()) as rows:
            count, problem = chain.verify((row for row in rows if row["seq"] > start_seq), start_hash, start_seq)
        if problem is None:
            problem = self._check_subjects(start_seq)
        return Verification(count, problem, start_seq)

    def _check_subjects(self, after: int) -> chain.Problem | None:
        """The index of subjects holds exactly the pairs the entries name (an added or removed pair shows)."""
        named = 0
        with self.engine.connect() as conn:
            for row in conn.execute(select(entries.c.subject_ids).where(entries.c.seq > after)):
                named += len(set(row.subject_ids))
            indexed = conn.execute(select(func.count()).select_from(subjects).where(subjects.c.seq > after)).scalar()
        if named != indexed:
            return chain.Problem(None, f"the subjects index has {indexed} links, the entries name {named}")
        return None

    def prune(self, before: datetime) -> int:
        """Remove entries older than `before` under a signed checkpoint; returns how many were removed."""
        self.ready()
        with self._locked() as conn:
            upto = conn.execute(select(func.max(entries.c.seq)).where(entries.c.at < before)).scalar()
            if upto is None:
                return 0
            anchor = conn.execute(select(entries.c.hash).where(entries.c.seq == upto)).scalar_one()
            previous = conn.execute(select(checkpoints).order_by(checkpoints.c.upto_seq.desc()).limit(1)).first()
            removed = conn.execute(select(func.count()).select_from(entries).where(entries.c.seq <= upto)).scalar_one()
            signature = chain.sign(self.key, int(upto), anchor, previous.signature if previous else "")
            conn.execute(insert(checkpoints).values(upto_seq=upto, anchor_hash=anchor, removed=removed, at=utcnow(),
                                                    signature=signature))
            conn.execute(subjects.delete().where(subjects.c.seq <= upto))
            conn.execute(entries.delete().where(entries.c.seq <= upto))
            return int(removed)

    def dispose(self) -> None:
        self.engine.dispose()


class _Locked:
    """Context manager: a connection in a transaction holding the chain lock; committed on success."""

    def __init__(self, conn: Connection, is_sqlite: bool) -> None:
        self.conn, self.is_sqlite = conn, is_sqlite

    def __enter__(self) -> Connection:
        self.transaction = self.conn.begin()
        if not self.is_sqlite:
            self.conn.execute(select(func.pg_advisory_xact_lock(CHAIN_LOCK)))
        return self.conn

    def __exit__(self, kind, value, traceback) -> None:
        try:
            if kind is None:
                self.transaction.commit()
            else:
                self.transaction.rollback()
        finally:
            self.conn.close()


@dataclass
class _Waiting:
    """One caller's entries waiting for their turn: taken into a statement, then done (or failed)."""

    fragments: list[dict]
    taken: bool = False
    error: BaseException | None = None
    done: threading.Event = field(default_factory=threading.Event)


class _Turns:
    """Group commit inside one process: the threads appending at once take turns, and whoever gets the turn sends
    every entry waiting then, its own and the others', in one statement (in the order they came); the others wait
    for that statement's flush, and each returns (or raises what the statement raised) when its own entries are
    durable. The turn passes on as soon as the statement has committed, while its flush is still under way."""

    def __init__(self) -> None:
        self._waiting: list[_Waiting] = []
        self._mutex = threading.Lock()  # guards _waiting
        self._turn = threading.Lock()  # held while one statement appends

    def append(self, fragments: list[dict], send: Callable[[list[dict], Callable[[], None]], None]) -> None:
        mine = _Waiting(fragments)
        with self._mutex:
            self._waiting.append(mine)
        self._turn.acquire()
        held = [True]

        def passed_on() -> None:
            if held[0]:
                held[0] = False
                self._turn.release()

        try:
            if not mine.taken:  # nobody sent them while this thread waited for the turn: it sends them
                with self._mutex:
                    batch, self._waiting = self._waiting, []
                    for waiting in batch:
                        waiting.taken = True
                try:
                    send([fragment for waiting in batch for fragment in waiting.fragments], passed_on)
                except BaseException as exc:
                    for waiting in batch:
                        waiting.error = exc
                finally:
                    for waiting in batch:
                        waiting.done.set()
        finally:
            passed_on()
        mine.done.wait()
        if mine.error is not None:
            raise mine.error
