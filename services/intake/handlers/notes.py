"""Case notes (asiakaskirjaukset): dated notes on a client by their organisation's service managers.

Every read and write is audited (object type `case_notes`); the notes are in the client's data export and
erased with the client (handlers/gdpr.py finds the table by its client column); the retention job deletes
notes older than the register's `client_notes` period (handlers/retention.py).
"""
from __future__ import annotations

import uuid

from sqlalchemy import insert, select

from services.intake.db import client_notes
from services.intake.domain import notes as rules
from services.intake.handlers.access import load_client
from shared import clock
from shared.auth.principal import Principal
from shared.errors import Forbidden, NotFound, require
from shared.events.envelope import utcnow
from shared.runtime import Work


def _manager_only(principal: Principal) -> None:
    if not principal.has("manager"):
        raise Forbidden("Only the client's service managers keep case notes")


def list_notes(work: Work, principal: Principal, client_id: str) -> list[dict]:
    """The client's notes, newest contact first (the read is audited)."""
    _manager_only(principal)
    client = load_client(work, principal, client_id, what="case_notes", why="guidance")
    return [dict(r) for r in work.session.execute(
        select(client_notes).where(client_notes.c.client_id == client.id)
        .order_by(client_notes.c.noted_on.desc(), client_notes.c.created_at.desc())).mappings()]


def add_note(work: Work, principal: Principal, client_id: str, data: dict) -> dict:
    """Record a note on a client of the manager's organisation; returns it."""
    _manager_only(principal)
    client = load_client(work, principal, client_id, what="case_notes", why="guidance", action="create")
    now = utcnow()
    text = (data.get("text") or "").strip()
    require(rules.check_note(data.get("kind") or "", text, data.get("noted_on"), clock.day_of(now)))
    note_id = str(uuid.uuid4())
    work.session.execute(insert(client_notes).values(
        id=note_id, client_id=client.id, organisation=client.organisation, noted_on=data["noted_on"],
        kind=data["kind"], text=text, author=principal.user_id, author_name=principal.name or principal.username,
        created_at=now, updated_at=now))
    return note(work, client.id, note_id)


def note(work: Work, client_id: str, note_id: str) -> dict:
    row = work.session.execute(select(client_notes).where(
        client_notes.c.id == str(note_id), client_notes.c.client_id == str(client_id))).mappings().first()
    if row is None:
        raise NotFound("No such note")
    return dict(row)

