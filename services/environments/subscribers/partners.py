"""Keep read models of intake's partners and competence needs, so that managers can pick them."""
from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import insert, select, update

from services.environments.db import competence_needs, environment_needs, environment_partners, partners
from shared.events.envelope import Envelope
from shared.runtime import Work


def _aware(value: datetime) -> datetime:
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def _newer(current, envelope: Envelope) -> bool:
    """An event older than what is stored already (a late duplicate from a retry) changes nothing."""
    return current is None or _aware(current.updated_at) <= envelope.occurred_at


def _upsert(session, table, id_: str, values: dict, envelope: Envelope) -> bool:
    """Insert or update the row `id_` of a read model, unless what is stored is newer; whether it changed."""
    current = session.execute(select(table).where(table.c.id == id_)).first()
    if not _newer(current, envelope):
        return False
    if current is None:
        session.execute(insert(table).values(id=id_, **values))
    else:
        session.execute(update(table).where(table.c.id == id_).values(**values))
    return True


def on_partner_registered(work: Work, envelope: Envelope) -> None:
    """Record or refresh a partner, and its name in the environments it takes part in."""
    data, session = envelope.payload, work.session
    partner_id = str(data["partner_id"])
    values = {"name": data["name"], "kind": data["kind"], "organisation": data.get("organisation"),
              "recorded_by": envelope.organisation, "updated_at": envelope.occurred_at}
    if not _upsert(session, partners, partner_id, values, envelope):
        return
    session.execute(update(environment_partners).where(environment_partners.c.partner_id == partner_id).values(
        name=data["name"], kind=data["kind"], organisation=data.get("organisation")))


def on_need_published(work: Work, envelope: Envelope) -> None:
    """Record or refresh a partner's competence need."""
    data, session = envelope.payload, work.session
    need_id = str(data["need_id"])
    values = {"partner_id": str(data["partner_id"]), "title": data["title"], "work_type": data.get("work_type"),
              "status": data["status"], "updated_at": envelope.occurred_at,
              "skills": [{"uri": s["uri"], "essential": s["essential"], "level": s["level"]}
                         for s in data.get("skills") or []]}
    if not _upsert(session, competence_needs, need_id, values, envelope):
        return
    session.execute(update(environment_needs).where(environment_needs.c.need_id == need_id).values(
        title=data["title"]))


HANDLERS = {"intake.partner.registered": on_partner_registered, "intake.need.published": on_need_published}
