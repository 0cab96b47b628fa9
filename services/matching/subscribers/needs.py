"""Partners and their competence needs: an open need is matched, a filled or closed one leaves matching."""
from __future__ import annotations

from sqlalchemy import select, update

from services.matching.db import decisions, needs, partners
from services.matching.domain import targets
from services.matching.domain.freshness import stale
from services.matching.handlers import suggestions
from services.matching.handlers.live import record_declines
from services.matching.handlers.suggestions import follow
from shared.events.envelope import Envelope, utcnow
from shared.runtime import Work


def on_partner_registered(work: Work, envelope: Envelope) -> None:
    """Keep the partner's name and organisation (for pages, and for partners' own views)."""
    p = envelope.payload
    values = dict(name=p["name"], kind=p["kind"], organisation=p.get("organisation"),
                  registered_by=envelope.organisation, municipality=p.get("municipality"), updated_at=utcnow())
    partner_id = str(p["partner_id"])
    if work.session.execute(select(partners.c.partner_id).where(partners.c.partner_id == partner_id)).first():
        work.session.execute(update(partners).where(partners.c.partner_id == partner_id).values(**values))
    else:
        work.session.execute(partners.insert().values(partner_id=partner_id, **values))


def restore_declines(work: Work, engine, kind: str, target_id: str) -> None:
    """Put a target's declines in force back into the engine (it forgets them when a target closes)."""
    record_declines(work.session, engine, decisions.c.target_kind == kind, decisions.c.target_id == target_id)


def on_need_published(work: Work, envelope: Envelope) -> None:
    """Store the newest need; rank it when open, withdraw its suggestions when filled or closed."""
    p = envelope.payload
    need_id = str(p["need_id"])
    current = work.session.execute(select(needs.c.changed_at).where(needs.c.need_id == need_id)).first()
    if current is not None and stale(current.changed_at, envelope.occurred_at):
        return
    values = dict(partner_id=str(p["partner_id"]), organisation=envelope.organisation, title=p["title"][:200],
                  status=p["status"], record=dict(p), changed_at=envelope.occurred_at, updated_at=utcnow())
    if current is not None:
        work.session.execute(update(needs).where(needs.c.need_id == need_id).values(**values))
    else:
        work.session.execute(needs.insert().values(need_id=need_id, **values))
    engine_id = targets.key(targets.NEED, need_id)

    def change(engine, live):
        need = targets.need(need_id, p, live.taxonomy.index)
        if need is None:
            engine.remove_need(engine_id)
            suggestions.withdraw_target(work, targets.NEED, need_id, "target_closed")
            return []
        restore_declines(work, engine, targets.NEED, need_id)
        return [engine.upsert_need(need), engine_id]

    follow(work, change)


HANDLERS = {
    "intake.partner.registered": on_partner_registered,
    "intake.need.published": on_need_published,
}
