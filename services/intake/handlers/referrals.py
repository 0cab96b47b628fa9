"""A referral's note: free text about the client, kept by the sender and shared with the receiver alone.

`intake.referral.sent` tells the network that a referral (with or without a note) was made; the note itself
travels to the receiving organisation's intake only, addressed (`intake.referral_note.shared`). When either
side erases the client's record, its copy of the note goes and the other side is told to remove its copy
(`intake.referral_note.erased`). The referral's conversation goes the same way: its messages travel to the
other side one by one (handlers/conversations.py), and both sides' copies go with the note. An instance that
serves both sides (the embedded default) holds one row and sends nothing.
"""
from __future__ import annotations

import uuid

from sqlalchemy import and_, delete, insert, or_, select, update

from services.intake.db import conversation_messages, referrals, services
from services.intake.domain import N_
from services.intake.domain.errors import ConflictWith
from services.intake.domain.referrals import IllegalTransition, new_reference, next_status, normalise_reference, side_of
from services.intake.handlers.access import load_client
from services.intake.handlers.bases import lawful
from services.intake.subscribers.referrals import serves
from shared.auth.principal import Principal
from shared.errors import Invalid, NotFound
from shared.events.envelope import utcnow
from shared.runtime import Work


def share_note(work: Work, row) -> None:
    """Send the referral's note to the receiving organisation's intake, unless this instance serves it too."""
    if row.note and not serves(work, row.to_organisation):
        work.emit("intake.referral_note.shared", {"referral_id": row.id, "note": row.note},
                  organisation=row.from_organisation, to=row.to_organisation)


def forget_conversation(session, referral_id: str) -> None:
    """Delete the messages of a referral's conversation held here, whoever wrote them."""
    t = conversation_messages
    session.execute(delete(t).where(and_(t.c.subject_kind == "referral", t.c.subject_id == str(referral_id))))


def link_conversation(session, referral_id: str, client_id: str) -> None:
    """The receiver linked its own client to the referral: the messages held here before become that client's
    personal data (exported and erased with them)."""
    t = conversation_messages
    session.execute(update(t).where(and_(t.c.subject_kind == "referral", t.c.subject_id == str(referral_id),
                                         t.c.client_id.is_(None))).values(client_id=str(client_id)))


def forget_notes(work: Work, client) -> None:
    """Remove the notes and the conversations of the referrals about an erased client, on this side and the
    other (in the same transaction as the erasure)."""
    found = work.session.execute(select(referrals).where(
        or_(referrals.c.client_id == client.id, referrals.c.receiver_client_id == client.id))).all()
    for row in found:
        if row.note is not None:
            work.session.execute(update(referrals).where(referrals.c.id == row.id).values(note=None))
        forget_conversation(work.session, row.id)
        other = row.to_organisation if row.from_organisation == client.organisation else row.from_organisation
        if not serves(work, other):
            work.emit("intake.referral_note.erased", {"referral_id": row.id}, organisation=client.organisation,
                      to=other)


def _service_problems(session, service_id, organisation: str) -> dict:
    row = session.execute(select(services).where(services.c.id == str(service_id))).first()
    if row is None or row.organisation != organisation or not row.active:
        return {"service_id": [N_("No such active service of that organisation.")]}
    return {}


def _known_organisation(session, organisation: str) -> bool:
    return session.execute(select(services.c.id).where(services.c.organisation == organisation,
                                                       services.c.active.is_(True)).limit(1)).first() is not None


def _unused_reference(session) -> str:
    for _ in range(20):
        reference = new_reference()
        if session.execute(select(referrals.c.id).where(referrals.c.reference == reference)).first() is None:
            return reference
    raise RuntimeError("no free referral reference")  # 28^8 codes: practically unreachable


def refer(work: Work, principal: Principal, data: dict) -> dict:
    """Refer a client who has consented to service and agreed to this referral; announce it pseudonymously.

    Every problem of the input is told at once; a missing organisation (None, from a page) asks for a service."""
    session = work.session
    client = load_client(work, principal, data["client_id"], what="referral", why="referral", action="create")
    if not lawful(work, session, client, "guidance"):
        raise ConflictWith("The client has not consented to service (a).",
                           {"client_id": [N_("Record the client's consent to service first.")]},
                           code="consent_required")
    to = data["to_organisation"]
    problems = {} if data["client_agreed"] else {"client_agreed": [N_("The client must agree to the referral.")]}
    if to is None:
        problems["service_id"] = [N_("Choose a service.")]
    elif to == client.organisation:
        problems["to_organisation"] = [N_("Refer to another organisation.")]
    elif data.get("service_id") is not None:
        problems.update(_service_problems(session, data["service_id"], to))
    elif not _known_organisation(session, to):
        problems["to_organisation"] = [N_("No such organisation in the service catalogue.")]
    if problems:
        raise Invalid(problems)
    now, referral_id = utcnow(), str(uuid.uuid4())
    values = dict(client_id=client.id, from_organisation=client.organisation, to_organisation=to,
                  service_id=str(data["service_id"]) if data.get("service_id") else None,
                  reference=_unused_reference(session), note=(data.get("note") or "").strip() or None)
    session.execute(insert(referrals).values(id=referral_id, status="sent", client_agreed_at=now,
                                             created_by=principal.user_id, created_at=now, updated_at=now,
                                             **values))
    work.emit("intake.referral.sent", {
        "client_id": client.id, "referral_id": referral_id, "to_organisation": to,
        "service_id": values["service_id"], "reference": values["reference"],
        "has_note": values["note"] is not None}, organisation=client.organisation)
    row = referral_row(session, referral_id)
    share_note(work, row)
    return view(session, principal, row)


def referral_row(session, referral_id):
    """A referral by id, or None (also for a malformed id)."""
    try:
        key = str(uuid.UUID(str(referral_id)))
    except ValueError:
        return None
    return session.execute(select(referrals).where(referrals.c.id == key)).first()


def party_referral(session, principal: Principal, referral_id):
    """A referral the principal's organisation sent or received, else NotFound."""
    row = referral_row(session, referral_id)
    if row is None or side_of(principal.organisation, row.from_organisation, row.to_organisation) is None:
        raise NotFound("No such referral")
    return row


def view(session, principal: Principal, row) -> dict:
    """A referral as one side sees it: each side sees only its own client id."""
    data = dict(row._mapping)
    outgoing = row.from_organisation == principal.organisation
    data["direction"] = "out" if outgoing else "in"
    if not outgoing:
        data["client_id"] = None
    if row.to_organisation != principal.organisation:
        data["receiver_client_id"] = None
    data["service_name"] = session.execute(select(services.c.name).where(services.c.id == row.service_id)).scalar() \
        if row.service_id else None
    return data


def show(session, principal: Principal, referral_id) -> dict:
    """A referral the principal's organisation sent or received, as its side sees it."""
    return view(session, principal, party_referral(session, principal, referral_id))


def referrals_of(session, principal: Principal, direction: str | None = None, status: str | None = None,
                 reference: str | None = None) -> list[dict]:
    """The referrals an organisation sent (out), received (in) or both, newest first."""
    org = principal.organisation
    sides = {"out": referrals.c.from_organisation == org, "in": referrals.c.to_organisation == org}
    stmt = select(referrals).where(sides[direction] if direction else or_(*sides.values()))
    if status:
        stmt = stmt.where(referrals.c.status == status)
    if reference:
        stmt = stmt.where(referrals.c.reference == normalise_reference(reference))
    rows = session.execute(stmt.order_by(referrals.c.created_at.desc()).limit(500)).all()
    return [view(session, principal, row) for row in rows]


def decide(work: Work, principal: Principal, referral_id, action: str, receiver_client_id=None) -> dict:
    """Move a referral on (accept, decline, complete, cancel) as the side the principal is on."""
    session = work.session
    row = party_referral(session, principal, referral_id)
    side = side_of(principal.organisation, row.from_organisation, row.to_organisation)
    try:
        status = next_status(row.status, action, side)
    except IllegalTransition as exc:
        raise ConflictWith(str(exc), {"status": [row.status]}) from exc
    values = dict(status=status, decided_by=principal.user_id, updated_at=utcnow())
    if receiver_client_id is not None:
        if action != "accept":
            raise Invalid({"receiver_client_id": [N_("Link a client when you accept.")]})
        try:
            own = load_client(work, principal, receiver_client_id, what="referral",
                              why="referral", action="update")
        except NotFound as exc:
            raise Invalid({"receiver_client_id": [N_("No such client of your organisation.")]}) from exc
        values["receiver_client_id"] = own.id
    session.execute(update(referrals).where(referrals.c.id == row.id).values(**values))
    if "receiver_client_id" in values:
        link_conversation(session, row.id, values["receiver_client_id"])
    work.emit("intake.referral.updated", {"referral_id": row.id, "status": status},
              organisation=principal.organisation)
    return view(session, principal, referral_row(session, row.id))


def incoming_by_reference(session, principal: Principal, reference: str) -> str | None:
    """The id of the referral to the principal's organisation that has the reference the client showed."""
    return session.execute(select(referrals.c.id).where(
        referrals.c.reference == normalise_reference(reference),
        referrals.c.to_organisation == principal.organisation)).scalar()


def referrals_of_client(session, principal: Principal, client_id: str) -> list[dict]:
    """Referrals of one client (sent for them, or received and linked to them), newest first."""
    rows = session.execute(select(referrals).where(or_(
        referrals.c.client_id == client_id, referrals.c.receiver_client_id == client_id))
        .order_by(referrals.c.created_at.desc())).all()
    return [view(session, principal, row) for row in rows]
