"""Clients of a member organisation: register, read, correct, close, list and search."""
from __future__ import annotations

from flask.views import MethodView
from flask_smorest import Blueprint

from services.intake import access, client_records, registration
from services.intake.api.client_schemas import (CaseClosingSchema, ClientFields, ClientListArgs, ClientPageSchema,
                                                ClientSchema, ClientSearchArgs, RegistrationSchema)
from services.intake.context import runtime
from shared.auth import allow, current_principal
from shared.events.envelope import utcnow
from shared.web.errors import ApiError

blp = Blueprint("clients", __name__, url_prefix="/api/v1/clients",
                description="Clients of the signed-in manager's organisation (a student: their own record).")


def _secret() -> str:
    return client_records.person_key_secret(runtime().config)


@blp.route("")
class Clients(MethodView):
    @allow("manager")
    @blp.arguments(ClientListArgs, location="query")
    @blp.response(200, ClientPageSchema)
    def get(self, args):
        """List the organisation's clients, filtered by status, area and entry date."""
        return client_records.client_page(runtime(), current_principal(), args)

    @allow("manager")
    @blp.arguments(RegistrationSchema)
    @blp.response(201, ClientSchema)
    def post(self, data):
        """Register a client of the organisation with their consents."""
        decisions = data.pop("consents")
        version, method = data.pop("consent_version"), data.pop("consent_method")
        with runtime().work() as work:
            row = registration.register(work, current_principal(), data, decisions, secret=_secret(),
                                        today=utcnow().date(), version=version, method=method)
        return client_records.client_view(row)


@blp.route("/search")
class ClientSearch(MethodView):
    @allow("manager")
    @blp.arguments(ClientSearchArgs)
    @blp.response(200, ClientPageSchema)
    def post(self, args):
        """Search the organisation's clients by name (in the body, so no name is ever in a URL)."""
        return client_records.client_page(runtime(), current_principal(), args)


@blp.route("/me")
class OwnRecord(MethodView):
    @allow("student")
    @blp.response(200, ClientSchema)
    def get(self):
        """Show the signed-in student's own client record."""
        principal = current_principal()
        if not principal.client_id:
            raise ApiError(404, "No client record is linked to you")
        with runtime().work() as work:
            row = access.load_client(work.session, principal, principal.client_id, what="client record",
                                     why="the client viewing their own record")
        return client_records.client_view(row)


@blp.route("/<uuid:client_id>")
class Client(MethodView):
    @allow("manager", "student")
    @blp.response(200, ClientSchema)
    def get(self, client_id):
        """Show one client's record."""
        with runtime().work() as work:
            row = access.load_client(work.session, current_principal(), client_id, what="client record",
                                     why="viewing the client's record")
        return client_records.client_view(row)

    @allow("manager")
    @blp.arguments(ClientFields(partial=True))
    @blp.response(200, ClientSchema)
    def patch(self, changes, client_id):
        """Correct a client's data."""
        principal = current_principal()
        with runtime().work() as work:
            row = access.load_client(work.session, principal, client_id, what="client record",
                                     why="correcting the client's data")
            row = registration.update_client(work, row, changes, principal, secret=_secret(),
                                             today=utcnow().date())
        return client_records.client_view(row)


@blp.route("/<uuid:client_id>/close")
class CloseCase(MethodView):
    @allow("manager")
    @blp.arguments(CaseClosingSchema)
    @blp.response(200, ClientSchema)
    def post(self, data, client_id):
        """Close a client's case."""
        today = utcnow().date()
        closed_on = data.get("closed_on") or today
        with runtime().work() as work:
            row = access.load_client(work.session, current_principal(), client_id, what="client status",
                                     why="closing the client's case")
            if row.status != "active":
                raise ApiError(409, "The case is closed already", {"status": ["The case is closed already."]})
            if closed_on > today or closed_on < row.entered_on:
                raise ApiError(422, "Invalid input", {"closed_on": ["Give a date between the entry and today."]})
            row = client_records.close_case(work, row, closed_on)
        return client_records.client_view(row)
