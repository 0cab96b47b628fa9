"""Referrals between member organisations: a closed loop that both sides follow."""
from __future__ import annotations

from flask_smorest import Blueprint
from marshmallow import Schema, validate

from services.intake.api.partners import Text
from services.intake.context import runtime
from services.intake.domain.referrals import STATUSES
from services.intake.handlers import referrals
from shared.auth import allow, current_principal
from shared.events.envelope import ORG_PATTERN
from shared.web import fields
from shared.web.schemas import Timestamps

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


class ReferralOut(Timestamps):
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


class ReferralQuery(Schema):
    """Filters of the referral list."""
    direction = fields.String(validate=validate.OneOf(("in", "out")))
    status = fields.String(validate=validate.OneOf(STATUSES))
    reference = fields.String(validate=validate.Length(1, 20), metadata={"description": "the code the client shows"})


class ReferralDecisionIn(Schema):
    """A receiver's or sender's move; accepting may link the receiver's own client."""
    receiver_client_id = fields.UUID(allow_none=True, load_default=None,
                                     metadata={"description": "accept: link your own client record"})


@blp.route("")
@allow("manager")
@blp.arguments(ReferralQuery, location="query")
@blp.response(200, ReferralOut(many=True))
def list_referrals(query):
    """List referrals your organisation sent or received."""
    with runtime().db.session() as session:
        return referrals.referrals_of(session, current_principal(), **query)


@blp.route("", methods=["POST"])
@allow("manager")
@blp.arguments(ReferralIn)
@blp.response(201, ReferralOut)
def create_referral(data):
    """Refer a client to another organisation's service (the client has agreed)."""
    with runtime().work() as work:
        return referrals.refer(work, current_principal(), data)


@blp.route("/<uuid:referral_id>")
@allow("manager")
@blp.response(200, ReferralOut)
def show_referral(referral_id):
    """Show a referral your organisation sent or received."""
    with runtime().db.session() as session:
        return referrals.show(session, current_principal(), referral_id)


@blp.route("/<uuid:referral_id>/<any(accept, decline, complete, cancel):action>", methods=["POST"])
@allow("manager")
@blp.arguments(ReferralDecisionIn)
@blp.response(200, ReferralOut)
def move_referral(data, referral_id, action):
    """Accept, decline or complete a referral you received, or cancel one you sent."""
    with runtime().work() as work:
        return referrals.decide(work, current_principal(), referral_id, action, data["receiver_client_id"])
