"""Clients of a member organisation: register, read, correct, close, list and search."""
from __future__ import annotations

from flask import jsonify
from flask.views import MethodView
from flask_smorest import Blueprint

from services.intake.api.client_schemas import (
    CaseClosingSchema,
    ClientFields,
    ClientListArgs,
    ClientPageSchema,
    ClientSchema,
    ClientSearchArgs,
    RegistrationSchema,
    client_out,
    client_page_json,
)
from services.intake.context import runtime
from services.intake.handlers import clients, registration
from shared import clock
from shared.auth import allow, current_principal
from shared.web import idempotency

blp = Blueprint("clients", __name__, url_prefix="/api/v1/clients",
                description="Clients of the signed-in manager's organisation (a student: their own record).")


@blp.route("")
class Clients(MethodView):
    @allow("manager")
    @blp.arguments(ClientListArgs, location="query")
    @blp.response(200, ClientPageSchema)
    def get(self, args):
        """List the organisation's clients, filtered by status, area and entry date."""
        with runtime().reading() as work:  # reads only: no BEGIN and COMMIT round trips
            page = clients.client_page(work, current_principal(), args, shown=None,
                                       columns=clients.LISTED_TEXTS)
        return client_page_json(page.pop("items"), page)

    @allow("manager")
    @blp.arguments(RegistrationSchema)
    @blp.response(201, ClientSchema)
    def post(self, data):
        """Register a client of the organisation with their consents."""
        decisions = data.pop("consents")
        version, method = data.pop("consent_version"), data.pop("consent_method")
        with runtime().work() as work:
            row = registration.register(work, current_principal(), data, decisions, today=clock.today(),
                                        version=version, method=method)
        return jsonify(client_out(row)), 201


@blp.route("/search")
class ClientSearch(MethodView):
    @allow("manager")
    @blp.arguments(ClientSearchArgs)
    @blp.response(200, ClientPageSchema)
    @idempotency.read_only
    def post(self, args):
        """Search the organisation's clients by name (in the body, so no name is ever in a URL)."""
        with runtime().reading() as work:  # reads only: no BEGIN and COMMIT round trips
            page = clients.client_page(work, current_principal(), args, shown=None,
                                       columns=clients.LISTED_TEXTS)
        return client_page_json(page.pop("items"), page)


@blp.route("/me")
class OwnRecord(MethodView):
    @allow("student")
    @blp.response(200, ClientSchema)
    def get(self):
        """Show the signed-in student's own client record."""
        with runtime().work() as work:
            return clients.own_record(work, current_principal())


@blp.route("/<uuid:client_id>")
class Client(MethodView):
    @allow("manager", "student")
    @blp.response(200, ClientSchema)
    def get(self, client_id):
        """Show one client's record."""
        with runtime().reading() as work:  # one statement: no transaction around it
            record = clients.show(work, current_principal(), client_id, why="guidance", shown=client_out)
        return jsonify(record)

    @allow("manager")
    @blp.arguments(ClientFields(partial=True))
    @blp.response(200, ClientSchema)
    def patch(self, changes, client_id):
        """Correct a client's data."""
        with runtime().work() as work:
            row = registration.correct(work, current_principal(), client_id, changes, today=clock.today())
        return clients.client_view(row)


@blp.route("/<uuid:client_id>/close")
class CloseCase(MethodView):
    @allow("manager")
    @blp.arguments(CaseClosingSchema)
    @blp.response(200, ClientSchema)
    def post(self, data, client_id):
        """Close a client's case."""
        with runtime().work() as work:
            row = clients.close(work, current_principal(), client_id, data.get("closed_on"), clock.today())
        return clients.client_view(row)
