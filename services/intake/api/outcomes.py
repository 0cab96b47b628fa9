"""Outcomes: a client's transitions to education, work, apprenticeship or other, recorded by the manager."""
from __future__ import annotations

import uuid

from flask.views import MethodView
from flask_smorest import Blueprint
from marshmallow import Schema, validate
from sqlalchemy import insert, select

from services.intake.access import load_client
from services.intake.api.partners import Text
from services.intake.consent_state import has_consent
from services.intake.context import lang, runtime
from services.intake.db import outcomes, suggestions
from services.intake.domain import N_
from services.intake.domain.outcomes import KINDS, WORK_FORMS, Outcome, outcome_problems
from shared.auth import allow, current_principal
from shared.events.envelope import utcnow
from shared.reference import education
from shared.web import fields
from shared.web.errors import ApiError

blp = Blueprint("outcomes", __name__, url_prefix="/api/v1/clients/<uuid:client_id>/outcomes",
                description="Clients' transitions to education, work, apprenticeship or other.")
FIELDS = ("kind", "work_form", "hidden_job", "description", "field_of_education", "qualification", "started_on",
          "ended_on", "via_environment_id", "via_suggestion_id")


class OutcomeIn(Schema):
    """A transition as the manager records it."""
    kind = fields.String(required=True, validate=validate.OneOf(KINDS))
    work_form = fields.String(allow_none=True, load_default=None, validate=validate.OneOf(WORK_FORMS))
    hidden_job = fields.Boolean(load_default=False, metadata={"description": "a job never publicly advertised"})
    description = Text(200, metadata={"description": "which education or work"})
    field_of_education = fields.String(allow_none=True, load_default=None, validate=validate.Length(max=4))
    qualification = fields.Boolean(load_default=False, metadata={"description": "a qualification was gained"})
    started_on = fields.Date(required=True)
    ended_on = fields.Date(allow_none=True, load_default=None)
    via_environment_id = fields.UUID(allow_none=True, load_default=None)
    via_suggestion_id = fields.UUID(allow_none=True, load_default=None)


class OutcomeOut(OutcomeIn):
    """A recorded transition, and whether it was told to the network."""
    id = fields.UUID()
    client_id = fields.UUID()
    field_of_education_name = fields.String(allow_none=True)
    source = fields.String()
    created_at = fields.DateTime()
    published = fields.Boolean(metadata={"description": "told to the network (statistics consent (d) in force)"})


def describe(row, published: bool | None = None) -> dict:
    """An outcome with the name of its field of education."""
    data = dict(row._mapping)
    code = row.field_of_education
    data["field_of_education_name"] = education.name(code, lang()) if code and education.is_valid(code) else None
    if published is not None:
        data["published"] = published
    return data


def outcomes_of(session, client_id: str) -> list:
    """A client's outcomes, the newest transition first."""
    return session.execute(select(outcomes).where(outcomes.c.client_id == client_id)
                           .order_by(outcomes.c.started_on.desc(), outcomes.c.created_at.desc())).all()


def record_outcome(principal, client_id, data: dict) -> dict:
    """Record a transition; it travels (pseudonymously) only under the client's statistics consent (d)."""
    outcome = Outcome(**{k: data.get(k) for k in ("kind", "started_on", "ended_on", "work_form", "hidden_job",
                                                   "field_of_education", "qualification", "description")})
    with runtime().work() as work:
        session = work.session
        client = load_client(session, principal, client_id, what="outcome", why="record the client's transition",
                             action="create")
        problems = outcome_problems(outcome, education.is_valid)
        if problems:
            raise ApiError(422, "Invalid input", problems)
        suggestion = data.get("via_suggestion_id")
        if suggestion and session.execute(select(suggestions.c.id).where(
                suggestions.c.id == str(suggestion), suggestions.c.client_id == client.id)).first() is None:
            raise ApiError(422, "Invalid input", {"via_suggestion_id": [N_("No such suggestion for this client.")]})
        values = {k: data.get(k) for k in FIELDS}
        for key in ("via_environment_id", "via_suggestion_id"):
            values[key] = str(values[key]) if values[key] else None
        values["description"] = (values["description"] or "").strip() or None
        outcome_id = str(uuid.uuid4())
        session.execute(insert(outcomes).values(id=outcome_id, client_id=client.id, source="intake",
                                                recorded_by=principal.user_id, created_at=utcnow(), **values))
        published = has_consent(session, client.id, "statistics")
        if published:
            work.emit("intake.outcome.recorded", {
                "client_id": client.id, "outcome_id": outcome_id, "kind": values["kind"],
                "work_form": values["work_form"], "hidden_job": bool(values["hidden_job"]),
                "qualification": bool(values["qualification"]), "field_of_education": values["field_of_education"],
                "started_on": values["started_on"].isoformat(),
                "ended_on": values["ended_on"].isoformat() if values["ended_on"] else None,
                "via_environment_id": values["via_environment_id"], "via_suggestion_id": values["via_suggestion_id"],
            }, organisation=client.organisation)
        row = session.execute(select(outcomes).where(outcomes.c.id == outcome_id)).first()
        return describe(row, published)


@blp.route("")
class Outcomes(MethodView):
    """A client's outcomes."""
    @allow("manager", "student")
    @blp.response(200, OutcomeOut(many=True))
    def get(self, client_id):
        """List a client's outcomes (a student: their own)."""
        with runtime().work() as work:
            client = load_client(work.session, current_principal(), client_id, what="outcomes",
                                 why="show the client's transitions")
            return [describe(row) for row in outcomes_of(work.session, client.id)]

    @allow("manager")
    @blp.arguments(OutcomeIn)
    @blp.response(201, OutcomeOut)
    def post(self, data, client_id):
        """Record a client's transition to education, work, apprenticeship or other."""
        return record_outcome(current_principal(), client_id, data)
