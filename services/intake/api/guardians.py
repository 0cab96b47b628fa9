"""A minor client's guardians, the guardians' requests and the young person's objection to guardian access.

Only a service manager of the client's own organisation uses these (a client of another organisation is not
found); every read is audited like any other read of the client.
"""
from __future__ import annotations

from flask.views import MethodView
from flask_smorest import Blueprint
from marshmallow import Schema, validate

from services.intake.context import runtime
from services.intake.domain.minors import RELATIONS, REQUEST_KINDS, REQUEST_STATUSES
from services.intake.handlers import minors
from shared.auth import allow, current_principal
from shared.web import fields

blp = Blueprint("guardians_api", __name__, url_prefix="/api/v1/clients",
                description="Guardians of a client under 18, their requests for access or information, and the "
                            "young person's objection to guardian access.")


class GuardianIn(Schema):
    name = fields.String(required=True, validate=validate.Length(1, 200))
    relation = fields.String(required=True, validate=validate.OneOf(RELATIONS))
    email = fields.String(allow_none=True, load_default=None, validate=validate.Length(max=254),
                          metadata={"description": "an email address or a phone number is required"})
    phone = fields.String(allow_none=True, load_default=None, validate=validate.Length(max=40))
    informed_on = fields.Date(allow_none=True, load_default=None,
                              metadata={"description": "when the guardian was told of the service"})


class GuardianChange(Schema):
    name = fields.String(validate=validate.Length(1, 200))
    relation = fields.String(validate=validate.OneOf(RELATIONS))
    email = fields.String(allow_none=True, validate=validate.Length(max=254))
    phone = fields.String(allow_none=True, validate=validate.Length(max=40))
    informed_on = fields.Date(allow_none=True)


class GuardianOut(GuardianIn):
    id = fields.UUID()
    created_at = fields.DateTime()


class GuardianRequestIn(Schema):
    guardian_id = fields.UUID(required=True, metadata={"description": "one of the client's guardians"})
    kind = fields.String(required=True, validate=validate.OneOf(REQUEST_KINDS))
    received_on = fields.Date(required=True)


class GuardianRequestOut(GuardianRequestIn):
    id = fields.UUID()
    guardian_name = fields.String(allow_none=True)
    status = fields.String(validate=validate.OneOf(REQUEST_STATUSES))
    decided_at = fields.DateTime(allow_none=True)


class DecisionIn(Schema):
    grant = fields.Boolean(required=True, metadata={"description": "not granted while the young person objects"})


class ObjectionIn(Schema):
    objects = fields.Boolean(required=True, metadata={"description": "true: guardians are not shown the data"})


class ObjectionOut(Schema):
    objects = fields.Boolean()
    since = fields.DateTime(allow_none=True)


@blp.route("/<uuid:client_id>/guardians")
class Guardians(MethodView):
    @allow("manager")
    @blp.response(200, GuardianOut(many=True))
    def get(self, client_id):
        """List the client's guardians."""
        with runtime().work() as work:
            return minors.list_guardians(work, current_principal(), str(client_id))

    @allow("manager")
    @blp.arguments(GuardianIn)
    @blp.response(201, GuardianOut)
    def post(self, data, client_id):
        """Record a guardian of a client under 18."""
        with runtime().work() as work:
            return minors.add_guardian(work, current_principal(), str(client_id), data)


@blp.route("/<uuid:client_id>/guardians/<uuid:guardian_id>")
class Guardian(MethodView):
    @allow("manager")
    @blp.arguments(GuardianChange)
    @blp.response(200, GuardianOut)
    def patch(self, data, client_id, guardian_id):
        """Change a guardian's details."""
        with runtime().work() as work:
            return minors.update_guardian(work, current_principal(), str(client_id), str(guardian_id), data)

    @allow("manager")
    @blp.response(204)
    def delete(self, client_id, guardian_id):
        """Remove a guardian (one whose requests are on record stays: 409)."""
        with runtime().work() as work:
            minors.remove_guardian(work, current_principal(), str(client_id), str(guardian_id))


@blp.route("/<uuid:client_id>/guardian-requests")
class GuardianRequests(MethodView):
    @allow("manager")
    @blp.response(200, GuardianRequestOut(many=True))
    def get(self, client_id):
        """List the guardians' requests about the client, newest first."""
        with runtime().work() as work:
            return minors.list_requests(work, current_principal(), str(client_id))

    @allow("manager")
    @blp.arguments(GuardianRequestIn)
    @blp.response(201, GuardianRequestOut)
    def post(self, data, client_id):
        """Record a guardian's request for access to or information about the client's data."""
        with runtime().work() as work:
            made = minors.record_request(work, current_principal(), str(client_id), str(data["guardian_id"]),
                                         data["kind"], data["received_on"])
            return minors.request_of(work, str(client_id), made)


@blp.route("/<uuid:client_id>/guardian-requests/<uuid:request_id>")
class GuardianRequestDecision(MethodView):
    @allow("manager")
    @blp.arguments(DecisionIn)
    @blp.response(200, GuardianRequestOut)
    def post(self, data, client_id, request_id):
        """Grant or refuse an open request (a grant is refused with 409 while the young person objects)."""
        with runtime().work() as work:
            minors.decide_request(work, current_principal(), str(client_id), str(request_id), data["grant"])
            return minors.request_of(work, str(client_id), str(request_id))


@blp.route("/<uuid:client_id>/guardian-objection")
class GuardianObjection(MethodView):
    @allow("manager")
    @blp.response(200, ObjectionOut)
    def get(self, client_id):
        """Whether the young person objects to guardian access, and since when."""
        with runtime().work() as work:
            return minors.objection_of(work, current_principal(), str(client_id))

    @allow("manager")
    @blp.arguments(ObjectionIn)
    @blp.response(200, ObjectionOut)
    def put(self, data, client_id):
        """Record the objection the young person told the manager, or its withdrawal."""
        principal = current_principal()
        with runtime().work() as work:
            minors.object_to_guardian_access(work, principal, str(client_id), data["objects"])
            objects, since = minors.objection_in_force(work.session, str(client_id))
        return {"objects": objects, "since": since}
