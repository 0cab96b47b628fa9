"""Intake's record types under the retention schedule (`kampus retention apply intake`).

- client_record: closed cases past their period are anonymised (personal data erased, the pseudonymous
  trail kept, the network told), archived (kept as an official record, out of daily work) or deleted;
- case_notes: the case's needs, path, metrics and the like of a closed or archived case;
- audit_log: entries older than the period (the database lets only this job delete them);
- client_notes: case notes (asiakaskirjaukset) whose day of contact is past the period, whatever the case's state;
- rights_requests: answered requests past their period;
- messages: conversations' messages past their period (deleted);
- the bus tables (outbox, inbox, dead letters).
"""
from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import delete, exists, func, insert, select, update

from services.intake.db import (
    audit_log,
    audit_log_purges,
    client_notes,
    clients,
    conversation_messages,
    erasure_decisions,
    processing_restrictions,
    rights_requests,
)
from services.intake.handlers import access
from services.intake.handlers.clients import fetch
from shared.auth.principal import Principal
from shared.events.envelope import utcnow
from shared.privacy.register import RetentionRule
from shared.privacy.retention import RecordType, bus_record_types, controllers_in, delete_rows, rowcount, table_due
from shared.runtime import ServiceRuntime, Work

CASE_ENDED = ("closed", "archived")


def _closed_before(statuses: tuple[str, ...]):
    def due(work: Work, cutoff: datetime, controller: str | None) -> list:
        query = select(clients.c.id).where(clients.c.status.in_(statuses), clients.c.closed_on < cutoff.date())
        if controller is not None:
            query = query.where(clients.c.organisation == controller)
        return list(work.session.execute(query.order_by(clients.c.id)).scalars())
    return due


def _still_closed(work: Work, keys: list) -> list:
    """The client records of `keys` still closed now (a case opened again or already handled is left alone)."""
    rows = (fetch(work.session, client_id) for client_id in keys)
    return [row for row in rows if row is not None and row.status == "closed"]


def _anonymise(work: Work, keys: list, rule: RetentionRule) -> int:
    """Erase each case's personal data (as an erasure does), audited as the retention's doing."""
    from services.intake.handlers.gdpr import erase

    rows = _still_closed(work, keys)
    for row in rows:
        access.audit(work, Principal(organisation=row.organisation), row.id, "anonymise", "client_record",
                     "retention", detail={"days": rule.days})
        erase(work, row, retention=True)
    return len(rows)


def archive_client(work: Work, row, principal: Principal, why: tuple[str, dict]) -> None:
    """Keep the client record as an archived official record: out of lists and daily work."""
    access.audit(work, principal, row.id, "archive", "client_record", why[0], detail=why[1])
    work.session.execute(update(clients).where(clients.c.id == row.id).values(
        status="archived", archived_at=utcnow(), updated_at=utcnow()))


def _archive(work: Work, keys: list, rule: RetentionRule) -> int:
    rows = _still_closed(work, keys)
    for row in rows:
        archive_client(work, row, Principal(organisation=row.organisation), ("retention", {"days": rule.days}))
    return len(rows)


def _case_notes_due(work: Work, cutoff: datetime, controller: str | None) -> list:
    from services.intake.handlers.gdpr import case_note_scopes

    candidates = _closed_before(CASE_ENDED)(work, cutoff, controller)
    scopes = case_note_scopes()
    return [cid for cid in candidates
            if any(work.session.execute(select(exists().where(s.condition(cid)))).scalar() for s in scopes)]


def _delete_case_notes(work: Work, keys: list, rule: RetentionRule) -> int:
    from services.intake.handlers.gdpr import delete_case_notes

    for client_id in keys:
        row = fetch(work.session, client_id)
        access.audit(work, Principal(organisation=row.organisation), client_id, "anonymise",
                     "case_notes", "retention", detail={"days": rule.days})
        delete_case_notes(work, client_id)
    return len(keys)


def _delete_audit_entries(work: Work, keys: list, rule: RetentionRule) -> int:
    """Delete old audit entries through the purge window the database's trigger checks.

    The window's cutoff lies just past the newest due entry, so no younger entry can go with them.
    """
    chunks = [keys[start:start + 1000] for start in range(0, len(keys), 1000)]
    newest = max(work.session.execute(select(func.max(audit_log.c.at)).where(audit_log.c.id.in_(chunk))).scalar_one()
                 for chunk in chunks)
    work.session.execute(insert(audit_log_purges).values(cutoff=newest + timedelta(microseconds=1)))
    done = sum(rowcount(work.session.execute(delete(audit_log).where(audit_log.c.id.in_(chunk)))) for chunk in chunks)
    work.session.execute(delete(audit_log_purges))
    return done


def _notes_due(work: Work, cutoff: datetime, controller: str | None) -> list:
    query = select(client_notes.c.id).where(client_notes.c.noted_on < cutoff.date())
    if controller is not None:
        query = query.where(client_notes.c.organisation == controller)
    return list(work.session.execute(query.order_by(client_notes.c.id)).scalars())


def _delete_notes(work: Work, keys: list, rule: RetentionRule) -> int:
    """Delete the notes past their period, audited per client as the retention's doing."""
    rows = work.session.execute(select(client_notes.c.client_id, client_notes.c.organisation)
                                .where(client_notes.c.id.in_(keys)).distinct()).all()
    for row in rows:
        access.audit(work, Principal(organisation=row.organisation), row.client_id, "erase", "case_notes",
                     "retention", detail={"days": rule.days})
    return rowcount(work.session.execute(delete(client_notes).where(client_notes.c.id.in_(keys))))


def _answered_before(work: Work, cutoff: datetime, controller: str | None) -> list:
    t = rights_requests
    query = select(t.c.id).where(t.c.state.in_(("done", "refused")), t.c.decided_on < cutoff.date())
    if controller is not None:
        query = query.where(t.c.organisation == controller)
    return list(work.session.execute(query.order_by(t.c.id)).scalars())


def _delete_requests(work: Work, keys: list, rule: RetentionRule) -> int:
    """Delete answered requests with their erasure decisions and the restrictions no longer in force."""
    t = processing_restrictions
    work.session.execute(delete(erasure_decisions).where(erasure_decisions.c.request_id.in_(keys)))
    work.session.execute(delete(t).where(t.c.request_id.in_(keys),
                                         (t.c.lifted_at.is_not(None)) | (t.c.decision == "rejected")))
    return rowcount(work.session.execute(delete(rights_requests).where(rights_requests.c.id.in_(keys))))


def record_types(runtime: ServiceRuntime) -> list[RecordType]:
    return [
        RecordType("client_record", _closed_before(("closed",)),
                   {"anonymise": _anonymise, "delete": _anonymise, "archive": _archive},
                   controllers=controllers_in(clients.c.organisation)),
        RecordType("case_notes", _case_notes_due,  # archived: they stay with the archived client record
                   {"delete": _delete_case_notes, "anonymise": _delete_case_notes, "archive": _archive},
                   controllers=controllers_in(clients.c.organisation)),
        RecordType("client_notes", _notes_due, {"delete": _delete_notes, "anonymise": _delete_notes},
                   controllers=controllers_in(client_notes.c.organisation)),
        RecordType("audit_log", table_due(audit_log, audit_log.c.id, audit_log.c.at),
                   {"delete": _delete_audit_entries}),
        RecordType("rights_requests", _answered_before, {"delete": _delete_requests},
                   controllers=controllers_in(rights_requests.c.organisation)),
        RecordType("messages", table_due(conversation_messages, conversation_messages.c.id,
                                         conversation_messages.c.created_at,
                                         controller_column=conversation_messages.c.organisation),
                   {"delete": delete_rows(conversation_messages, conversation_messages.c.id)},
                   controllers=controllers_in(conversation_messages.c.organisation)),
        *bus_record_types(runtime),
    ]
