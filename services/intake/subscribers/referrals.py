"""Referrals and the service catalogue arriving from other member organisations' intake instances.

In the embedded default one instance serves every member organisation: its own events come back
to it and change nothing, because the rows they describe are already here.
"""
from __future__ import annotations

from datetime import UTC, datetime

import structlog
from sqlalchemy import insert, select, update

from services.intake.db import referrals, services
from services.intake.domain.referrals import applies, side_of
from shared.events.catalogue import NETWORK_ORGANISATION
from shared.events.envelope import Envelope, utcnow
from shared.runtime import Work

log = structlog.get_logger(__name__)


def serves(work: Work, organisation: str) -> bool:
    """Whether this instance serves an organisation: its own, or every one when it runs for the whole network."""
    own = work.runtime.config.organisation
    return own in (NETWORK_ORGANISATION, organisation)


def on_referral_sent(work: Work, envelope: Envelope) -> None:
    """Keep a referral sent to an organisation this instance serves, without the sender's client id."""
    p = envelope.payload
    session = work.session
    if session.execute(select(referrals.c.id).where(referrals.c.id == p["referral_id"])).first():
        return  # sent from this instance, or a repeat
    if not serves(work, p["to_organisation"]) or p["to_organisation"] == envelope.organisation:
        return
    now = utcnow()
    session.execute(insert(referrals).values(
        id=p["referral_id"], client_id=None, from_organisation=envelope.organisation,
        to_organisation=p["to_organisation"], service_id=p.get("service_id"), reference=p["reference"],
        note=p.get("note"),  # only events of earlier versions carry it; now it comes addressed (referral_notes)
        status="sent", created_at=envelope.occurred_at, updated_at=now))


def on_referral_updated(work: Work, envelope: Envelope) -> None:
    """Follow the other side's move, if that side may make it and it moves the referral forward."""
    p = envelope.payload
    session = work.session
    row = session.execute(select(referrals).where(referrals.c.id == p["referral_id"])).first()
    if row is None:
        return
    side = side_of(envelope.organisation, row.from_organisation, row.to_organisation)
    if not applies(row.status, p["status"], side):
        if row.status != p["status"]:
            log.info("referral_update_ignored", referral_id=row.id, status=row.status, incoming=p["status"])
        return
    session.execute(update(referrals).where(referrals.c.id == row.id).values(status=p["status"], updated_at=utcnow()))


def _utc(value: datetime) -> datetime:
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def on_service_published(work: Work, envelope: Envelope) -> None:
    """Keep another instance's service in the catalogue, newest version first."""
    p = envelope.payload
    session = work.session
    row = session.execute(select(services).where(services.c.id == p["service_id"])).first()
    if row is not None and (row.received_at is None or row.organisation != envelope.organisation):
        return  # our own service (or a clash of ids): this instance's row is the truth
    values = {k: p.get(k) for k in ("name", "description", "target_group", "service_area", "active")}
    if row is None:
        session.execute(insert(services).values(id=p["service_id"], organisation=envelope.organisation,
                                                received_at=utcnow(), created_at=envelope.occurred_at,
                                                updated_at=envelope.occurred_at, **values))
    elif _utc(envelope.occurred_at) >= _utc(row.updated_at):
        session.execute(update(services).where(services.c.id == row.id).values(
            received_at=utcnow(), updated_at=envelope.occurred_at, **values))


def on_service_hidden(work: Work, envelope: Envelope) -> None:
    """The coordinator hid a catalogue entry (or showed it again): every copy, the owner's too, follows."""
    p = envelope.payload
    work.session.execute(update(services).where(services.c.id == str(p["service_id"])).values(
        hidden_at=envelope.occurred_at if p["hidden"] else None))


HANDLERS = {
    "intake.referral.sent": on_referral_sent,
    "intake.referral.updated": on_referral_updated,
    "intake.service.published": on_service_published,
    "intake.service.hidden": on_service_hidden,
}
