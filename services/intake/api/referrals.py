"""Referrals between member organisations: a closed loop that both sides follow."""
from __future__ import annotations

import uuid

from flask_smorest import Blueprint
from marshmallow import Schema, validate
from sqlalchemy import insert, or_, select, update

from services.intake.access import load_client
from services.intake.api.partners import Text
from services.intake.consent_state import has_consent
from services.intake.context import runtime
from services.intake.db import referrals, services
from services.intake.referral_notes import share_note
from services.intake.domain import N_
from services.intake.domain.referrals import (STATUSES, IllegalTransition, new_reference, next_status,
                                              normalise_reference, side_of)
from shared.auth import allow, current_principal
from shared.events.envelope import ORG_PATTERN, utcnow
from shared.web import fields
from shared.web.errors import ApiError

blp = Blueprint("referrals", __name__, url_prefix="/api/v1/referrals",
                description="Referrals of clients to other member organisations' services, and their state.")


class ReferralIn(Schema):
    """A referral of a client who has agreed to it."""
    client_id = fields.UUID(required=True)
    to_organisation = fields.String(required=True, validate=validate.Regexp(ORG_PATTERN))
    service_id = fields.UUID(allow_none=True, load_default=None)
    note = Text(500, metadata={"description": "for the receiving organisation only (addressed to its intake); "
                                              "no names or contact details"})
    client_agreed = fields.Boolean(required=True, metadata={"description": "the client decided to be referred"})


class ReferralOut(Schema):
    """A referral as one side sees it."""
    id = fields.UUID()
    direction = fields.String(metadata={"description": "out: we sent it; in: it was sent to us"})
    client_id = fields.UUID(allow_none=True, metadata={"description": "the sender's client (only to the sender)"})
    receiver_client_id = fields.UUID(allow_none=True, metadata={"description": "only to the receiver"})
    from_organisation = fields.String()
    to_organisation = fields.String()
    service_id = fields.UUID(allow_none=True)
    service_name = fields.String(allow_none=True)
    reference = fields.String()
    note = fields.String(allow_none=True)
    status = fields.String()
    client_agreed_at = fields.DateTime(allow_none=True)
    created_at = fields.DateTime()
    updated_at = fields.DateTime()


class ReferralQuery(Schema):
    """Filters of the referral list."""
    direction = fields.String(validate=validate.OneOf(("in", "out")))
    status = fields.String(validate=validate.OneOf(STATUSES))
    reference = fields.String(validate=validate.Length(1, 20), metadata={"description": "the code the client shows"})


class ReferralDecisionIn(Schema):
    """A receiver's or sender's move; accepting may link the receiver's own client."""
    receiver_client_id = fields.UUID(allow_none=True, load_default=None,
                                     metadata={"description": "accept: link your own client record"})


def _service(session, service_id, organisation: str):
    row = session.execute(select(services).where(services.c.id == str(service_id))).first()
    if row is None or row.organisation != organisation or not row.active:
        raise ApiError(422, "Invalid input", {"service_id": [N_("No such active service of that organisation.")]})
    return row


def _known_organisation(session, organisation: str) -> bool:
    return session.execute(select(services.c.id).where(services.c.organisation == organisation,
                                                       services.c.active.is_(True)).limit(1)).first() is not None


def _unused_reference(session) -> str:
    for _ in range(20):
        reference = new_reference()
        if session.execute(select(referrals.c.id).where(referrals.c.reference == reference)).first() is None:
            return reference
    raise RuntimeError("no free referral reference")  # 28^8 codes: practically unreachable


def refer(principal, data: dict) -> dict:
    """Refer a client who has consented to service and agreed to this referral; announce it pseudonymously."""
    if not data["client_agreed"]:
        raise ApiError(422, "Invalid input", {"client_agreed": [N_("The client must agree to the referral.")]})
    with runtime().work() as work:
        session = work.session
        client = load_client(session, principal, data["client_id"], what="referral to another organisation",
                             why="the client decided to be referred to another organisation's service",
                             action="create")
        if not has_consent(session, client.id, "service"):
            raise ApiError(409, "The client has not consented to service (a).",
                           {"client_id": [N_("Record the client's consent to service first.")]},
                           code="consent_required")
        to = data["to_organisation"]
        if to == client.organisation:
            raise ApiError(422, "Invalid input", {"to_organisation": [N_("Refer to another organisation.")]})
        if data["service_id"] is not None:
            _service(session, data["service_id"], to)
        elif not _known_organisation(session, to):
            raise ApiError(422, "Invalid input",
                           {"to_organisation": [N_("No such organisation in the service catalogue.")]})
        now, referral_id = utcnow(), str(uuid.uuid4())
        values = dict(client_id=client.id, from_organisation=client.organisation, to_organisation=to,
                      service_id=str(data["service_id"]) if data["service_id"] else None,
                      reference=_unused_reference(session), note=(data["note"] or "").strip() or None)
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


def party_referral(session, principal, referral_id):
    """A referral the principal's organisation sent or received, else 404."""
    row = referral_row(session, referral_id)
    if row is None or side_of(principal.organisation, row.from_organisation, row.to_organisation) is None:
        raise ApiError(404, "No such referral")
    return row


def view(session, principal, row) -> dict:
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


def referrals_of(session, principal, direction: str | None = None, status: str | None = None,
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


def decide(principal, referral_id, action: str, receiver_client_id=None) -> dict:
    """Move a referral on (accept, decline, complete, cancel) as the side the principal is on."""
    with runtime().work() as work:
        session = work.session
        row = party_referral(session, principal, referral_id)
        side = side_of(principal.organisation, row.from_organisation, row.to_organisation)
        try:
            status = next_status(row.status, action, side)
        except IllegalTransition as exc:
            raise ApiError(409, str(exc), {"status": [row.status]}) from exc
        values = dict(status=status, decided_by=principal.user_id, updated_at=utcnow())
        if receiver_client_id is not None:
            if action != "accept":
                raise ApiError(422, "Invalid input", {"receiver_client_id": [N_("Link a client when you accept.")]})
            try:
                own = load_client(session, principal, receiver_client_id, what="link to an incoming referral",
                                  why="accept a referral for the organisation's own client", action="update")
            except ApiError as exc:
                raise ApiError(422, "Invalid input",
                               {"receiver_client_id": [N_("No such client of your organisation.")]}) from exc
            values["receiver_client_id"] = own.id
        session.execute(update(referrals).where(referrals.c.id == row.id).values(**values))
        work.emit("intake.referral.updated", {"referral_id": row.id, "status": status},
                  organisation=principal.organisation)
        return view(session, principal, referral_row(session, row.id))


@blp.route("")
@allow("manager")
@blp.arguments(ReferralQuery, location="query")
@blp.response(200, ReferralOut(many=True))
def list_referrals(query):
    """List referrals your organisation sent or received."""
    with runtime().db.session() as session:
        return referrals_of(session, current_principal(), **query)


@blp.route("", methods=["POST"])
@allow("manager")
@blp.arguments(ReferralIn)
@blp.response(201, ReferralOut)
def create_referral(data):
    """Refer a client to another organisation's service (the client has agreed)."""
    return refer(current_principal(), data)


@blp.route("/<uuid:referral_id>")
@allow("manager")
@blp.response(200, ReferralOut)
def show_referral(referral_id):
    """Show a referral your organisation sent or received."""
    with runtime().db.session() as session:
        return view(session, current_principal(), party_referral(session, current_principal(), referral_id))


@blp.route("/<uuid:referral_id>/<any(accept, decline, complete, cancel):action>", methods=["POST"])
@allow("manager")
@blp.arguments(ReferralDecisionIn)
@blp.response(200, ReferralOut)
def move_referral(data, referral_id, action):
    """Accept, decline or complete a referral you received, or cancel one you sent."""
    return decide(current_principal(), referral_id, action, data["receiver_client_id"])
