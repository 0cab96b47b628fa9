"""Contact details to the partner of an accepted need match, once the young person has accepted it
(handlers/disclosures.py decides when).

The client's instance sends `intake.contact.shared` once per suggestion, addressed to the organisation
whose instance holds the need, and notes the disclosure beside the client; that instance keeps the
contact for the partner's users. No other instance receives it. Matching is told only that it went
(`intake.contact.disclosed`: the suggestion, no details), so that the partner's candidate page leads to the
introduction's conversation.
"""
from __future__ import annotations

import structlog
from sqlalchemy import insert, or_, select

from services.intake.db import clients, competence_needs, contact_disclosures, need_partners, shared_contacts
from services.intake.handlers.access import HIDDEN_STATUSES
from shared.audit import record_by
from shared.events.envelope import utcnow
from shared.runtime import Work

log = structlog.get_logger(__name__)


def held_client(session, client_id: str, organisation: str):
    """The client row when this instance holds the client in that organisation (not erased), else None."""
    return session.execute(select(clients).where(
        clients.c.id == str(client_id), clients.c.organisation == organisation,
        clients.c.status.not_in(HIDDEN_STATUSES))).first()


def holder_of_need(session, need_id: str, own_organisation: str) -> tuple[str, str | None] | None:
    """(partner id, organisation whose intake holds the need), or None for an unknown need.

    A need held here belongs to this instance's own organisation; a need held elsewhere to the source
    organisation of its `intake.need.published` (None when that was not recorded).
    """
    own = session.execute(select(competence_needs.c.partner_id).where(competence_needs.c.id == need_id)).scalar()
    if own is not None:
        return own, own_organisation
    published = session.execute(select(need_partners.c.partner_id, need_partners.c.holder_organisation)
                                .where(need_partners.c.need_id == need_id)).first()
    return (published.partner_id, published.holder_organisation) if published else None


def send_contact(work: Work, client, suggestion_id: str, need_id: str, partner_id: str,
                 holder_organisation: str) -> bool:
    """Send the client's contact details to the need's partner, once per need; whether they were sent now.

    The caller has decided that they may go (the young person accepted, or the member's legal basis).
    """
    session = work.session
    t = contact_disclosures
    if session.execute(select(t.c.id).where(or_(
            t.c.suggestion_id == suggestion_id, (t.c.client_id == client.id) & (t.c.need_id == need_id)))).first():
        return False  # already shared for this decision, or for this need
    session.execute(insert(contact_disclosures).values(client_id=client.id, suggestion_id=suggestion_id,
                                                       need_id=need_id, partner_id=partner_id, disclosed_at=utcnow()))
    name = " ".join(part for part in (client.first_name, client.last_name) if part)
    work.emit("intake.contact.shared", {"client_id": client.id, "partner_id": partner_id, "need_id": need_id,
                                        "name": name, "email": client.email, "phone": client.phone},
              organisation=client.organisation, to=holder_organisation)
    work.emit("intake.contact.disclosed", {"suggestion_id": suggestion_id, "need_id": need_id},
              organisation=client.organisation)
    return True


def holder_or_none(session, need_id: str, suggestion_id: str, own_organisation: str) -> tuple[str, str] | None:
    """(partner id, holder organisation) of a need, or None (logged) when either is unknown."""
    holder = holder_of_need(session, need_id, own_organisation)
    if holder is None:
        log.warning("contact_not_shared_unknown_need", need_id=need_id, suggestion_id=suggestion_id)
        return None
    if holder[1] is None:
        log.warning("contact_not_shared_unknown_holder", need_id=need_id, suggestion_id=suggestion_id)
        return None
    return holder[0], holder[1]


def keep_contact(work: Work, payload: dict, organisation: str) -> None:
    """Keep a shared contact beside a need this instance holds (once per client and need), with the
    organisation that shared it: the client's, whose managers alone may see it besides the partner's users."""
    need_id, client_id = str(payload["need_id"]), str(payload["client_id"])
    need = work.session.execute(select(competence_needs.c.partner_id).where(competence_needs.c.id == need_id)).first()
    if need is None or need.partner_id != str(payload["partner_id"]):
        return
    if work.session.execute(select(shared_contacts.c.id).where(
            shared_contacts.c.need_id == need_id, shared_contacts.c.client_id == client_id)).first():
        return
    work.session.execute(insert(shared_contacts).values(
        need_id=need_id, client_id=client_id, client_organisation=organisation, name=payload["name"],
        email=payload.get("email"),
        phone=payload.get("phone"), shared_at=utcnow()))


def contacts_by_need(session, need_ids, *, reader, shared_by: str | None = None) -> dict[str, list]:
    """The shared contacts of the given needs, oldest first, by need id; `reader` seeing them is logged.

    The partner's own users see every contact shared with them; a service manager passes `shared_by`, their
    organisation, and sees only their own organisation's clients.
    """
    found: dict[str, list] = {}
    ids = [str(i) for i in need_ids]
    if not ids:
        return found
    stmt = select(shared_contacts).where(shared_contacts.c.need_id.in_(ids))
    if shared_by is not None:
        stmt = stmt.where(shared_contacts.c.client_organisation == shared_by)
    rows = session.execute(stmt.order_by(shared_contacts.c.shared_at, shared_contacts.c.id)).all()
    for row in rows:
        found.setdefault(row.need_id, []).append(row)
    record_by(session, reader, "read", "contact_details", "contact_sharing",
              [(row.client_id, row.client_organisation) for row in rows], objects=sorted({r.need_id for r in rows}))
    return found
