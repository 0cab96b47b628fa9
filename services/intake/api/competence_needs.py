"""Competence needs of partners: what competence a company or association needs, and when."""
from __future__ import annotations

from flask.views import MethodView
from flask_smorest import Blueprint
from marshmallow import Schema, ValidationError, validate

from services.intake.api.partners import Municipality, Text
from services.intake.context import lang, runtime
from services.intake.domain import N_
from services.intake.domain.clients import language_codes
from services.intake.domain.partners import NEED_STATUSES
from services.intake.handlers import competence_needs as needs
from services.intake.handlers.competence_needs import FIELDS
from shared.auth import allow, current_principal
from shared.events.contracts.intake import WORK_TYPES
from shared.web import fields
from shared.web.schemas import Timestamps

blp = Blueprint("competence_needs", __name__, url_prefix="/api/v1/competence-needs",
                description="Partners' competence needs: required skills, work type, time and place.")


def _language(code: str) -> None:
    if code not in language_codes():
        raise ValidationError(N_("Unknown language code: use ISO 639-1, e.g. fi, sv, en."))


class RequiredSkillSchema(Schema):
    """A skill a need requires: an ESCO URI, essential or nice to have, level 1–5."""
    uri = fields.String(required=True, validate=validate.Length(1, 200),
                        metadata={"description": "ESCO skill URI"})
    essential = fields.Boolean(load_default=True, metadata={"description": "false: nice to have"})
    level = fields.Integer(load_default=3, validate=validate.Range(1, 5))
    label = fields.String(dump_only=True)


class CompetenceNeedIn(Schema):
    """A competence need as a manager or the partner's own user enters it."""
    partner_id = fields.UUID(allow_none=True, load_default=None,
                             metadata={"description": "required of managers; a partner user's own partner"})
    title = Text(200, required=True)
    description = Text(4000)
    skills = fields.List(fields.Nested(RequiredSkillSchema), load_default=list)
    work_type = fields.String(required=True, validate=validate.OneOf(WORK_TYPES))
    hours_per_week = fields.Integer(allow_none=True, load_default=None,
                                    validate=validate.Range(1, 80, error=N_("Give the hours a week from 1 to 80.")))
    municipality = Municipality()
    start_date = fields.Date(allow_none=True, load_default=None)
    end_date = fields.Date(allow_none=True, load_default=None)
    people = fields.Integer(load_default=1, validate=validate.Range(1, 500, error=N_("Give a number from 1 to 500.")))
    hidden_job = fields.Boolean(load_default=False, metadata={"description": "not publicly advertised"})
    languages = fields.List(fields.String(validate=_language), load_default=list, validate=validate.Length(max=10))
    driving_licence = fields.Boolean(load_default=False)
    status = fields.String(load_default="open", validate=validate.OneOf(NEED_STATUSES))


class CompetenceNeedChange(CompetenceNeedIn):
    """Some fields of a competence need; each skill given is still whole."""


class CompetenceNeedOut(CompetenceNeedIn, Timestamps):
    """A stored competence need with its partner's name."""
    id = fields.UUID()
    partner_name = fields.String()
    recorded_by_organisation = fields.String()
    notices = fields.Dict(keys=fields.String(), values=fields.List(fields.String()), dump_only=True, metadata={
        "description": "what to know of the need as kept, by field, e.g. skills: no candidates can be found for "
                       "an open need without skills"})


class CompetenceNeedQuery(Schema):
    """Filters of the need list."""
    partner_id = fields.UUID()
    status = fields.String(validate=validate.OneOf(NEED_STATUSES))


@blp.route("")
class Needs(MethodView):
    """Competence needs."""
    @allow("manager", "partner")
    @blp.arguments(CompetenceNeedQuery, location="query")
    @blp.response(200, CompetenceNeedOut(many=True))
    def get(self, query):
        """List competence needs (a partner user: only their own partner's)."""
        with runtime().db.session() as session:
            return needs.needs_list(session, current_principal(), lang(), partner_id=query.get("partner_id"),
                                    status=query.get("status"))

    @allow("manager", "partner")
    @blp.arguments(CompetenceNeedIn)
    @blp.response(201, CompetenceNeedOut)
    def post(self, data):
        """Record a competence need of a partner your organisation recorded (a partner user: of their own)."""
        with runtime().work() as work:
            return needs.record_need(work, current_principal(), data, lang())


@blp.route("/<uuid:need_id>")
class Need(MethodView):
    """One competence need."""
    @allow("manager", "partner")
    @blp.response(200, CompetenceNeedOut)
    def get(self, need_id):
        """Show a competence need."""
        with runtime().db.session() as session:
            return needs.show_need(session, current_principal(), need_id, lang())

    @allow("manager", "partner")
    @blp.arguments(CompetenceNeedIn)
    @blp.response(200, CompetenceNeedOut)
    def put(self, data, need_id):
        """Replace a competence need (the partner's recording organisation or its own users)."""
        with runtime().work() as work:
            return needs.change_need(work, current_principal(), need_id, data, lang(), partial=False)

    @allow("manager", "partner")
    @blp.arguments(CompetenceNeedChange(partial=(*FIELDS, "partner_id", "skills")))
    @blp.response(200, CompetenceNeedOut)
    def patch(self, data, need_id):
        """Change some fields of a competence need, e.g. its status."""
        with runtime().work() as work:
            return needs.change_need(work, current_principal(), need_id, data, lang(), partial=True)
