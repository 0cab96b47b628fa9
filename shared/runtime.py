"""A service's runtime: its database, outbox and event handlers, built once per process."""
from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, cast

from sqlalchemy import MetaData, func, select
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from shared.audit import Actor, AuditStore, Entry, codes, open_store
from shared.audit.disclosures import disclosures
from shared.audit.settings import audit_unreachable
from shared.bus.outbox import Outbox
from shared.bus.tables import BusTables, bus_tables
from shared.config import Config
from shared.db import WRITTEN, Database
from shared.events.envelope import Envelope, new_event, utcnow
from shared.events.registry import EventRegistry
from shared.metrics import ServiceMetrics, metrics_for


@dataclass
class Work:
    """One transaction of a service: change state with `session`, announce it with `emit`."""

    session: Session
    runtime: ServiceRuntime
    cause: Envelope | None = None
    emitted: list[Envelope] = field(default_factory=list)

    pending: list[Envelope] = field(default_factory=list)
    audited: list[Entry] = field(default_factory=list)
    at_commit: list[tuple[Any, Any]] = field(default_factory=list)  # (statement, parameters): write_at_commit
    actor: Actor | None = None  # the last audited actor: disclosures by this work's events are theirs

    def __post_init__(self) -> None:
        self.session.info["work"] = self  # shared.audit.record logs through the work that owns the session

    def audit(self, principal, action: str, object_type: str, purpose: str, *, subjects=(), objects=(),
              category: str = codes.PERSONAL, detail: dict | None = None, organisation: str | None = None) -> Entry:
        """Log a read, change or export of personal data; written to the audit store before this work commits."""
        actor = principal if isinstance(principal, Actor) else Actor.of(principal)
        entry = Entry(action, object_type, purpose, actor, subject_ids=tuple(str(s) for s in subjects),
                      object_ids=tuple(str(o) for o in objects), category=category, detail=detail or {},
                      organisation=organisation)
        self.actor = actor
        self.audited.append(entry)
        return entry

    def emit(self, type_: str, payload: dict, organisation: str | None = None, to: str | None = None) -> Envelope:
        """Validate an event now; it goes into the outbox with this transaction's other events.

        `to` is the recipient organisation of an addressed type (required for those, refused for others).
        """
        envelope = new_event(type_, payload, organisation=organisation or self.runtime.config.organisation,
                             service=self.runtime.name,
                             correlation_id=self.cause.correlation_id if self.cause else None, recipient=to)
        envelope = self.runtime.registry.validate(envelope)
        self.pending.append(envelope)
        self.emitted.append(envelope)
        return envelope

    def write_at_commit(self, statement, parameters) -> None:
        """Execute a write with the COMMIT: `runtime.work()` sends the writes given here, the outbox's INSERT,
        NOTIFY and COMMIT in one round trip on PostgreSQL (psycopg's pipeline mode), where each was a round trip
        of its own. For a write that nothing in the transaction reads back and that the database cannot refuse for
        what was asked (its input checked before): a refusal would surface at the commit, after the audit entries
        were appended, and the whole transaction is rolled back as for any failed commit. `flush` (a transaction
        that goes on) executes them at once, in the order given. An INSERT asks no key back (`.inline()`): in
        the pipeline nothing answers before the COMMIT."""
        if getattr(statement, "is_insert", False) and not statement._inline:
            raise ValueError("an INSERT written at commit asks no key back: give insert(...).inline()")
        self.at_commit.append((statement, parameters))

    def _audit_pending(self) -> None:
        for hook in self.runtime.flush_hooks:
            hook(self)
        if self.pending:
            self.audited.extend(disclosures(self.pending, self.actor or Actor()))

    def _write(self) -> None:
        for statement, parameters in self.at_commit:
            WRITTEN.execute(self.session, statement, parameters)
        self.at_commit = []
        if self.pending:
            self.runtime.outbox.add_all(self.session, self.pending, validated=True)
            self.pending = []

    def flush(self) -> None:
        """Write the events emitted so far to the outbox (one INSERT), and the audit entries to the audit store
        (the events that name a client logged as disclosures), before the transaction commits; first the
        runtime's `before_flush` hooks may emit what this work's changes add up to."""
        self._audit_pending()
        self._write()
        if self.audited:
            self.runtime.audit.append(self.audited)
            self.audited = []

    def commit(self) -> None:
        """`flush`, then commit: the audit entries appended first, then the writes given to `write_at_commit`, the
        outbox's INSERT, NOTIFY and COMMIT sent together (`Database.commit_with`: one round trip on PostgreSQL, four
        before). A refusal of any of them raises here (SQLAlchemy's error, as at the statement) and nothing of
        the transaction is stored; its audit entries stay, as when a commit fails."""
        self._audit_pending()
        if self.audited:
            self.runtime.audit.append(self.audited)
            self.audited = []
        if self.at_commit or self.pending:
            self.runtime.db.commit_with(self.session, self._write)
        else:  # nothing to send with the COMMIT (a read's work): no pipeline
            self.session.commit()


Handler = Callable[[Work, Envelope], None]


@dataclass(frozen=True)
class OutboxState:
    """The unsent part of an outbox: how many rows, and when the oldest was written."""

    backlog: int
    oldest: datetime | None

    def oldest_age(self, now: datetime | None = None) -> float:
        """Seconds the oldest unsent event has waited; 0 when nothing waits."""
        if self.oldest is None:
            return 0.0
        oldest = self.oldest if self.oldest.tzinfo else self.oldest.replace(tzinfo=UTC)  # SQLite
        return max(0.0, ((now or utcnow()) - oldest).total_seconds())


class ServiceRuntime:
    """Everything one service needs outside Flask: config, database, outbox, handlers."""

    def __init__(self, config: Config, metadata: MetaData, registry: EventRegistry,
                 handlers: dict[str, Handler] | None = None, migrations: str | None = None) -> None:
        self.config = config
        self.name = config.service
        self.metadata = metadata
        self.tables: BusTables = bus_tables(metadata)
        self.registry = registry
        self.handlers = dict(handlers or {})
        self.migrations = migrations
        pool = {k: v for k, v in (("pool_size", config.db_pool_size), ("max_overflow", config.db_max_overflow))
                if v is not None and not config.database_url.startswith("sqlite")}
        self.db = Database(config.database_url, **pool)
        self.metrics: ServiceMetrics = metrics_for(self.name)
        self.metrics.track_outbox(self.outbox_state)
        self._wake_hooks: list[Callable[[], None]] = []
        self.flush_hooks: list[Callable[[Work], None]] = []
        self.outbox = Outbox(self.tables, registry, wake=self._wake)
        self.audit: AuditStore = open_store(config)  # a database of its own, never the service's
        self.db.sessions.configure(info={"audit": self.audit})  # shared.audit.record outside a unit of work

    def on_commit_of_events(self, hook: Callable[[], None]) -> None:
        """Call `hook` after a transaction that added events commits (wakes a relay at once)."""
        self._wake_hooks.append(hook)

    def before_flush(self, hook: Callable[[Work], None]) -> None:
        """Call `hook(work)` when a unit of work writes its events, before the outbox insert (once per hook): a
        service announcing once per transaction what several of its changes add up to."""
        if hook not in self.flush_hooks:
            self.flush_hooks.append(hook)

    def _wake(self) -> None:
        for hook in self._wake_hooks:
            hook()

    @contextmanager
    def work(self, cause: Envelope | None = None) -> Iterator[Work]:
        """A unit of work: one transaction, committed on success."""
        with self.db.transaction() as session:
            work = Work(session=session, runtime=self, cause=cause)
            yield work
            work.commit()

    @contextmanager
    def reading(self) -> Iterator[Work]:
        """A unit of work for reads, a statement at a time (`Database.statements`: no BEGIN and COMMIT round trips,
        each statement commits on its own); what it audits is written to the audit store when it ends, as `work`
        writes it. Work that changes anything belongs in `work`."""
        with self.db.statements() as session:
            work = Work(session=session, runtime=self)
            yield work
            work.flush()

    def outbox_backlog(self) -> int:
        return self.outbox_state().backlog

    def outbox_state(self) -> OutboxState:
        """How many events wait unsent in the outbox and how long the oldest has waited (one query)."""
        table = self.tables.outbox
        with self.db.session() as session:
            row = session.execute(select(func.count(), func.min(table.c.created_at))
                                  .where(table.c.sent_at.is_(None))).one()
        count, oldest = cast(tuple[int, datetime | None], row)
        return OutboxState(count, oldest)

    def migrate(self) -> None:
        """Bring the database schema to the newest migration."""
        from shared.migrations import upgrade

        upgrade(self)
        from shared.audit.settings import writer_role

        # The audit store's tables are its owner's. A process given only the writer's URL (a pod whose init
        # container migrates) leaves them as they are; the owner renews the guards and the writer's grants.
        writer_only = bool(self.config.extra.get("audit_database_url")) and not self.config.extra.get(
            "audit_admin_database_url")
        owner = open_store(self.config, admin=True)
        try:
            owner.ensure_schema(writer=writer_role(self.config), force=not writer_only)
        except OperationalError as exc:
            raise RuntimeError(audit_unreachable(self.config, exc)) from exc
        finally:
            owner.dispose()

    def close(self) -> None:
        self.db.dispose()
        self.audit.dispose()
