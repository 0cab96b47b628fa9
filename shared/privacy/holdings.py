"""What a service holds about one pseudonymous client, for the network-wide export (GDPR Art. 15 and 20).

Each service answers `GET /api/v1/subjects/<client_id>` for a manager of the client's own organisation with
its rows about the client, by table; intake asks every service and assembles the person's document. A
manager of another organisation gets an empty answer, the same as for a client the service does not know,
so the endpoint tells nobody whose client a person is.
"""
from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from flask.views import MethodView
from flask_smorest import Blueprint
from marshmallow import Schema
from sqlalchemy.orm import Session

from shared.auth import allow, current_principal
from shared.web import fields
from shared.web.context import runtime


def jsonable(value: Any) -> Any:
    """A value as JSON holds it: dates in ISO 8601, decimals as numbers."""
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [jsonable(v) for v in value]
    return value


def collect(session: Session, queries: dict[str, Any]) -> dict[str, list[dict]]:
    """Rows of each named query, JSON-ready; tables without rows are left out."""
    found = {}
    for name, query in queries.items():
        rows = [jsonable(dict(row)) for row in session.execute(query).mappings()]
        if rows:
            found[name] = rows
    return found


class HoldingsOut(Schema):
    service = fields.String(metadata={"description": "the service that answers"})
    client_id = fields.UUID()
    sections = fields.Dict(keys=fields.String(), values=fields.List(fields.Dict()),
                           metadata={"description": "rows about the client, by table"})


def subjects_blueprint(service: str, holdings: Callable[[Any, Any, str], dict[str, list[dict]]]) -> Blueprint:
    """The service's `GET /api/v1/subjects/<client_id>`: `holdings(work, principal, client_id)` answers."""
    blp = Blueprint("subjects", f"services.{service}.api.subjects", url_prefix="/api/v1/subjects",
                    description="What this service holds about one pseudonymous client (for the network-wide "
                                "export of the client's data).")

    @blp.route("/<uuid:client_id>")
    class Subject(MethodView):
        @allow("manager")
        @blp.response(200, HoldingsOut)
        def get(self, client_id):
            """Everything this service holds about a client of the manager's own organisation."""
            with runtime().work() as work:
                sections = holdings(work, current_principal(), str(client_id))
            return {"service": service, "client_id": client_id, "sections": sections}

    return blp
