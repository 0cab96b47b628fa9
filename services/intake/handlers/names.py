"""Names of the clients a manager may see, for pickers and lists in every part of the network.

Other services hold clients only by pseudonymous id; a page that shows a manager their own organisation's
clients asks here (with the manager's token) for the names it may show, and nothing else of them. Every
lookup is one audit entry naming the clients whose names were given, with the purpose the caller states.
"""
from __future__ import annotations

from sqlalchemy import and_, select

from services.intake.db import clients
from services.intake.domain.clients import search_key
from services.intake.handlers import access
from services.intake.handlers.clients import _like
from shared.auth.principal import Principal
from shared.runtime import Work

LIMIT = 500  # a picker's list; beyond it the manager narrows by typing
PURPOSES = ("guidance", "environment", "matching", "referral")


def names(work: Work, principal: Principal, *, purpose: str, ids: list[str] | None = None, q: str | None = None,
          active_only: bool = True) -> list[dict]:
    """{id, name} of the principal's own organisation's clients: the `ids` asked for, else those whose name has
    the words of `q`, else all (active ones unless told otherwise), by last name; at most LIMIT."""
    if not principal.has("manager") or not principal.organisation:
        return []
    conditions = [clients.c.organisation == principal.organisation, clients.c.status.not_in(access.HIDDEN_STATUSES)]
    if ids is not None:
        conditions.append(clients.c.id.in_([str(i) for i in ids]))
    elif active_only:
        conditions.append(clients.c.status == "active")
    for word in search_key(q or "").split():
        conditions.append(clients.c.search_name.like(_like(word), escape="\\"))
    rows = work.session.execute(select(clients.c.id, clients.c.first_name, clients.c.last_name)
                                .where(and_(*conditions))
                                .order_by(clients.c.last_name, clients.c.first_name, clients.c.id).limit(LIMIT)).all()
    if rows:
        work.audit(principal, "read", "client_name", purpose, subjects=[r.id for r in rows],
                   organisation=principal.organisation)
    return [{"id": str(r.id), "name": f"{r.first_name} {r.last_name}".strip()} for r in rows]
