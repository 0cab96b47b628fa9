"""The data subject's rights: the audit trail, export of all data (Art. 15, 20) and erasure (Art. 17)."""
from __future__ import annotations

from flask.views import MethodView
from flask_smorest import Blueprint
from marshmallow import Schema

from services.intake.api.client_schemas import (
    ClientAuditEntrySchema,
    ClientErasedSchema,
    ClientExportSchema,
    ErasureRequestSchema,
)
from services.intake.context import lang, runtime, subject_sources
from services.intake.handlers import gdpr, network_export
from shared.auth import allow, current_principal
from shared.web import fields
from shared.web.peer import remove_login


class ServiceHoldingsSchema(Schema):
    available = fields.Boolean(metadata={"description": "false when the service did not answer"})
    sections = fields.Dict(keys=fields.String(), values=fields.List(fields.Dict()))


class NetworkExportSchema(Schema):
    format = fields.String()
    exported_at = fields.String()
    controller = fields.Dict()
    purposes = fields.Dict(metadata={"description": "purpose -> legal basis (and law)"})
    retention = fields.Dict(metadata={"description": "record type -> period and what happens then"})
    client = fields.Dict()
    intake = fields.Dict(keys=fields.String(), values=fields.List(fields.Dict()))
    services = fields.Dict(keys=fields.String(), values=fields.Nested(ServiceHoldingsSchema))


blp = Blueprint("gdpr", __name__, url_prefix="/api/v1/clients",
                description="Who read a client's data and why; the client's data as JSON; erasure.")


@blp.route("/<uuid:client_id>/audit")
class AuditTrail(MethodView):
    @allow("manager", "student")
    @blp.response(200, ClientAuditEntrySchema(many=True))
    def get(self, client_id):
        """List who read or changed the client's data, when, what and why."""
        with runtime().work() as work:
            return gdpr.audit_trail_of(work, current_principal(), client_id)


@blp.route("/<uuid:client_id>/export")
class Export(MethodView):
    @allow("manager", "student")
    @blp.response(200, ClientExportSchema)
    def get(self, client_id):
        """Export all of the client's data as JSON (GDPR Art. 15 and 20)."""
        with runtime().work() as work:
            return gdpr.export_for(work, current_principal(), client_id, why="right_of_access", lang=lang())


@blp.route("/<uuid:client_id>/network-export")
class NetworkExport(MethodView):
    @allow("manager")
    @blp.response(200, NetworkExportSchema)
    def get(self, client_id):
        """Export everything the network holds about the client: intake's data and every service's (Art. 15, 20)."""
        with runtime().work() as work:
            return network_export.network_export(work, current_principal(), client_id, subject_sources())


@blp.route("/<uuid:client_id>/erasure")
class Erasure(MethodView):
    @allow("manager")
    @blp.arguments(ErasureRequestSchema)
    @blp.response(200, ClientErasedSchema)
    def post(self, data, client_id):
        """Erase the client's personal data (GDPR Art. 17) and tell the network."""
        with runtime().work() as work:
            gdpr.erase_for(work, current_principal(), client_id, reason=data["reason"])
        remove_login(client_id)
        return {"client_id": str(client_id), "status": "erased"}
