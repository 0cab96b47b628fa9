"""The service catalogue: what each member organisation offers, so that managers refer instead of duplicating."""
from __future__ import annotations

from flask.views import MethodView
from flask_smorest import Blueprint
from marshmallow import Schema, ValidationError, validate

from services.intake.api.partners import Text
from services.intake.context import lang, runtime
from services.intake.domain import N_
from services.intake.handlers import catalogue
from shared.auth import allow, current_principal
from shared.reference import municipalities
from shared.web import fields
from shared.web.schemas import Timestamps

blp = Blueprint("services_catalogue", __name__, url_prefix="/api/v1/services",
                description="The member organisations' service catalogue.")


def _service_area(slug: str | None) -> None:
    if slug is not None and slug not in municipalities.service_areas():
        raise ValidationError(N_("Unknown service area."))


class CatalogueServiceIn(Schema):
    """A service as its organisation's manager describes it."""
    name = Text(200, required=True)
    description = Text(4000)
    target_group = Text(200)
    service_area = fields.String(allow_none=True, load_default=None, validate=_service_area,
                                 metadata={"description": "slug of one of the network's service areas"})
    active = fields.Boolean(load_default=True)


class CatalogueServiceOut(CatalogueServiceIn, Timestamps):
    """A service of the catalogue with its organisation."""
    id = fields.UUID()
    hidden_at = fields.DateTime(allow_none=True, metadata={"description": "when the coordinator hid the entry"})
    organisation = fields.String()
    service_area_name = fields.String(allow_none=True)


class CatalogueServiceQuery(Schema):
    """Filters of the catalogue."""
    organisation = fields.String(validate=validate.Length(1, 63))
    include_inactive = fields.Boolean(load_default=False)


@blp.route("")
class Services(MethodView):
    """The service catalogue."""
    @allow("manager")
    @blp.arguments(CatalogueServiceQuery, location="query")
    @blp.response(200, CatalogueServiceOut(many=True))
    def get(self, query):
        """List the network's services (active ones unless asked otherwise)."""
        with runtime().db.session() as session:
            return catalogue.catalogue(session, lang(), include_inactive=query["include_inactive"],
                                       organisation=query.get("organisation"))

    @allow("manager")
    @blp.arguments(CatalogueServiceIn)
    @blp.response(201, CatalogueServiceOut)
    def post(self, data):
        """Add a service of your organisation to the catalogue."""
        with runtime().work() as work:
            service_id = catalogue.save_service(work, current_principal(), data)
            return catalogue.service(work.session, service_id, lang())


@blp.route("/<uuid:service_id>")
class Service(MethodView):
    """One service of the catalogue."""
    @allow("manager")
    @blp.response(200, CatalogueServiceOut)
    def get(self, service_id):
        """Show a service of the catalogue."""
        with runtime().db.session() as session:
            return catalogue.service(session, service_id, lang())

    @allow("manager")
    @blp.arguments(CatalogueServiceIn)
    @blp.response(200, CatalogueServiceOut)
    def put(self, data, service_id):
        """Change a service of your organisation."""
        with runtime().work() as work:
            return catalogue.change_service(work, current_principal(), service_id, data, lang())

    @allow("manager")
    @blp.response(200, CatalogueServiceOut)
    def delete(self, service_id):
        """Withdraw a service of your organisation from the catalogue (it stays for past referrals)."""
        with runtime().work() as work:
            return catalogue.withdraw_service(work, current_principal(), service_id, lang())


class VisibilityIn(Schema):
    hidden = fields.Boolean(required=True, metadata={"description": "true: hide the entry from every catalogue"})


@blp.route("/<uuid:service_id>/visibility")
class ServiceVisibility(MethodView):
    """Whether an entry shows in the member organisations' catalogues."""
    @allow("coordinator")
    @blp.arguments(VisibilityIn)
    @blp.response(200, CatalogueServiceOut)
    def post(self, data, service_id):
        """Hide an entry (an empty or junk one) from every member's catalogue, or show it again (the coordinator)."""
        with runtime().work() as work:
            return catalogue.hide_service(work, current_principal(), service_id, data["hidden"], lang())
