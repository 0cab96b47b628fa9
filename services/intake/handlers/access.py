"""Who may see which client, and the audit trail of every read of personal data.

Organisation scoping is the rule: a manager sees the clients of their own organisation, a
student only their own record; nobody else sees a client at all. A client that may not be seen
answers 404, so that its existence does not leak.
"""
from __future__ import annotations

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from services.intake.db import audit_log, clients
from shared.auth.principal import Principal
from shared.errors import NotFound
from shared.events.envelope import utcnow

HIDDEN_STATUSES = ("erased", "archived")  # out of daily work: an archived record is read by records staff only


def may_see(principal: Principal, client_row) -> bool:
    if client_row is None or client_row.status in HIDDEN_STATUSES:
        return False
    if principal.has("manager") and principal.organisation == client_row.organisation:
        return True
    return principal.has("student") and principal.client_id == client_row.id


def audit(session: Session, principal: Principal, client_id: str, action: str, what: str, why: str) -> None:
    """Append one entry to the client's audit trail (in the caller's transaction)."""
    role = next((r for r in ("manager", "student", "coordinator", "partner", "admin") if principal.has(r)), None)
    session.execute(insert(audit_log).values(
        at=utcnow(), actor=principal.user_id, actor_organisation=principal.organisation, actor_role=role,
        client_id=client_id, action=action, what=what[:100], why=why[:200]))


def owned_row(session: Session, table, row_id, client_id: str, missing: str):
    """One row of a client's own table (a goal, a step, a need, a skill) by id, or NotFound(missing).

    Call after load_client: the client's access is checked and audited there.
    """
    row = session.execute(select(table).where(table.c.id == row_id, table.c.client_id == client_id)).mappings().first()
    if row is None:
        raise NotFound(missing)
    return row


def load_client(session: Session, principal: Principal, client_id: str, *, what: str, why: str,
                action: str = "read"):
    """The client row if the principal may see it (audited), else NotFound (its existence does not leak)."""
    row = session.execute(select(clients).where(clients.c.id == str(client_id))).first()
    if not may_see(principal, row):
        raise NotFound("No such client")
    audit(session, principal, row.id, action, what, why)
    return row
