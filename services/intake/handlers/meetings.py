"""Meetings on clients' paths: the manager's own, one meeting as iCalendar, the student's own, and the
manager's private calendar feed (a random token whose hash alone is kept; revoked or replaced at will)."""
from __future__ import annotations

import hashlib
import secrets

from sqlalchemy import delete, insert, select

from services.intake.db import calendar_feeds, clients, path_steps
from services.intake.domain import meetings as rules
from services.intake.handlers.access import load_client
from shared.auth.principal import Principal
from shared.errors import Forbidden, NotFound
from shared.events.envelope import utcnow
from shared.runtime import Work

UID_DOMAIN = "sosiaalinen-kampus"
FEED_NAME = "Sosiaalinen kampus"


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def _uid(step_id: str) -> str:
    return f"{step_id}@{UID_DOMAIN}"


def _short_name(first: str | None, last: str | None) -> str:
    """The client as a calendar outside the network shows them: first name and initial (the least that helps)."""
    first, last = (first or "").strip(), (last or "").strip()
    return f"{first} {last[0]}.".strip() if last else first


def managers_meetings(work: Work, principal: Principal, *, why: str = "guidance") -> list[dict]:
    """The meetings this manager arranged on the paths of their organisation's active clients, soonest first."""
    if not principal.has("manager"):
        raise Forbidden("Only a service manager has meetings with clients")
    query = (select(path_steps, clients.c.first_name, clients.c.last_name)
             .join(clients, clients.c.id == path_steps.c.client_id)
             .where(path_steps.c.starts_at.is_not(None), path_steps.c.created_by == principal.user_id,
                    clients.c.organisation == principal.organisation, clients.c.status == "active")
             .order_by(path_steps.c.starts_at))
    rows = [dict(r) for r in work.session.execute(query).mappings()]
    if rows:
        work.audit(principal, "read", "client_name", why, subjects=sorted({r["client_id"] for r in rows}),
                   organisation=principal.organisation)
    return rows


def _entry(row: dict, summary: str) -> dict:
    return {"uid": _uid(row["id"]), "summary": summary, "starts_at": row["starts_at"], "ends_at": row["ends_at"],
            "place": row["place"], "video_link": row["video_link"], "participants": row["participants"],
            "status": row["status"]}


def meeting_ics(work: Work, principal: Principal, client_id: str, step_id: str) -> bytes:
    """One meeting of a client the principal may see (a manager of theirs, or the student themself) as .ics."""
    client = load_client(work, principal, client_id, what="personal_path", why="guidance"
                         if principal.has("manager") else "own_use")
    row = work.session.execute(select(path_steps).where(path_steps.c.id == str(step_id),
                                                        path_steps.c.client_id == client.id)).mappings().first()
    if row is None or row["starts_at"] is None:
        raise NotFound("No such meeting")
    summary = row["title"] if principal.has("student") else \
        f"{row['title']} – {_short_name(client.first_name, client.last_name)}"
    return rules.calendar([_entry(dict(row), summary)], name=FEED_NAME, now=utcnow())


def own_meetings(work: Work, principal: Principal, client_id: str) -> list[dict]:
    """The student's own meetings that have not yet ended, soonest first."""
    client = load_client(work, principal, client_id, what="personal_path", why="own_use")
    now = utcnow()
    rows = [dict(r) for r in work.session.execute(
        select(path_steps).where(path_steps.c.client_id == client.id, path_steps.c.starts_at.is_not(None),
                                 path_steps.c.status != "cancelled").order_by(path_steps.c.starts_at)).mappings()]
    return [r for r in rows if rules.ends(r) >= now]


# --- the private feed -----------------------------------------------------------------------------------------

def has_feed(work: Work, principal: Principal) -> bool:
    return work.session.execute(select(calendar_feeds.c.user_id).where(
        calendar_feeds.c.user_id == principal.user_id)).first() is not None


def new_feed(work: Work, principal: Principal) -> str:
    """A new feed token for the manager (an earlier one stops working); returned once, only its hash is kept."""
    if not principal.has("manager") or not principal.user_id:
        raise Forbidden("Only a service manager has a calendar feed")
    token = secrets.token_urlsafe(32)
    work.session.execute(delete(calendar_feeds).where(calendar_feeds.c.user_id == principal.user_id))
    work.session.execute(insert(calendar_feeds).values(user_id=principal.user_id, organisation=principal.organisation,
                                                       token_hash=_hash(token), created_at=utcnow()))
    return token


def revoke_feed(work: Work, principal: Principal) -> None:
    """The manager's feed address stops working."""
    work.session.execute(delete(calendar_feeds).where(calendar_feeds.c.user_id == principal.user_id))


def feed(work: Work, token: str) -> bytes:
    """The calendar of the manager whose token this is (NotFound for an unknown or revoked one); audited as
    the manager's read of their clients' names."""
    row = work.session.execute(select(calendar_feeds).where(calendar_feeds.c.token_hash == _hash(token))).first()
    if row is None:
        raise NotFound("No such calendar")
    owner = Principal(user_id=row.user_id, organisation=row.organisation, roles=frozenset({"manager"}))
    entries = [_entry(r, f"{r['title']} – {_short_name(r['first_name'], r['last_name'])}")
               for r in managers_meetings(work, owner)]
    return rules.calendar(entries, name=FEED_NAME, now=utcnow())
