"""The register of rights requests (GDPR Art. 12(3)), erasure decisions, restrictions and objections."""
from __future__ import annotations

from flask.views import MethodView
from flask_smorest import Blueprint
from marshmallow import Schema, validate

from services.intake.context import runtime
from services.intake.domain.rights import KINDS, STATES
from services.intake.handlers import erasure, restrictions, rights
from shared.auth import allow, current_principal
from shared.errors import NotFound
from shared.events.contracts.intake import PROCESSING_PURPOSES
from shared.web import fields
from shared.web.peer import remove_login

blp = Blueprint("rights", __name__, url_prefix="/api/v1/rights-requests",
                description="Clients' rights requests with their deadlines; erasure decisions; restrictions and "
                            "objections of processing.")


class RequestedIn(Schema):
    """What a rights request asks: its kind, and for a restriction or an objection the purpose."""
    kind = fields.String(required=True, validate=validate.OneOf(KINDS))
    purpose = fields.String(allow_none=True, load_default=None, validate=validate.OneOf(PROCESSING_PURPOSES),
                            metadata={"description": "only for a restriction or an objection: the purpose"})


class RightsRequestIn(RequestedIn):
    client_id = fields.UUID(required=True)
    received_on = fields.Date(required=True)


class RequestOut(Schema):
    """A rights request and where it stands, as its client sees it too."""
    id = fields.UUID()
    kind = fields.String()
    purpose = fields.String(allow_none=True)
    received_on = fields.Date()
    deadline = fields.Date(metadata={"description": "one month after receipt, or three when extended"})
    state = fields.String(validate=validate.OneOf(STATES))
    extension_reason = fields.String(allow_none=True)
    decision = fields.String(allow_none=True)
    decided_on = fields.Date(allow_none=True)


class RightsRequestOut(RequestOut):
    """A request in the register: the client, the statutory due date, any extension and how urgent it is."""
    client_id = fields.UUID()
    client_name = fields.String(allow_none=True)
    due_on = fields.Date(metadata={"description": "one month after receipt (Art. 12(3))"})
    extended_to = fields.Date(allow_none=True, metadata={"description": "two further months, when extended"})
    urgency = fields.String(metadata={"description": "overdue | near | in_time | answered"})
    days_left = fields.Integer(allow_none=True)


class ExtensionIn(Schema):
    extension_reason = fields.String(required=True, validate=validate.Length(1, 500))


class AnswerIn(Schema):
    state = fields.String(required=True, validate=validate.OneOf(("done", "refused")))
    decision = fields.String(required=True, validate=validate.Length(1, 2000))


class DecisionItemOut(Schema):
    record_type = fields.String()
    action = fields.String(metadata={"description": "erase | archive | keep"})
    reason = fields.String()


class ErasureDecisionOut(Schema):
    id = fields.UUID()
    controller_kind = fields.String()
    state = fields.String(metadata={"description": "proposed | executed"})
    items = fields.List(fields.Nested(DecisionItemOut))


class CarriedOutOut(Schema):
    request_id = fields.UUID()
    result = fields.String(metadata={"description": "erased | archived"})


class RestrictionIn(Schema):
    upheld = fields.Boolean(load_default=True, metadata={"description": "an objection: stop (true) or continue"})
    reason = fields.String(required=True, validate=validate.Length(1, 2000))


class RestrictionOut(Schema):
    kind = fields.String()
    purpose = fields.String()
    decision = fields.String(metadata={"description": "restricted | upheld | rejected"})


@blp.route("")
class Register(MethodView):
    @allow("manager")
    @blp.response(200, RightsRequestOut(many=True))
    def get(self):
        """List the organisation's rights requests, overdue and near-deadline ones first."""
        with runtime().work() as work:
            return rights.register_page(work, current_principal())

    @allow("manager")
    @blp.arguments(RightsRequestIn)
    @blp.response(201, RightsRequestOut)
    def post(self, data):
        """Enter a request into the register (an erasure request gets its decision drafted)."""
        with runtime().work() as work:
            return rights.register(work, current_principal(), data["client_id"], data["kind"], data["purpose"],
                                   data["received_on"])


@blp.route("/<uuid:request_id>")
class Request(MethodView):
    @allow("manager")
    @blp.response(200, RightsRequestOut)
    def get(self, request_id):
        """One request with its deadline."""
        with runtime().work() as work:
            return rights.request_view(work, current_principal(), request_id)


@blp.route("/<uuid:request_id>/extension")
class Extension(MethodView):
    @allow("manager")
    @blp.arguments(ExtensionIn)
    @blp.response(200, RightsRequestOut)
    def post(self, data, request_id):
        """Extend the deadline by two further months, with the reason the person is told."""
        with runtime().work() as work:
            return rights.extend(work, current_principal(), request_id, data["extension_reason"])


@blp.route("/<uuid:request_id>/answer")
class Answer(MethodView):
    @allow("manager")
    @blp.arguments(AnswerIn)
    @blp.response(200, RightsRequestOut)
    def post(self, data, request_id):
        """Answer a request: done or refused, with the decision."""
        with runtime().work() as work:
            return rights.answer(work, current_principal(), request_id, data["state"], data["decision"])


@blp.route("/<uuid:request_id>/erasure-decision")
class ErasureDecision(MethodView):
    @allow("manager")
    @blp.response(200, ErasureDecisionOut)
    def get(self, request_id):
        """What the erasure erases, archives and keeps, and why (shown before it is carried out)."""
        with runtime().work() as work:
            found = rights.request_view(work, current_principal(), request_id)
            decision = erasure.decision_for(work, current_principal(), found)
        if decision is None:
            raise NotFound("The request has no erasure decision")
        return decision

    @allow("manager")
    @blp.response(200, CarriedOutOut)
    def post(self, request_id):
        """Carry out the erasure decision (a manager of the client's own organisation); an erased client's student
        login goes too."""
        with runtime().work() as work:
            done = erasure.carry_out(work, current_principal(), request_id)
        if done["result"] == "erased":
            remove_login(done["client_id"])
        return done


@blp.route("/<uuid:request_id>/restriction")
class Restriction(MethodView):
    @allow("manager")
    @blp.arguments(RestrictionIn)
    @blp.response(200, RestrictionOut)
    def post(self, data, request_id):
        """Decide a restriction or objection request: the purpose stops, or the grounds to continue are kept."""
        principal = current_principal()
        with runtime().work() as work:
            found = rights.request_view(work, principal, request_id)
            made = restrictions.record(work, principal, found["client_id"], kind=found["kind"],
                                       purpose=found["purpose"] or "", upheld=data["upheld"], reason=data["reason"],
                                       request_id=found["id"])
            rights.answer(work, principal, request_id, "refused" if made["decision"] == "rejected" else "done",
                          data["reason"])
        return made
