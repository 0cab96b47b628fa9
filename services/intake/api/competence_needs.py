"""Competence needs of partners: what competence a company or association needs, and when."""
from __future__ import annotations

import uuid

from flask.views import MethodView
from flask_smorest import Blueprint
from marshmallow import Schema, ValidationError, validate
from sqlalchemy import delete, insert, select, update

from services.intake.api.partners import Municipality, Text, partner_of_organisation, partner_row, rights_of
from services.intake.context import lang, runtime
from services.intake.db import competence_needs, need_skills, partners
from services.intake.domain import N_
from services.intake.domain.clients import language_codes
from services.intake.domain.partners import NEED_STATUSES, RequiredSkill, need_event, need_problems
from shared.auth import allow, current_principal
from shared.events.contracts.intake import WORK_TYPES
from shared.events.envelope import utcnow
from shared.reference import esco
from shared.web import fields
from shared.web.errors import ApiError

blp = Blueprint("competence_needs", __name__, url_prefix="/api/v1/competence-needs",
                description="Partners' competence needs: required skills, work type, time and place.")
FIELDS = ("title", "description", "work_type", "hours_per_week", "municipality", "start_date", "end_date",
          "people", "hidden_job", "languages", "driving_licence", "status")


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


class CompetenceNeedOut(CompetenceNeedIn):
    """A stored competence need with its partner's name."""
    id = fields.UUID()
    partner_name = fields.String()
    recorded_by_organisation = fields.String()
    created_at = fields.DateTime()
    updated_at = fields.DateTime()


class CompetenceNeedQuery(Schema):
    """Filters of the need list."""
    partner_id = fields.UUID()
    status = fields.String(validate=validate.OneOf(NEED_STATUSES))


def _known_skill(uri: str) -> bool:
    return uri in esco.load_taxonomy().index


def _skills(data: dict) -> list[RequiredSkill]:
    return [RequiredSkill(s["uri"].strip(), bool(s["essential"]), int(s["level"])) for s in data.get("skills") or []]


def need_row(session, need_id):
    """A need by id, or None (also for a malformed id)."""
    try:
        key = str(uuid.UUID(str(need_id)))
    except ValueError:
        return None
    return session.execute(select(competence_needs).where(competence_needs.c.id == key)).first()


ONLY_OWNERS = N_("Only the organisation that recorded the partner and the partner's own users record and change "
                  "its competence needs.")


def visible_need(session, principal, need_id):
    """A need the principal may see (managers: any; partner users: their partner's), else 404."""
    row = need_row(session, need_id)
    if row is None:
        raise ApiError(404, "No such competence need")
    if not principal.has("manager"):
        own = partner_of_organisation(session, principal.organisation)
        if own is None or own.id != row.partner_id:
            raise ApiError(404, "No such competence need")
    return row


def require_need_rights(principal, partner) -> None:
    """403 unless the principal may record and change the partner's competence needs."""
    if not rights_of(principal, partner).needs:
        raise ApiError(403, "Only the organisation that recorded the partner and the partner's own users change its "
                            "competence needs", {"partner_id": [ONLY_OWNERS]})


def target_partner(session, principal, partner_id):
    """The partner a new need belongs to: one the manager's organisation recorded, the own one for a partner user."""
    if principal.has("manager"):
        if partner_id is None:
            raise ApiError(422, "Invalid input", {"partner_id": [N_("Choose the partner whose need this is.")]})
        row = partner_row(session, partner_id)
    else:
        row = partner_of_organisation(session, principal.organisation)
        if row is not None and partner_id is not None and str(partner_id) != row.id:
            row = None
    if row is None:
        raise ApiError(422, "Invalid input", {"partner_id": [N_("No such partner.")]})
    require_need_rights(principal, row)
    return row


def describe(session, row) -> dict:
    """A need with its skills (labelled in the reader's language) and its partner's name."""
    taxonomy = esco.load_taxonomy()
    skills = session.execute(select(need_skills).where(need_skills.c.need_id == row.id)
                             .order_by(need_skills.c.essential.desc(), need_skills.c.id)).all()
    data = dict(row._mapping)
    data["skills"] = [{"uri": s.skill_uri, "essential": s.essential, "level": s.level,
                       "label": taxonomy.label(taxonomy.index[s.skill_uri], lang()) if s.skill_uri in taxonomy.index
                       else s.skill_uri} for s in skills]
    data["partner_name"] = session.execute(select(partners.c.name).where(partners.c.id == row.partner_id)).scalar()
    return data


def problems_of(data: dict) -> dict:
    """The domain rules' field problems of a need's input (after the schema)."""
    return need_problems(data.get("start_date"), data.get("end_date"), _skills(data), _known_skill)


def save_need(work, principal, partner, data: dict, need_id: str | None = None) -> str:
    """Record or replace a need after checking its rules; publish it in the same transaction."""
    skills = _skills(data)
    problems = problems_of(data)
    if problems:
        raise ApiError(422, "Invalid input", problems)
    session, now = work.session, utcnow()
    values = {k: data.get(k) for k in FIELDS}
    values["title"] = values["title"].strip()
    if need_id is None:
        need_id = str(uuid.uuid4())
        session.execute(insert(competence_needs).values(
            id=need_id, partner_id=partner.id, recorded_by_organisation=principal.organisation,
            created_by=principal.user_id, created_at=now, updated_at=now, **values))
    else:
        session.execute(update(competence_needs).where(competence_needs.c.id == need_id)
                        .values(updated_at=now, **values))
        session.execute(delete(need_skills).where(need_skills.c.need_id == need_id))
    if skills:
        session.execute(insert(need_skills), [dict(need_id=need_id, skill_uri=s.uri, essential=s.essential,
                                                   level=s.level) for s in skills])
    # A need is announced by the member organisation that recorded (and hosts) its partner.
    work.emit("intake.need.published", need_event({"id": need_id, "partner_id": partner.id, **values}, skills),
              organisation=partner.recorded_by_organisation)
    return need_id


def need_as_input(session, row) -> dict:
    """A stored need in the shape of CompetenceNeedIn (for partial changes and edit forms)."""
    data = {k: getattr(row, k) for k in FIELDS}
    data["partner_id"] = row.partner_id
    data["skills"] = [{"uri": s["uri"], "essential": s["essential"], "level": s["level"]}
                      for s in describe(session, row)["skills"]]
    return data


def change_need(principal, need_id, data: dict, *, partial: bool) -> dict:
    """Replace (or, when partial, amend) a need the principal may edit; it stays with its partner."""
    with runtime().work() as work:
        row = visible_need(work.session, principal, need_id)
        partner = partner_row(work.session, row.partner_id)
        require_need_rights(principal, partner)
        if data.get("partner_id") is not None and str(data["partner_id"]) != row.partner_id:
            raise ApiError(422, "Invalid input", {"partner_id": [N_("A need stays with its partner.")]})
        if partial:
            data = {**need_as_input(work.session, row), **data}
        save_need(work, principal, partner, data, row.id)
        return describe(work.session, need_row(work.session, row.id))


@blp.route("")
class Needs(MethodView):
    """Competence needs."""
    @allow("manager", "partner")
    @blp.arguments(CompetenceNeedQuery, location="query")
    @blp.response(200, CompetenceNeedOut(many=True))
    def get(self, query):
        """List competence needs (a partner user: only their own partner's)."""
        principal = current_principal()
        stmt = select(competence_needs).order_by(competence_needs.c.updated_at.desc()).limit(1000)
        with runtime().db.session() as session:
            if not principal.has("manager"):
                own = partner_of_organisation(session, principal.organisation)
                if own is None:
                    return []
                stmt = stmt.where(competence_needs.c.partner_id == own.id)
            if query.get("partner_id"):
                stmt = stmt.where(competence_needs.c.partner_id == str(query["partner_id"]))
            if query.get("status"):
                stmt = stmt.where(competence_needs.c.status == query["status"])
            return [describe(session, row) for row in session.execute(stmt)]

    @allow("manager", "partner")
    @blp.arguments(CompetenceNeedIn)
    @blp.response(201, CompetenceNeedOut)
    def post(self, data):
        """Record a competence need of a partner your organisation recorded (a partner user: of their own)."""
        principal = current_principal()
        with runtime().work() as work:
            partner = target_partner(work.session, principal, data.get("partner_id"))
            need_id = save_need(work, principal, partner, data)
            return describe(work.session, need_row(work.session, need_id))


@blp.route("/<uuid:need_id>")
class Need(MethodView):
    """One competence need."""
    @allow("manager", "partner")
    @blp.response(200, CompetenceNeedOut)
    def get(self, need_id):
        """Show a competence need."""
        with runtime().db.session() as session:
            return describe(session, visible_need(session, current_principal(), need_id))

    @allow("manager", "partner")
    @blp.arguments(CompetenceNeedIn)
    @blp.response(200, CompetenceNeedOut)
    def put(self, data, need_id):
        """Replace a competence need (the partner's recording organisation or its own users)."""
        return change_need(current_principal(), need_id, data, partial=False)

    @allow("manager", "partner")
    @blp.arguments(CompetenceNeedChange(partial=(*FIELDS, "partner_id", "skills")))
    @blp.response(200, CompetenceNeedOut)
    def patch(self, data, need_id):
        """Change some fields of a competence need, e.g. its status."""
        return change_need(current_principal(), need_id, data, partial=True)
