"""Cooperation opportunities with a partner (a new order, a project, a thesis topic) that name nobody.

The organisation that recorded the partner records them; each is announced to the network's reporting,
which counts it as an event (yhteistyömahdollisuus), never as a person.
"""
from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import insert, select

from services.intake.db import partner_cooperation
from services.intake.domain.errors import ForbiddenFor
from services.intake.domain.partners import cooperation_problems
from services.intake.handlers.partners import ONLY_OWNER, rights_of, visible_partner
from shared.auth.principal import Principal
from shared.errors import require
from shared.events.envelope import utcnow
from shared.runtime import Work


def record_cooperation(work: Work, principal: Principal, partner_id, data: dict, *, today: date) -> dict:
    """Record a cooperation opportunity with a partner the principal's organisation recorded; returns it."""
    row = visible_partner(work.session, principal, partner_id)
    if not rights_of(principal, row).details:
        raise ForbiddenFor("Only the organisation that recorded the partner records its cooperation",
                           {"_schema": [ONLY_OWNER]})
    require(cooperation_problems(data.get("kind"), data.get("started_on"), today))
    cooperation_id = str(uuid.uuid4())
    description = (data.get("description") or "").strip() or None
    work.session.execute(insert(partner_cooperation).values(
        id=cooperation_id, partner_id=row.id, kind=data["kind"], started_on=data["started_on"],
        description=description, recorded_by_organisation=principal.organisation, recorded_by=principal.user_id,
        created_at=utcnow()))
    work.emit("intake.cooperation.recorded", {"cooperation_id": cooperation_id, "partner_id": row.id,
                                              "kind": data["kind"], "started_on": data["started_on"].isoformat()},
              organisation=principal.organisation)
    return _view(work.session.execute(select(partner_cooperation).where(
        partner_cooperation.c.id == cooperation_id)).one())


def cooperation_of(session, partner_id: str) -> list[dict]:
    """A partner's cooperation opportunities, newest first."""
    t = partner_cooperation
    rows = session.execute(select(t).where(t.c.partner_id == str(partner_id))
                           .order_by(t.c.started_on.desc(), t.c.created_at.desc())).all()
    return [_view(r) for r in rows]


def _view(row) -> dict:
    return {"id": row.id, "partner_id": row.partner_id, "kind": row.kind, "started_on": row.started_on,
            "description": row.description, "recorded_by_organisation": row.recorded_by_organisation}
