"""Managers' decisions on matching's suggestions: the suggestion's status, the partner's contact, the need's fill.

Accepting a need match asks the young person (under consent (c)) whether their contact details may go to the
partner, or discloses them under the member's legal basis (handlers/disclosures.py), and counts toward the need's
people in the instance that holds the need.
"""
from __future__ import annotations

from sqlalchemy import insert, select, update

from services.intake.db import need_partners, outcomes, partner_names, suggestions
from services.intake.domain.outcomes import HIRES
from services.intake.handlers.competence_needs import held_need, record_acceptance, record_hires
from services.intake.handlers.contacts import held_client, keep_contact
from services.intake.handlers.disclosures import on_match_accepted
from services.intake.handlers.outcomes import store_outcome
from shared import clock
from shared.events.envelope import Envelope, utcnow
from shared.runtime import Work


def _mark(work: Work, suggestion_id: str, status: str) -> None:
    work.session.execute(update(suggestions).where(suggestions.c.id == suggestion_id,
                                                   suggestions.c.status.in_(("new", "declined", "accepted")))
                         .values(status=status))


def on_suggestion_accepted(work: Work, envelope: Envelope) -> None:
    """Mark the suggestion; for a need, ask the young person about their contact and count the acceptance."""
    p = envelope.payload
    suggestion_id, client_id, target_id = str(p["suggestion_id"]), str(p["client_id"]), str(p["target_id"])
    _mark(work, suggestion_id, "accepted")
    if p["target_kind"] != "need":
        return
    client = held_client(work.session, client_id, p["organisation"])
    if client is not None:
        on_match_accepted(work, client, suggestion_id, target_id)
    need = held_need(work.session, target_id)
    if need is not None:
        record_acceptance(work, need, client_id, suggestion_id)


def on_suggestion_declined(work: Work, envelope: Envelope) -> None:
    """Mark the suggestion declined."""
    _mark(work, str(envelope.payload["suggestion_id"]), "declined")


def on_feedback_recorded(work: Work, envelope: Envelope) -> None:
    """A partner hired a candidate: the client's own intake records the outcome on their path (once per
    suggestion), and the intake that holds the need fills it when its positions are taken."""
    p = envelope.payload
    if p["stage"] != "hired":
        return
    suggestion_id = str(p["suggestion_id"])
    client = held_client(work.session, str(p["client_id"]), p["organisation"])
    if client is not None and work.session.execute(select(outcomes.c.id).where(
            outcomes.c.client_id == client.id, outcomes.c.via_suggestion_id == suggestion_id)).first() is None:
        work_form, hidden = HIRES[p["employment"]]
        store_outcome(work, client, {
            "kind": "work", "work_form": work_form, "hidden_job": hidden, "description": None,
            "field_of_education": None, "qualification": False, "started_on": clock.day_of(envelope.occurred_at),
            "ended_on": None, "via_environment_id": None, "via_suggestion_id": suggestion_id},
            source="partner", recorded_by=None)
    need = held_need(work.session, str(p["target_id"]))
    if need is not None:
        record_hires(work, need, int(p["need_hires"]))


def on_need_published(work: Work, envelope: Envelope) -> None:
    """Remember a need's partner and the organisation holding it (for sharing contacts about needs held elsewhere)."""
    need_id, partner_id = str(envelope.payload["need_id"]), str(envelope.payload["partner_id"])
    known = work.session.execute(select(need_partners.c.holder_organisation)
                                 .where(need_partners.c.need_id == need_id)).first()
    if known is None:
        work.session.execute(insert(need_partners).values(need_id=need_id, partner_id=partner_id,
                                                          holder_organisation=envelope.organisation,
                                                          received_at=utcnow()))
    elif known.holder_organisation is None:  # recorded before holders were kept: learn it from this change
        work.session.execute(update(need_partners).where(need_partners.c.need_id == need_id)
                             .values(holder_organisation=envelope.organisation))
    # Otherwise a need stays with its partner and its holder.


def on_partner_registered(work: Work, envelope: Envelope) -> None:
    """Keep a partner's name (the young person's question names the partner who would get the contact) and its
    login organisation (its users take part in the conversation about an introduction)."""
    partner_id, name = str(envelope.payload["partner_id"]), envelope.payload["name"][:200]
    values = {"name": name, "organisation": envelope.payload.get("organisation") or None, "received_at": utcnow()}
    t = partner_names
    if work.session.execute(select(t.c.partner_id).where(t.c.partner_id == partner_id)).first():
        work.session.execute(update(t).where(t.c.partner_id == partner_id).values(**values))
    else:
        work.session.execute(insert(t).values(partner_id=partner_id, **values))


def on_contact_shared(work: Work, envelope: Envelope) -> None:
    """Keep the contact for the partner's users, in the instance that holds the need."""
    keep_contact(work, envelope.payload, envelope.organisation)


HANDLERS = {
    "matching.suggestion.accepted": on_suggestion_accepted,
    "matching.suggestion.declined": on_suggestion_declined,
    "matching.candidate.feedback_recorded": on_feedback_recorded,
    "intake.need.published": on_need_published,
    "intake.partner.registered": on_partner_registered,
    "intake.contact.shared": on_contact_shared,
}
