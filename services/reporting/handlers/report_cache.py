"""Reports kept per projection version: a report built once is served again until the projections change.

Every transaction that changes a projection raises the one-row version (`touch`, in the raw log's
subscriber and in a rebuild). A report is built in one snapshot that also reads the version, so a kept
report is exactly what a new build in a later snapshot at the same version would give; a new version
leaves the kept reports behind (they are dropped when the first report of the new version is kept).
The keys are the filters, the breakdown, the target and the day (the period's end may be today), never
the viewer: what a viewer may see is cut from the report afterwards (handlers/queries.py). That cut, and
what is made of it for HTTP (the indicators' JSON body, the dashboard's filters and figures in a language),
are kept in the same cache under the viewer's scope (the coordinator, or a manager of one organisation;
exact or protected) with the version the report was read at, so they go with it when an event raises it.

The first report after an event is built anew, but not every query of it runs again. The same transactions
raise a version per projection table (`projection_versions`) and one for client records and persons that
have facts; each query's answer is kept with the versions of what it reads (`QueryMemo`, `MemoSession`) and
served again while they are unchanged. A query that reads client records and persons only joined to a fact
(a participation, an answer, an outcome…) does not read a record without facts, so a newly registered
client leaves it alone: only the queries of persons themselves run again.

What an indicator makes of its answers (a suppressed table with its proof, the curves) is kept the same way
(`MemoSession.derived`): with the versions of every query it read, and made again only when one of them
changed. A derivation that reads anything the memo cannot version is never kept.
"""
from __future__ import annotations

import threading
import weakref
from collections.abc import Callable, Iterable
from typing import TypeVar

from cachetools import LRUCache
from sqlalchemy import Select, Table, exists, insert, or_, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import FrozenResult, Result
from sqlalchemy.sql import visitors
from sqlalchemy.sql.selectable import Alias, Join

from services.reporting.db import FACTS, PERSONS_WITH_FACTS, PROJECTIONS, clients, projection_state, projection_versions

STATE_ID = 1
TOUCHED = "reporting.projection_touched"  # session.info: the transaction that raised the version already
T = TypeVar("T")
SIZE = 160  # reports, viewers' cuts of them and their outputs kept per process (of one version)
ONE_MAKER = True  # ReportCache.once: one thread makes what others wait for (bench/api_ab.py switch one-maker)


REGISTRY = frozenset({"clients", "persons"})  # client records and persons: read alone, or joined to a fact
FACT_NAMES = frozenset(t.name for t in FACTS)
NAMES = frozenset({*(t.name for t in PROJECTIONS), PERSONS_WITH_FACTS})  # every version kept per name


def touch(session, changes=None) -> None:
    """Raise the projections' version once in the session's current transaction, and the versions of what
    changed: `changes` is the SqlStore that made them (None: anything may have changed, as in a rebuild)."""
    transaction = session.get_transaction()
    if not (transaction is not None and session.info.get(TOUCHED) is transaction):
        done = session.execute(update(projection_state).where(projection_state.c.id == STATE_ID)
                               .values(version=projection_state.c.version + 1))
        if not done.rowcount:
            session.execute(insert(projection_state).values(id=STATE_ID, version=1))
        session.info[TOUCHED] = transaction
    raise_versions(session, changed_names(session, changes))


def changed_names(session, changes) -> set[str]:
    """The versions a store's changes raise: each table it wrote, and persons with facts if a client record or
    person it wrote has a fact (after the change; facts deleted raise their own tables)."""
    if changes is None or changes.unknown:
        return set(NAMES)
    names = {n for n in changes.tables if n in NAMES}
    records, people = changes.keys["clients"], changes.keys["persons"]
    if (records or people) and _with_facts(session, records, people):
        names.add(PERSONS_WITH_FACTS)
    return names


def _with_facts(session, records: set, people: set) -> bool:
    """Whether any of these client records, or any record of these persons, has a fact."""
    ids = {str(r) for r in records} | {p[2:] for p in people if str(p).startswith("c:")}
    keys = {p for p in people if not str(p).startswith("c:")}
    theirs = select(clients.c.client_id).where(or_(clients.c.client_id.in_(ids), clients.c.person_key.in_(keys)))
    query = select(or_(*[exists().where(fact.c.client_id.in_(theirs)) for fact in FACTS]))
    return bool(session.execute(query).scalar())


def raise_versions(session, names: Iterable[str]) -> None:
    names = sorted(names)
    if not names:
        return
    dialect = session.get_bind().dialect.name
    upsert = (postgresql.insert if dialect == "postgresql" else sqlite.insert)(projection_versions)
    session.execute(upsert.values([{"name": n, "version": 1} for n in names]).on_conflict_do_update(
        index_elements=["name"], set_={"version": projection_versions.c.version + 1}))


def versions(session) -> dict[str, int]:
    """Every projection's version the session's snapshot sees (a name never raised is 0)."""
    return {name: int(v) for name, v in session.execute(select(projection_versions.c.name,
                                                               projection_versions.c.version))}


def version(session) -> int:
    """The projections' version the session's snapshot sees."""
    return int(session.execute(select(projection_state.c.version).where(projection_state.c.id == STATE_ID))
               .scalar() or 0)


class ReportCache:
    """The newest version's reports, least recently used dropped first; safe across a process's threads."""

    def __init__(self, size: int = SIZE) -> None:
        self.size = size
        self._reports: LRUCache = LRUCache(maxsize=size)
        self._version: int | None = None
        self._lock = threading.Lock()
        self._making: dict[tuple, threading.Lock] = {}  # (version, key) -> held while one thread makes it

    def once(self, at: int, key: tuple, make: Callable[[], T]) -> T:
        """What is kept under `key` at version `at`, else `make()` kept: made by one thread at a time, so that
        requests that come together after an event (or to a worker started again) wait for one making instead
        of each making the same report or page part beside the others. ONE_MAKER = False: each makes its own."""
        found = self.get(at, key)
        if found is not None:
            return found
        if not ONE_MAKER:
            found = make()
            self.put(at, key, found)
            return found
        with self._lock:
            making = self._making.setdefault((at, key), threading.Lock())
        try:
            with making:
                found = self.get(at, key)
                if found is None:
                    found = make()
                    self.put(at, key, found)
                return found
        finally:
            with self._lock:
                if self._making.get((at, key)) is making:
                    del self._making[(at, key)]

    def get(self, at: int, key: tuple):
        with self._lock:
            return self._reports.get(key) if at == self._version else None

    def put(self, at: int, key: tuple, report) -> None:
        with self._lock:
            if self._version is not None and at < self._version:
                return  # built in an older snapshot than the reports kept
            if at != self._version:
                self._reports.clear()
                self._version = at
            self._reports[key] = report

    def clear(self) -> None:
        with self._lock:
            self._reports.clear()
            self._version = None


_CACHES: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
_CACHES_LOCK = threading.Lock()


def _one_per_db(kept: weakref.WeakKeyDictionary, db, make):
    """The object `kept` holds for one database (a runtime's `db`) in this process, made on first use."""
    with _CACHES_LOCK:
        found = kept.get(db)
        if found is None:
            found = kept[db] = make()
        return found


def of(db) -> ReportCache:
    """The reports kept for one database (a runtime's `db`) in this process."""
    return _one_per_db(_CACHES, db, ReportCache)


def _table_of(element) -> Table | None:
    while isinstance(element, Alias):
        element = element.element
    return element if isinstance(element, Table) else None


def _leftmost(element):
    while isinstance(element, Join):
        element = element.left
    return _table_of(element)


def _registry_in(element) -> bool:
    if isinstance(element, Join):
        return _registry_in(element.left) or _registry_in(element.right)
    table = _table_of(element)
    return table is not None and table.name in REGISTRY


def _dependencies(statement: Select) -> tuple[str, ...] | None:
    """The versions a SELECT's answer depends on (None: it reads something without a version, never kept).
    Client records and persons read only through joins that start at a fact depend on persons with facts;
    read any other way (as the query's own rows, or a subquery's), on any change to them."""
    tables: set[str] = set()
    through_facts = True
    for element in visitors.iterate(statement):
        table = _table_of(element) if isinstance(element, (Table, Alias)) else None
        if table is not None:
            tables.add(table.name)
        column_table = getattr(element, "table", None) if not isinstance(element, (Table, Alias)) else None
        if isinstance(column_table, (Table, Alias)) and _table_of(column_table) is not None:
            tables.add(_table_of(column_table).name)  # type: ignore[union-attr]
        if isinstance(element, Select):
            for root in element.get_final_froms():
                if _registry_in(root):
                    leftmost = _leftmost(root)
                    if leftmost is None or leftmost.name not in FACT_NAMES:
                        through_facts = False
    if not tables or not tables <= NAMES:
        return None
    if tables & REGISTRY:
        tables = (tables - REGISTRY) | ({PERSONS_WITH_FACTS} if through_facts else set(REGISTRY))
    return tuple(sorted(tables))


class QueryMemo:
    """Answers of the reports' queries with the versions they were read at, and what was derived from them
    (`derivation`, `keep_derivation`); least recently used dropped first."""

    def __init__(self, size: int = 4096) -> None:
        self.size = size
        self._answers: LRUCache = LRUCache(maxsize=size)
        self._derived: LRUCache = LRUCache(maxsize=size // 4)
        self._lock = threading.Lock()
        self.hits = self.misses = 0
        self.derived_hits = self.derived_misses = 0

    def derivation(self, key: tuple, at: Callable[[tuple[str, ...]], tuple]):
        """What was derived under `key`, with the reads it depends on, if every one of them is still at the
        versions `at` gives for its names; else None."""
        with self._lock:
            found = self._derived.get(key)
            if found is None or any(at(names) != seen for names, seen in found[0]):
                self.derived_misses += 1
                return None
            self.derived_hits += 1
            return found

    def keep_derivation(self, key: tuple, reads: frozenset, value) -> None:
        with self._lock:
            self._derived[key] = (reads, value)

    def get(self, key: tuple, at: tuple) -> FrozenResult | None:
        with self._lock:
            found = self._answers.get(key)
            if found is None or found[0] != at:
                self.misses += 1
                return None
            self.hits += 1
            return found[1]

    def put(self, key: tuple, at: tuple, answer: FrozenResult) -> None:
        with self._lock:
            self._answers[key] = (at, answer)

    def clear(self) -> None:
        with self._lock:
            self._answers.clear()
            self._derived.clear()


_DEPENDENCIES: dict[str, tuple[str, ...] | None] = {}  # per statement's text (a few dozen texts in all)


class _Reads:
    """The versioned reads of one derivation being made; `unversioned` once it read anything else."""

    def __init__(self) -> None:
        self.seen: set[tuple[tuple[str, ...], tuple]] = set()
        self.unversioned = False


class MemoSession:
    """A session (read in one snapshot) whose SELECTs are answered from the memo while what they read is
    unchanged at the snapshot's versions; anything else goes to the session."""

    def __init__(self, session, memo: QueryMemo, at: dict[str, int]) -> None:
        self.session = session
        self.memo = memo
        self.at = at
        self.dialect = session.get_bind().dialect
        self._making: list[_Reads] = []  # the derivations being made, outermost first

    def _versions(self, names: tuple[str, ...]) -> tuple:
        return tuple(self.at.get(n, 0) for n in names)

    def _unversioned(self) -> None:
        for reads in self._making:
            reads.unversioned = True

    def execute(self, statement, *args, **kwargs) -> Result:
        if not isinstance(statement, Select) or args or kwargs:
            self._unversioned()
            return self.session.execute(statement, *args, **kwargs)
        compiled = statement.compile(dialect=self.dialect)
        if compiled.string not in _DEPENDENCIES:
            if len(_DEPENDENCIES) > 4096:
                _DEPENDENCIES.clear()
            _DEPENDENCIES[compiled.string] = _dependencies(statement)
        names = _DEPENDENCIES[compiled.string]
        if names is None:
            self._unversioned()
            return self.session.execute(statement)
        key = (compiled.string, repr(sorted(compiled.params.items())))
        at = self._versions(names)
        for reads in self._making:
            reads.seen.add((names, at))
        answer = self.memo.get(key, at)
        if answer is None:
            answer = self.session.execute(statement).freeze()
            self.memo.put(key, at, answer)
        return answer()

    def derived(self, key: tuple, make: Callable[[], T]) -> T:
        """What `make` derives from this session's answers, kept under `key` (which must name everything else
        it depends on: the indicator, the filters, the breakdown, the day) and made again only when a version
        it read has changed. The value is shared between reports: it must never be changed."""
        found = self.memo.derivation(key, self._versions)
        if found is not None:
            for reads in self._making:
                reads.seen.update(found[0])
            return found[1]
        mine = _Reads()
        self._making.append(mine)
        try:
            value = make()
        finally:
            self._making.pop()
        for reads in self._making:
            reads.seen.update(mine.seen)
            reads.unversioned = reads.unversioned or mine.unversioned
        if not mine.unversioned:
            self.memo.keep_derivation(key, frozenset(mine.seen), value)
        return value

    def __getattr__(self, name: str):
        self._unversioned()  # read past the memo: no derivation made now can know what it depends on
        return getattr(self.session, name)


def derived(session, key: tuple, make: Callable[[], T]) -> T:
    """`make()`, kept by a MemoSession for the versions of what it read (see `MemoSession.derived`); any
    other session makes it every time."""
    if isinstance(session, MemoSession):
        return session.derived(key, make)
    return make()


_MEMOS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def memo_of(db) -> QueryMemo:
    """The query answers kept for one database in this process."""
    return _one_per_db(_MEMOS, db, QueryMemo)
