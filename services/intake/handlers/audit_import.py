"""Intake's audit trail from before the shared audit store, moved into it once (idempotently).

The old `audit_log` table held English sentences; each known sentence becomes its codes, an unknown one
is kept as an `legacy` entry with its text in the detail. The import writes a marker entry naming the
last row moved, so a second start moves only what came after it (nothing, once intake stopped writing there).
"""
from __future__ import annotations

from datetime import UTC

from sqlalchemy import select

from services.intake.db import audit_log
from shared.audit import Actor, Entry
from shared.runtime import ServiceRuntime

OBJECTS = {"client record": "client_record", "client card": "client_card", "own page": "own_page",
           "name": "client_name", "client status": "client_status", "consents": "consents",
           "personal path": "personal_path", "personal metrics": "personal_metrics",
           "competence profile": "competence_profile", "needs assessment": "needs_assessment",
           "outcomes": "outcomes", "outcome": "outcomes", "referral to another organisation": "referral",
           "link to an incoming referral": "referral", "audit trail": "audit_trail", "all data (export)": "all_data",
           "all personal data": "all_data", "client list: name and status": "client_list"}
PURPOSES = {
    "viewing the client card": "guidance", "correcting the client's data": "correction",
    "correction of the client's data": "correction", "recording the client's consent decision": "consent_decision",
    "confirming the erasure of the client's data": "erasure", "the client viewing their own page": "own_use",
    "the client's own consent decision": "own_use", "the client viewing their own record": "own_use",
    "closing the client's case": "case_closing", "viewing who has handled the client's data": "log_review",
    "the client's right of access and to data portability": "right_of_access",
    "the client's right of access, handed over by the service manager": "right_of_access",
    "registration of a new client": "registration", "listing the organisation's clients": "guidance",
    "show a possible shared client notice": "overlap", "show the client's referrals": "referral",
    "refer the client": "referral", "the client decided to be referred to another organisation's service": "referral",
    "accept a referral for the organisation's own client": "referral",
}
MARKER = "legacy_audit_log"
ACTIONS = ("read", "create", "update", "export", "erase", "anonymise")


def legacy_entry(row) -> Entry:
    """One old row as codes; what cannot be coded is kept as it was, in the detail."""
    what = row.what.split(":")[0] if row.what.startswith("client record:") else row.what
    obj = OBJECTS.get(what)
    purpose = PURPOSES.get(row.why) or ("erasure" if row.why.startswith("erasure") else None) \
        or ("retention" if row.why.startswith("retention") else "guidance" if obj else None)
    detail: dict = {"legacy_id": row.id}
    if obj is None or purpose is None:
        obj, purpose = "legacy", "legacy"
        detail.update(what=row.what, why=row.why)
    return Entry(row.action if row.action in ACTIONS else "read", obj, purpose,
                 Actor(str(row.actor) if row.actor else None, row.actor_organisation, row.actor_role),
                 subject_ids=(str(row.client_id),), detail=detail,
                 at=row.at if row.at.tzinfo else row.at.replace(tzinfo=UTC))  # SQLite gives it back naive


def import_legacy(runtime: ServiceRuntime) -> int:
    """Move the rows of intake's old audit_log not moved yet into the audit store; returns how many."""
    done = max((int(e["detail"].get("upto", 0)) for e in runtime.audit.trail(MARKER)), default=0)
    with runtime.db.session() as session:
        rows = session.execute(select(audit_log).where(audit_log.c.id > done).order_by(audit_log.c.id)).all()
    if not rows:
        return 0
    entries = [legacy_entry(row) for row in rows]
    marker = Entry("import", "legacy", "administration", subject_ids=(MARKER,),
                   detail={"upto": rows[-1].id, "count": len(rows)})
    runtime.audit.append([*entries, marker])
    return len(rows)
