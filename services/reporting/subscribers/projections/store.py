"""Where projections keep their rows: the database in the consumer's transaction, or memory for a rebuild.

Projectors are written once against `Store`. `SqlStore` applies each change to the database inside
the inbox transaction (so an event and its effects commit together); `MemoryStore` holds the rows in
dicts while the whole raw log is replayed, and is then written out in bulk. Both behave alike, which
the rebuild test checks by comparing every figure.
"""
from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable
from functools import cache

from sqlalchemy import Table, and_, bindparam, delete, select
from sqlalchemy.orm import Session

from services.reporting.db import PROJECTIONS

TABLES: dict[str, Table] = {table.name: table for table in PROJECTIONS}
# Columns projectors look rows up by, besides the primary key.
LOOKUPS: dict[str, tuple[str, ...]] = {
    "clients": ("person_key",),
    "participations": ("client_id", "environment_id"),
    "survey_answers": ("client_id", "answer_id"),
    "assessments": ("client_id", "assessment_id"),
    "outcomes": ("client_id",),
    "metric_pairs": ("client_id",),
    "referrals": ("client_id",),
    "overlap_resolutions": ("client_id",),
    "suggestions": ("client_id",),
    "environment_fields": ("environment_id",),
}


@cache
def primary_key(table: str) -> tuple[str, ...]:
    return tuple(c.name for c in TABLES[table].primary_key.columns)


def key_of(table: str, row: dict) -> tuple:
    return tuple(row[c] for c in primary_key(table))


@cache
def _defaults(table: str) -> dict:
    """Every column of a table with the value a row has when none is given."""
    return {c.name: (c.default.arg if c.default is not None and not callable(c.default.arg) else None)
            for c in TABLES[table].columns}


class Store(ABC):
    """Rows of the projection tables, by table name, as plain dicts."""

    @abstractmethod
    def get(self, table: str, *key) -> dict | None:
        """The row with this primary key, or None."""

    @abstractmethod
    def put(self, table: str, row: dict) -> None:
        """Insert the row, or replace the one with the same primary key (every column given)."""

    @abstractmethod
    def delete(self, table: str, *key) -> None:
        """Remove the row with this primary key, if any."""

    @abstractmethod
    def find(self, table: str, column: str, value) -> list[dict]:
        """Rows whose `column` (a declared lookup) equals `value`."""

    @abstractmethod
    def delete_where(self, table: str, column: str, value) -> None:
        """Remove every row whose `column` (a declared lookup) equals `value`."""

    def patch(self, table: str, key: tuple, **changes) -> dict | None:
        """Change some columns of an existing row; returns the new row (None when there is none)."""
        row = self.get(table, *key)
        if row is None:
            return None
        row = {**row, **changes}
        self.put(table, row)
        return row


def full_row(table: str, row: dict) -> dict:
    """The row with every column present (missing ones None or the column's default)."""
    defaults = _defaults(table)
    return {name: row.get(name, default) for name, default in defaults.items()}


class MemoryStore(Store):
    """Rows in dicts with indexes on the lookup columns: the replay of a rebuild, and the unit tests' fake."""

    def __init__(self) -> None:
        self.rows: dict[str, dict[tuple, dict]] = {name: {} for name in TABLES}
        self.indexes: dict[tuple[str, str], dict] = {(t, c): {} for t, cols in LOOKUPS.items() for c in cols}

    def _unindex(self, table: str, key: tuple, row: dict) -> None:
        for column in LOOKUPS.get(table, ()):
            bucket = self.indexes[(table, column)].get(row[column])
            if bucket is not None:
                bucket.discard(key)

    def get(self, table: str, *key) -> dict | None:
        row = self.rows[table].get(tuple(key))
        return dict(row) if row is not None else None

    def put(self, table: str, row: dict) -> None:
        row = full_row(table, row)
        key = key_of(table, row)
        old = self.rows[table].get(key)
        if old is not None:
            self._unindex(table, key, old)
        self.rows[table][key] = row
        for column in LOOKUPS.get(table, ()):
            self.indexes[(table, column)].setdefault(row[column], set()).add(key)

    def delete(self, table: str, *key) -> None:
        old = self.rows[table].pop(tuple(key), None)
        if old is not None:
            self._unindex(table, tuple(key), old)

    def _keys(self, table: str, column: str, value) -> list[tuple]:
        if (table, column) not in self.indexes:
            raise KeyError(f"{table}.{column} is not a declared lookup")
        return sorted(self.indexes[(table, column)].get(value, ()), key=repr)

    def find(self, table: str, column: str, value) -> list[dict]:
        return [dict(self.rows[table][k]) for k in self._keys(table, column, value)]

    def delete_where(self, table: str, column: str, value) -> None:
        for key in self._keys(table, column, value):
            self.delete(table, *key)

    def all_rows(self, table: str) -> Iterable[dict]:
        return self.rows[table].values()


@cache
def _statements(dialect: str, table: str) -> dict:
    """Statements of a table built once, with bound parameters, so each call only binds values."""
    t = TABLES[table]
    keys = primary_key(table)
    by_key = and_(*[t.c[name] == bindparam(f"k_{name}") for name in keys])
    if dialect == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert
    upsert = insert(t).values({c.name: bindparam(c.name) for c in t.columns})
    changes = {c.name: upsert.excluded[c.name] for c in t.columns if c.name not in keys}
    upsert = upsert.on_conflict_do_update(index_elements=list(keys), set_=changes) if changes \
        else upsert.on_conflict_do_nothing(index_elements=list(keys))
    order = [t.c[name] for name in keys]
    return {
        "get": select(t).where(by_key), "put": upsert, "delete": delete(t).where(by_key),
        **{f"find:{c}": select(t).where(t.c[c] == bindparam("v")).order_by(*order) for c in LOOKUPS.get(table, ())},
        **{f"delete:{c}": delete(t).where(t.c[c] == bindparam("v")) for c in LOOKUPS.get(table, ())},
    }


class SqlStore(Store):
    """Rows in the reporting database, changed in the caller's transaction. It notes what it changed (the
    tables, and the keys of the client records and persons) for the projections' versions (report_cache.touch)."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.dialect = session.get_bind().dialect.name
        self.tables: set[str] = set()
        self.keys: dict[str, set] = {"clients": set(), "persons": set()}
        self.unknown = False  # a change whose keys were not noted

    def _changed(self, table: str, key) -> None:
        self.tables.add(table)
        if table in self.keys:
            self.keys[table].add(key)

    def _statement(self, table: str, name: str):
        return _statements(self.dialect, table)[name]

    def _key(self, table: str, key: tuple) -> dict:
        return {f"k_{name}": value for name, value in zip(primary_key(table), key)}

    def get(self, table: str, *key) -> dict | None:
        row = self.session.execute(self._statement(table, "get"), self._key(table, key)).mappings().first()
        return dict(row) if row is not None else None

    def put(self, table: str, row: dict) -> None:
        self.session.execute(self._statement(table, "put"), full_row(table, row))
        self._changed(table, key_of(table, row)[0])

    def delete(self, table: str, *key) -> None:
        self.session.execute(self._statement(table, "delete"), self._key(table, key))
        self._changed(table, key[0])

    def find(self, table: str, column: str, value) -> list[dict]:
        rows = self.session.execute(self._statement(table, f"find:{column}"), {"v": value}).mappings()
        return [dict(r) for r in rows]

    def delete_where(self, table: str, column: str, value) -> None:
        self.session.execute(self._statement(table, f"delete:{column}"), {"v": value})
        self.tables.add(table)
        if table in self.keys:  # the keys are not known here: any record or person may have had facts
            self.unknown = True
