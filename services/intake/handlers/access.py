"""Who may see which client, and the audit trail of every read of personal data.

Organisation scoping is the rule: a manager sees the clients of their own organisation, a
student only their own record; nobody else sees a client at all. A client that may not be seen
answers 404, so that its existence does not leak. Every read and change goes to the network's audit
log (shared.audit) as codes: an object type (`what`) and a purpose (`why`).
"""
from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from services.intake.db import clients
from services.intake.domain import sensitive
from shared.audit import codes
from shared.auth.principal import Principal
from shared.errors import NotFound
from shared.runtime import Work

# The reads that show the client record's fields (with its special-category ones, see domain/sensitive.py).
SHOWS_THE_RECORD = frozenset({"client_record", "client_card", "own_page", "all_data"})

HIDDEN_STATUSES = ("erased", "archived")  # out of daily work: an archived record is read by records staff only


def may_see(principal: Principal, client_row) -> bool:
    """The client's own organisation's managers and the client themself; nobody else (special categories alike)."""
    if client_row is None or client_row.status in HIDDEN_STATUSES:
        return False
    return sensitive.may_see(
        own_organisation_manager=principal.has("manager") and principal.organisation == client_row.organisation,
        the_client=principal.has("student") and principal.client_id == client_row.id)


def audit(work: Work, principal: Principal, client_id: str, action: str, what: str, why: str, *,
          category: str = codes.PERSONAL, detail: dict | None = None) -> None:
    """Log one action on a client's data (written to the audit store when the work commits)."""
    work.audit(principal, action, what, why, subjects=[client_id], category=category, detail=detail)


def owned_row(session: Session, table, row_id, client_id: str, missing: str):
    """One row of a client's own table (a goal, a step, a need, a skill) by id, or NotFound(missing).

    Call after load_client: the client's access is checked and audited there.
    """
    row = session.execute(select(table).where(table.c.id == row_id, table.c.client_id == client_id)).mappings().first()
    if row is None:
        raise NotFound(missing)
    return row


def load_client(work: Work, principal: Principal, client_id: str, *, what: str, why: str,
                action: str = "read", detail: dict | None = None):
    """The client row if the principal may see it (audited), else NotFound (its existence does not leak)."""
    row = work.session.execute(select(clients).where(clients.c.id == str(client_id))).first()
    if not may_see(principal, row):
        raise NotFound("No such client")
    work.audit(principal, action, what, why, subjects=[row.id], detail=detail, organisation=row.organisation)
    special = sensitive.special_fields(row._mapping) if what in SHOWS_THE_RECORD else []
    if special:  # logged apart, so that a review can list every access to special-category data
        work.audit(principal, action, what, why, subjects=[row.id], category=codes.SPECIAL_CATEGORY,
                   detail={"fields": special}, organisation=row.organisation)
    return row
