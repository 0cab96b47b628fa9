"""Applying a controller's retention schedule to the records one service keeps.

Each service lists its record types (`RecordType`): how to find the rows of a type that are past
their period, and what each action (`delete`, `anonymise`, `archive`, `keep`) does to them. The job
(`kampus retention apply <service>`) asks the register which rule applies to each type, per
controller where a table holds several controllers' rows, and reports what it did per type.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, cast

from sqlalchemy import CursorResult, Table, delete, select, update

from shared.events.envelope import utcnow
from shared.privacy.register import PrivacyRegister, RetentionRule, for_organisation
from shared.runtime import ServiceRuntime, Work

# What a record type does to its due rows, per action: fn(work, keys, rule) -> rows changed.
Action = Callable[[Work, list, RetentionRule], int]


@dataclass(frozen=True)
class RecordType:
    """One kind of record a service keeps, how its due rows are found and what each action does to them."""

    name: str
    due: Callable[[Work, datetime, str | None], list]  # (work, cutoff, controller or None) -> keys
    actions: dict[str, Action]
    controllers: Callable[[Work], list[str]] | None = None  # controllers whose rows the table holds, if several
    after: Callable[[ServiceRuntime], None] | None = None  # run once rows changed, after their transaction


@dataclass
class Outcome:
    """What the job found and did for one record type of one controller."""

    record_type: str
    controller: str
    rule: RetentionRule
    due: int
    done: int = 0
    note: str = ""

    def line(self, dry_run: bool) -> str:
        head = (f"{self.record_type} ({self.controller}): {self.due} past {self.rule.days} days "
                f"after {self.rule.after}, then {self.rule.then}")
        if self.note:
            return f"{head}: {self.note}"
        return f"{head}: {'would change' if dry_run else 'changed'} {self.due if dry_run else self.done}"


@dataclass
class Report:
    outcomes: list[Outcome] = field(default_factory=list)

    def lines(self, dry_run: bool) -> list[str]:
        return [o.line(dry_run) for o in self.outcomes]


def cutoff_of(rule: RetentionRule, now: datetime) -> datetime:
    """Rows whose moment lies before this are past the rule's period."""
    if rule.days < 0:
        raise ValueError(f"{rule.record_type}: the period must not be negative")
    return now - timedelta(days=rule.days)


def apply(runtime: ServiceRuntime, record_types: Sequence[RecordType], *, dry_run: bool = False,
          now: datetime | None = None, registers: Callable[[str], PrivacyRegister] | None = None) -> Report:
    """Apply each record type's rule (per controller), one transaction per record type and controller."""
    now = now or utcnow()
    register_of = registers or (lambda org: for_organisation(runtime.config, org))
    report = Report()
    for kind in record_types:
        with runtime.work() as work:
            controllers = (kind.controllers(work) if kind.controllers else []) or [runtime.config.organisation]
        changed = 0
        for controller in controllers:
            rule = register_of(controller).retention(kind.name)
            outcome = _apply_one(runtime, kind, rule, controller if kind.controllers else None, controller, now,
                                 dry_run)
            report.outcomes.append(outcome)
            changed += outcome.done
        if changed and kind.after is not None:
            kind.after(runtime)
    return report


def _apply_one(runtime: ServiceRuntime, kind: RecordType, rule: RetentionRule, scope: str | None,
               controller: str, now: datetime, dry_run: bool) -> Outcome:
    with runtime.work() as work:
        if rule.then == "keep":
            return Outcome(kind.name, controller, rule, 0, note="kept")
        keys = kind.due(work, cutoff_of(rule, now), scope)
        outcome = Outcome(kind.name, controller, rule, len(keys))
        action = kind.actions.get(rule.then)
        if action is None:
            outcome.note = f"{rule.then} is not possible for this record type; nothing changed"
        elif keys and not dry_run:
            outcome.done = action(work, keys, rule)
        return outcome


def rowcount(result: Any) -> int:
    return cast(CursorResult[Any], result).rowcount or 0


# --- the common case: rows of one table, aged by one column --------------------------------------

def table_due(table: Table, key: Any, moment: Any, *where: Any, controller_column: Any = None):
    """`due` for rows of a table whose `moment` is before the cutoff (and that match `where`)."""
    def due(work: Work, cutoff: datetime, controller: str | None) -> list:
        query = select(key).where(moment.is_not(None), moment < cutoff, *where)
        if controller is not None and controller_column is not None:
            query = query.where(controller_column == controller)
        return list(work.session.execute(query.order_by(key)).scalars())
    return due


def delete_rows(table: Table, key: Any) -> Action:
    def run(work: Work, keys: list, rule: RetentionRule) -> int:
        return sum(rowcount(work.session.execute(delete(table).where(key.in_(chunk)))) for chunk in _chunks(keys))
    return run


def update_rows(table: Table, key: Any, values: dict | Callable[[], dict]) -> Action:
    def run(work: Work, keys: list, rule: RetentionRule) -> int:
        given = values() if callable(values) else values
        return sum(rowcount(work.session.execute(update(table).where(key.in_(chunk)).values(**given)))
                   for chunk in _chunks(keys))
    return run


def controllers_in(column: Any) -> Callable[[Work], list[str]]:
    """The controllers whose rows a table holds (its organisation column)."""
    return lambda work: sorted(work.session.execute(select(column).distinct()).scalars())


def _chunks(keys: list, size: int = 1000):
    for start in range(0, len(keys), size):
        yield keys[start:start + size]


# --- the bus tables every service has -----------------------------------------------------------

def bus_record_types(runtime: ServiceRuntime) -> list[RecordType]:
    """The outbox (sent rows), the inbox (processed ids) and the embedded transport's dead letters."""
    t = runtime.tables
    return [
        RecordType("outbox", table_due(t.outbox, t.outbox.c.id, t.outbox.c.sent_at),
                   {"delete": delete_rows(t.outbox, t.outbox.c.id)}),
        RecordType("inbox", table_due(t.inbox, t.inbox.c.event_id, t.inbox.c.processed_at),
                   {"delete": delete_rows(t.inbox, t.inbox.c.event_id)}),
        RecordType("dead_letters", table_due(t.mailbox, t.mailbox.c.id, t.mailbox.c.created_at,
                                             t.mailbox.c.status == "dead"),
                   {"delete": delete_rows(t.mailbox, t.mailbox.c.id)}),
    ]
