"""The service catalogue: what each member organisation offers, so that managers refer instead of duplicating."""
from __future__ import annotations

import uuid

from flask.views import MethodView
from flask_smorest import Blueprint
from marshmallow import Schema, ValidationError, validate
from sqlalchemy import insert, select, update

from services.intake.api.partners import Text
from services.intake.context import lang, runtime
from services.intake.db import services
from services.intake.domain import N_
from shared.auth import allow, current_principal
from shared.events.envelope import utcnow
from shared.reference import municipalities
from shared.web import fields
from shared.web.errors import ApiError

blp = Blueprint("services_catalogue", __name__, url_prefix="/api/v1/services",
                description="The member organisations' service catalogue.")
FIELDS = ("name", "description", "target_group", "service_area", "active")


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


class CatalogueServiceOut(CatalogueServiceIn):
    """A service of the catalogue with its organisation."""
    id = fields.UUID()
    organisation = fields.String()
    service_area_name = fields.String(allow_none=True)
    created_at = fields.DateTime()
    updated_at = fields.DateTime()


class CatalogueServiceQuery(Schema):
    """Filters of the catalogue."""
    organisation = fields.String(validate=validate.Length(1, 63))
    include_inactive = fields.Boolean(load_default=False)


def service_row(session, service_id):
    """A service by id, or None (also for a malformed id)."""
    try:
        key = str(uuid.UUID(str(service_id)))
    except ValueError:
        return None
    return session.execute(select(services).where(services.c.id == key)).first()


def describe(row) -> dict:
    """A service with the name of its service area in the reader's language."""
    data = dict(row._mapping)
    area = municipalities.service_areas().get(row.service_area) if row.service_area else None
    data["service_area_name"] = area.name(lang()) if area else None
    return data


def active_services(session, *, organisation: str | None = None, exclude: str | None = None) -> list[dict]:
    """Active services of the catalogue by organisation and name (optionally one organisation's, or not one's)."""
    stmt = select(services).where(services.c.active.is_(True)).order_by(services.c.organisation, services.c.name)
    if organisation:
        stmt = stmt.where(services.c.organisation == organisation)
    if exclude:
        stmt = stmt.where(services.c.organisation != exclude)
    return [describe(row) for row in session.execute(stmt)]


def own_service(session, principal, service_id):
    """A service of the principal's own organisation (only that one edits it), else 404."""
    row = service_row(session, service_id)
    if row is None or row.organisation != principal.organisation or row.received_at is not None:
        raise ApiError(404, "No such service of your organisation")
    return row


def save_service(work, principal, data: dict, service_id: str | None = None) -> str:
    """Add or change a service of the principal's organisation and publish it to the network."""
    now = utcnow()
    values = {k: data.get(k) for k in FIELDS}
    values["name"] = values["name"].strip()
    if service_id is None:
        service_id = str(uuid.uuid4())
        work.session.execute(insert(services).values(id=service_id, organisation=principal.organisation,
                                                     created_at=now, updated_at=now, **values))
    else:
        work.session.execute(update(services).where(services.c.id == service_id).values(updated_at=now, **values))
    work.emit("intake.service.published", {"service_id": service_id, **values}, organisation=principal.organisation)
    return service_id


@blp.route("")
class Services(MethodView):
    """The service catalogue."""
    @allow("manager")
    @blp.arguments(CatalogueServiceQuery, location="query")
    @blp.response(200, CatalogueServiceOut(many=True))
    def get(self, query):
        """List the network's services (active ones unless asked otherwise)."""
        stmt = select(services).order_by(services.c.organisation, services.c.name)
        if not query["include_inactive"]:
            stmt = stmt.where(services.c.active.is_(True))
        if query.get("organisation"):
            stmt = stmt.where(services.c.organisation == query["organisation"])
        with runtime().db.session() as session:
            return [describe(row) for row in session.execute(stmt)]

    @allow("manager")
    @blp.arguments(CatalogueServiceIn)
    @blp.response(201, CatalogueServiceOut)
    def post(self, data):
        """Add a service of your organisation to the catalogue."""
        with runtime().work() as work:
            service_id = save_service(work, current_principal(), data)
            return describe(service_row(work.session, service_id))


@blp.route("/<uuid:service_id>")
class Service(MethodView):
    """One service of the catalogue."""
    @allow("manager")
    @blp.response(200, CatalogueServiceOut)
    def get(self, service_id):
        """Show a service of the catalogue."""
        with runtime().db.session() as session:
            row = service_row(session, service_id)
            if row is None:
                raise ApiError(404, "No such service")
            return describe(row)

    @allow("manager")
    @blp.arguments(CatalogueServiceIn)
    @blp.response(200, CatalogueServiceOut)
    def put(self, data, service_id):
        """Change a service of your organisation."""
        with runtime().work() as work:
            row = own_service(work.session, current_principal(), service_id)
            save_service(work, current_principal(), data, row.id)
            return describe(service_row(work.session, row.id))

    @allow("manager")
    @blp.response(200, CatalogueServiceOut)
    def delete(self, service_id):
        """Withdraw a service of your organisation from the catalogue (it stays for past referrals)."""
        with runtime().work() as work:
            row = own_service(work.session, current_principal(), service_id)
            data = {k: getattr(row, k) for k in FIELDS} | {"active": False}
            save_service(work, current_principal(), data, row.id)
            return describe(service_row(work.session, row.id))
