"""Commands and reads of a client's needs assessment: structured needs with priority and status."""
from __future__ import annotations

import uuid

from sqlalchemy import delete, insert, select, update

from services.intake.config import settings
from services.intake.db import needs
from services.intake.domain import needs as needs_rules
from services.intake.domain import sensitive
from services.intake.handlers.access import load_client, owned_row
from shared.audit import codes
from shared.auth.principal import Principal
from shared.errors import require
from shared.events.envelope import utcnow
from shared.runtime import Work


def needs_view(work: Work, principal: Principal, client_id: str, why: str) -> dict:
    """The client and their needs, open ones first by priority (the read is audited; health-related needs and
    free texts in an entry of their own, category special_category)."""
    client = load_client(work, principal, client_id, what="needs_assessment", why=why)
    rows = [dict(r) for r in work.session.execute(select(needs).where(needs.c.client_id == client.id)).mappings()]
    log_special(work, principal, client, "read", why, sensitive.special_needs(rows))
    return {"client": client, "needs": needs_rules.in_assessment_order(rows)}


def log_special(work: Work, principal: Principal, client, action: str, why: str, found: dict) -> None:
    """A separate audit entry when health-related needs or free texts were read or changed."""
    if found:
        work.audit(principal, action, "sensitive_needs", why, subjects=[client.id], category=codes.SPECIAL_CATEGORY,
                   detail=found, organisation=client.organisation)


def offered_categories(work: Work) -> tuple[str, ...]:
    """The need categories this member's intake offers (health-related ones may be switched off)."""
    return sensitive.offered_categories(settings(work.runtime.config).disabled_need_categories)


def _check(work: Work, data: dict) -> None:
    errors = needs_rules.check_need(data["category"], data["priority"], data["status"], data["description"])
    errors.update(sensitive.check_category_allowed(data["category"],
                                                   settings(work.runtime.config).disabled_need_categories))
    require(errors)


def list_needs(work: Work, principal: Principal, client_id: str, why: str) -> list[dict]:
    """A client's needs, open ones first by priority."""
    return needs_view(work, principal, client_id, why)["needs"]


def need(work: Work, client_id: str, need_id: str) -> dict:
    """One need of a client (already loaded through load_client), or NotFound."""
    return dict(owned_row(work.session, needs, need_id, client_id, "No such need"))


def add_need(work: Work, principal: Principal, client_id: str, category: str, priority: int,
             description: str | None = None, status: str = "open") -> str:
    """Record an individual need of a client; returns its id."""
    client = load_client(work, principal, client_id, what="needs_assessment", why="guidance",
                         action="update")
    description = (description or "").strip() or None
    _check(work, {"category": category, "priority": priority, "status": status, "description": description})
    log_special(work, principal, client, "update", "guidance",
                sensitive.special_needs([{"category": category, "description": description}]))
    need_id, now = str(uuid.uuid4()), utcnow()
    work.session.execute(insert(needs).values(id=need_id, client_id=client.id, category=category, priority=priority,
                                              description=description, status=status, created_at=now,
                                              updated_at=now))
    return need_id


def change_need(work: Work, principal: Principal, client_id: str, need_id: str, changes: dict) -> dict:
    """Change a need's category, priority, description or status."""
    client = load_client(work, principal, client_id, what="needs_assessment", why="guidance",
                         action="update")
    merged = {**need(work, client.id, need_id), **changes}
    merged["description"] = (merged.get("description") or "").strip() or None
    if "category" in changes:  # a need kept from before its category was switched off may still change status
        _check(work, merged)
    else:
        require(needs_rules.check_need(merged["category"], merged["priority"], merged["status"],
                                       merged["description"]))
    log_special(work, principal, client, "update", "guidance", sensitive.special_needs([merged]))
    work.session.execute(update(needs).where(needs.c.id == need_id).values(
        category=merged["category"], priority=merged["priority"], description=merged["description"],
        status=merged["status"], updated_at=utcnow()))
    return need(work, client.id, need_id)


def remove_need(work: Work, principal: Principal, client_id: str, need_id: str) -> None:
    """Remove a need recorded by mistake (a need that was met or dropped keeps its status instead)."""
    client = load_client(work, principal, client_id, what="needs_assessment", why="guidance",
                         action="update")
    need(work, client.id, need_id)
    work.session.execute(delete(needs).where(needs.c.id == need_id))
