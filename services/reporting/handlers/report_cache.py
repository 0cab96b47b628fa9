"""Reports kept per projection version: a report built once is served again until the projections change.

Every transaction that changes a projection raises the one-row version (`touch`, in the raw log's
subscriber and in a rebuild). A report is built in one snapshot that also reads the version, so a kept
report is exactly what a new build in a later snapshot at the same version would give; a new version
leaves the kept reports behind (they are dropped when the first report of the new version is kept).
The keys are the filters, the breakdown, the target and the day (the period's end may be today), never
the viewer: what a viewer may see is cut from the report afterwards (handlers/queries.py).
"""
from __future__ import annotations

import threading
import weakref
from collections import OrderedDict

from sqlalchemy import insert, select, update

from services.reporting.db import projection_state

STATE_ID = 1
TOUCHED = "reporting.projection_touched"  # session.info: the transaction that raised the version already
SIZE = 64  # reports kept per process (views of one version)


def touch(session) -> None:
    """Raise the projections' version once in the session's current transaction."""
    transaction = session.get_transaction()
    if transaction is not None and session.info.get(TOUCHED) is transaction:
        return
    done = session.execute(update(projection_state).where(projection_state.c.id == STATE_ID)
                           .values(version=projection_state.c.version + 1))
    if not done.rowcount:
        session.execute(insert(projection_state).values(id=STATE_ID, version=1))
    session.info[TOUCHED] = transaction


def version(session) -> int:
    """The projections' version the session's snapshot sees."""
    return int(session.execute(select(projection_state.c.version).where(projection_state.c.id == STATE_ID))
               .scalar() or 0)


class ReportCache:
    """The newest version's reports, least recently used dropped first; safe across a process's threads."""

    def __init__(self, size: int = SIZE) -> None:
        self.size = size
        self._reports: OrderedDict = OrderedDict()
        self._version: int | None = None
        self._lock = threading.Lock()

    def get(self, at: int, key: tuple):
        with self._lock:
            if at != self._version or key not in self._reports:
                return None
            self._reports.move_to_end(key)
            return self._reports[key]

    def put(self, at: int, key: tuple, report) -> None:
        with self._lock:
            if self._version is not None and at < self._version:
                return  # built in an older snapshot than the reports kept
            if at != self._version:
                self._reports.clear()
                self._version = at
            self._reports[key] = report
            self._reports.move_to_end(key)
            while len(self._reports) > self.size:
                self._reports.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._reports.clear()
            self._version = None


_CACHES: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
_CACHES_LOCK = threading.Lock()


def of(db) -> ReportCache:
    """The reports kept for one database (a runtime's `db`) in this process."""
    with _CACHES_LOCK:
        cache = _CACHES.get(db)
        if cache is None:
            cache = _CACHES[db] = ReportCache()
        return cache
