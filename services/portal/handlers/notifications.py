"""Users' notifications: stored from the network's events, counted, listed, marked read; and the doorbell
that wakes the open pages' streams when one arrives."""
from __future__ import annotations

import threading
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, insert, select, update
from sqlalchemy.orm import Session

from services.portal.db import notification_preferences, notifications, organisations, referral_sides, users
from services.portal.domain.notifications import EMAIL_MODES, RULES, Audience, Event
from shared.auth.principal import Principal
from shared.errors import N_, Invalid, NotFound
from shared.events.envelope import Envelope, utcnow
from shared.runtime import Work


class Doorbell:
    """Wakes the streams waiting in this process when notifications were stored (another process's
    notifications are found by the streams' own short polls)."""

    def __init__(self) -> None:
        self._condition = threading.Condition()
        self._rung = 0

    def ring(self) -> None:
        with self._condition:
            self._rung += 1
            self._condition.notify_all()

    def wait(self, seen: int, timeout: float) -> int:
        """Wait until rung after `seen` (or the timeout); the count of rings so far."""
        with self._condition:
            self._condition.wait_for(lambda: self._rung != seen, timeout=timeout)
            return self._rung

    @property
    def rung(self) -> int:
        return self._rung


DOORBELL = Doorbell()


@dataclass(frozen=True)
class Notification:
    id: int
    kind: str
    service: str
    path: str
    created_at: datetime
    read: bool
    subject: str | None = None  # the name of what it is about, when its event told one


def _remembered(session: Session, envelope: Envelope) -> dict:
    """What the portal keeps that a rule needs: the name of the organisation the event came from, and the two
    sides of a referral."""
    found = {}
    name = session.execute(select(organisations.c.name).where(organisations.c.slug == envelope.organisation)).scalar()
    if name:
        found["organisation_name"] = name
    referral_id = envelope.payload.get("referral_id")
    if not envelope.type.startswith("intake.referral") or referral_id is None:
        return found
    row = session.execute(select(referral_sides).where(referral_sides.c.referral_id == str(referral_id))).first()
    return found | ({"sides": (row.from_organisation, row.to_organisation)} if row else {})


def recipients(session: Session, audience: Audience) -> list[str]:
    """The active users an audience names: by organisation and role, by linked client, or by id."""
    if audience.empty:
        return []
    query = select(users.c.id, users.c.organisation, users.c.roles, users.c.client_id).where(users.c.active)
    found = []
    for row in session.execute(query):
        roles = set(row.roles.split(","))
        by_role = row.organisation in audience.organisations and roles & set(audience.roles)
        by_client = row.client_id is not None and row.client_id in audience.client_ids
        by_partner = "partner" in roles and row.organisation in audience.partners
        if (by_role or by_client or by_partner or row.id in audience.user_ids) and row.id not in audience.except_users:
            found.append(row.id)
    return sorted(found)


def deliver(work: Work, envelope: Envelope) -> None:
    """Store the notifications an event causes (subscriber of every type the rules name)."""
    session = work.session
    p = envelope.payload
    if envelope.type == "intake.referral.sent" and session.execute(
            select(referral_sides.c.referral_id).where(referral_sides.c.referral_id == str(p["referral_id"]))
    ).first() is None:
        session.execute(insert(referral_sides).values(referral_id=str(p["referral_id"]),
                                                      from_organisation=envelope.organisation,
                                                      to_organisation=p["to_organisation"]))
    event = Event(envelope.type, p, envelope.organisation, envelope.recipient, _remembered(session, envelope))
    now, stored = utcnow(), 0
    for rule in RULES.for_type(envelope.type):
        service, path = rule.link(event)
        subject = rule.subject(event) if rule.subject else None
        for user_id in recipients(session, rule.audience(event)):
            exists = session.execute(select(notifications.c.id).where(
                notifications.c.user_id == user_id, notifications.c.event_id == envelope.id)).first()
            if exists is None:
                session.execute(insert(notifications).values(
                    user_id=user_id, kind=rule.kind, service=service, path=path[:200],
                    subject=subject[:200] if subject else None, event_id=envelope.id, created_at=now))
                stored += 1
    if stored:
        DOORBELL.ring()


def _user_id(principal: Principal) -> str:
    if not principal.user_id:
        raise NotFound("notification")
    return principal.user_id


def unread_count(session: Session, principal: Principal) -> int:
    return session.execute(select(func.count()).select_from(notifications).where(
        notifications.c.user_id == _user_id(principal), notifications.c.read_at.is_(None))).scalar_one()


def latest_id(session: Session, principal: Principal) -> int:
    return session.execute(select(func.coalesce(func.max(notifications.c.id), 0)).where(
        notifications.c.user_id == _user_id(principal))).scalar_one()


def _row(row) -> Notification:
    return Notification(row.id, row.kind, row.service, row.path, row.created_at, row.read_at is not None,
                        row.subject)


def listing(session: Session, principal: Principal, *, after: int = 0, limit: int = 50,
            unread_only: bool = False) -> list[Notification]:
    """The user's notifications, newest first (after an id: only newer ones)."""
    query = select(notifications).where(notifications.c.user_id == _user_id(principal), notifications.c.id > after)
    if unread_only:
        query = query.where(notifications.c.read_at.is_(None))
    return [_row(r) for r in session.execute(query.order_by(notifications.c.id.desc()).limit(limit))]


def mark_read(work: Work, principal: Principal, notification_id: int) -> Notification:
    """Mark one of one's own notifications read (another's is not found)."""
    row = work.session.execute(select(notifications).where(
        notifications.c.id == notification_id, notifications.c.user_id == _user_id(principal))).first()
    if row is None:
        raise NotFound("notification")
    if row.read_at is None:
        work.session.execute(update(notifications).where(notifications.c.id == row.id).values(read_at=utcnow()))
    return _row(row)


def mark_all_read(work: Work, principal: Principal) -> int:
    result = work.session.execute(update(notifications).where(
        notifications.c.user_id == _user_id(principal), notifications.c.read_at.is_(None)).values(read_at=utcnow()))
    return result.rowcount or 0


def email_mode(session: Session, principal: Principal) -> str:
    mode = session.execute(select(notification_preferences.c.email).where(
        notification_preferences.c.user_id == _user_id(principal))).scalar()
    return mode or "daily"


def set_email_mode(work: Work, principal: Principal, mode: str) -> None:
    if mode not in EMAIL_MODES:
        raise Invalid({"email": [N_("Choose immediately, a daily digest or off.")]})
    user_id = _user_id(principal)
    table = notification_preferences
    if work.session.execute(select(table.c.user_id).where(table.c.user_id == user_id)).first() is None:
        work.session.execute(insert(table).values(user_id=user_id, email=mode, updated_at=utcnow()))
    else:
        work.session.execute(update(table).where(table.c.user_id == user_id).values(email=mode, updated_at=utcnow()))
