"""Finding, exporting and erasing everything intake holds about one client.

The tables are found from the schema: every table with a column that refers to a client, and the
tables below them by foreign key. A table another area adds is covered without a change here."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time

from sqlalchemy import Table, delete, or_, select, update
from sqlalchemy.orm import Session

from services.intake.db import clients, idempotency_keys, metadata
from services.intake.domain.gdpr import (
    KEPT_ON_ERASURE,
    UNLINKED_ON_ERASURE,
    erased_values,
    export_document,
)
from services.intake.handlers import access
from services.intake.handlers.conversations import forget_environment_messages
from services.intake.handlers.referrals import forget_notes
from shared import clock
from shared.audit.labels import described, translator
from shared.auth.principal import Principal
from shared.events.envelope import utcnow
from shared.privacy import retention
from shared.privacy.register import build
from shared.runtime import ServiceRuntime, Work


def anonymise_closed(runtime: ServiceRuntime, older_than_days: int, today: date | None = None) -> int:
    """Anonymise every case closed more than `older_than_days` ago, whatever the schedule says; returns how many.

    The retention job (`kampus retention apply intake`) does this by each controller's schedule; this is its
    client-record rule with the period and action given.
    """
    from services.intake.handlers.retention import record_types

    if older_than_days < 0:
        raise ValueError("older_than_days must not be negative")
    block = {"retention": {"client_record": {"after": "case_closed", "days": older_than_days,
                                             "then": "anonymise"}}}
    kinds = [k for k in record_types(runtime) if k.name == "client_record"]
    now = datetime.combine(today or clock.today(), time(), UTC)
    report = retention.apply(runtime, kinds, now=now, registers=lambda org: build(org, block))
    return sum(o.done for o in report.outcomes)


def case_note_scopes() -> list[Scope]:
    """The tables of a case's content (needs, path, metrics, profile...) that erasure deletes."""
    return [scope for scope in scopes() if scope.treatment == "delete"]


def delete_case_notes(work: Work, client_id: str) -> None:
    """Delete a case's content, keeping the client record itself."""
    for scope in reversed(case_note_scopes()):
        work.session.execute(scope.table.delete().where(scope.condition(client_id)))


# audit_log: intake's own trail before the shared audit store; its rows are imported there (audit_import.py)
NOT_CLIENT_DATA = frozenset({"outbox", "inbox", "mailbox", "clients", "audit_log"})
CLIENT_COLUMN_NAMES = ("client_id", "receiver_client_id")


@dataclass(frozen=True)
class Scope:
    """The rows of one table that belong to a client, and what erasure does with them."""

    table: Table
    condition: Callable  # client_id -> SQL condition
    root: str  # the table whose treatment applies (itself, or the parent it hangs under)

    @property
    def treatment(self) -> str:
        if self.root in KEPT_ON_ERASURE:
            return "keep"
        return "unlink" if self.root in UNLINKED_ON_ERASURE else "delete"


def client_columns(table: Table) -> list:
    """Columns of a table that hold a client id of this organisation."""
    return [column for column in table.columns
            if column.name in CLIENT_COLUMN_NAMES or any(fk.column is clients.c.id for fk in column.foreign_keys)]


def scopes() -> list[Scope]:
    """Every table holding a client's rows, parents before children."""
    found: dict[str, Scope] = {}
    for table in metadata.sorted_tables:
        if table.name in NOT_CLIENT_DATA:
            continue
        columns = client_columns(table)
        if columns:
            found[table.name] = Scope(table, lambda cid, cols=tuple(columns): or_(*(c == str(cid) for c in cols)),
                                      table.name)
            continue
        for fk in table.foreign_keys:
            parent = found.get(fk.column.table.name)
            if parent is not None:
                found[table.name] = Scope(
                    table, lambda cid, col=fk.parent, key=fk.column, up=parent: col.in_(
                        select(key).where(up.condition(cid))), parent.root)
                break
    return list(found.values())


def client_data(session: Session, client_id: str) -> dict[str, list[dict]]:
    """Every row about a client, by table name."""
    data = {}
    for scope in scopes():
        order = list(scope.table.primary_key.columns)
        rows = session.execute(select(scope.table).where(scope.condition(client_id)).order_by(*order)).mappings()
        data[scope.table.name] = [dict(row) for row in rows]
    return data


def export(work: Work, row, lang: str = "fi") -> dict:
    """The client's data as one JSON document (call after access.load_client, which audits the export);
    the audit trail's codes are named in `lang` beside the codes."""
    data = client_data(work.session, row.id)
    gettext = translator(lang)
    data["audit_log"] = [{**entry, **{f"{k}_name": v for k, v in described(entry, gettext).items()}}
                         for entry in reversed(audit_trail(work, row.id))]  # oldest first, as the tables
    return export_document(dict(row._mapping), data, utcnow(), row.organisation)


def erase(work: Work, row, *, retention: bool = False) -> None:
    """Remove the client's personal data, keep the pseudonymous trail, tell the network."""
    forget_notes(work, row)  # free text shared with another organisation: both copies go
    forget_environment_messages(work, row)  # likewise an environment's messages that are the client's
    for scope in reversed(scopes()):
        if scope.treatment == "delete":
            work.session.execute(scope.table.delete().where(scope.condition(row.id)))
        elif scope.treatment == "unlink" and scope.root == scope.table.name:
            for name in UNLINKED_ON_ERASURE[scope.root]:
                column = scope.table.c[name]
                work.session.execute(update(scope.table).where(column == row.id).values({name: None}))
    work.session.execute(update(clients).where(clients.c.id == row.id)
                         .values(**erased_values(utcnow(), retention=retention)))
    # An API answer remembered for a retry (shared/web/idempotency.py) that names the client goes too.
    work.session.execute(delete(idempotency_keys).where(idempotency_keys.c.body.contains(str(row.id))))
    work.emit("intake.client.erased", {"client_id": row.id}, organisation=row.organisation)


def export_for(work: Work, principal: Principal, client_id: str, *, why: str, lang: str = "fi") -> dict:
    """Everything intake holds about a client, for someone who may see it; the export is audited first."""
    row = access.load_client(work, principal, client_id, what="all_data", why=why, action="export")
    return export(work, row, lang)


def audit_trail_of(work: Work, principal: Principal, client_id) -> list[dict]:
    """The audit trail of a client the principal may see (reading it is audited too)."""
    row = access.load_client(work, principal, client_id, what="audit_trail", why="log_review")
    return audit_trail(work, row.id)


def audit_trail(work: Work, client_id: str) -> list[dict]:
    """The client's audit trail, newest first: this work's entries not yet written, then the audit store's."""
    pending = [entry.row(seq=0, at=utcnow(), service=work.runtime.name, organisation=entry.organisation)
               for entry in reversed(work.audited) if str(client_id) in entry.subject_ids]
    return [trail_entry(row, str(client_id)) for row in (*pending, *work.runtime.audit.trail(str(client_id)))]


def trail_entry(row: dict, client_id: str) -> dict:
    """An audit entry as the client's trail shows it: codes, and how many clients it named (not who)."""
    return {"at": row["at"], "service": row["service"], "actor": row["actor"],
            "actor_organisation": row["actor_organisation"], "actor_role": row["actor_role"],
            "action": row["action"], "object_type": row["object_type"], "purpose": row["purpose"],
            "category": row["category"], "detail": row["detail"], "clients": len(row["subject_ids"])}
