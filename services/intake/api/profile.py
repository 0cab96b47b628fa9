"""The competence profile API: availability, wanted work, places, languages and ESCO skills of a client."""
from __future__ import annotations

from flask.views import MethodView
from flask_smorest import Blueprint
from marshmallow import Schema, validate

from services.intake.context import lang, runtime
from services.intake.domain.profile import EVIDENCE, LEVELS, WORK_TYPES, Availability
from services.intake.handlers import profile
from shared.auth import allow, current_principal
from shared.web import fields
from shared.web.schemas import LangArgs

blp = Blueprint("profile_api", __name__, url_prefix="/api/v1", description="Competence profiles of clients.")


class ProfileAvailabilityIn(Schema):
    hours_per_week = fields.Integer(allow_none=True, load_default=None)
    available_from = fields.Date(allow_none=True, load_default=None)
    available_until = fields.Date(allow_none=True, load_default=None)
    work_types = fields.List(fields.String(validate=validate.OneOf(WORK_TYPES)), load_default=list)
    municipalities = fields.List(fields.String(), load_default=list,
                                 metadata={"description": "Official municipality codes, e.g. 609"})
    service_areas = fields.List(fields.String(), load_default=list,
                                metadata={"description": "Slugs of the network's service areas"})
    driving_licence = fields.Boolean(load_default=False)
    languages = fields.List(fields.String(), load_default=list, metadata={"description": "ISO 639 codes"})


class ProfileSkillIn(Schema):
    skill_uri = fields.String(required=True, validate=validate.Length(max=200))
    level = fields.Integer(required=True, validate=validate.OneOf(LEVELS))
    evidence = fields.String(required=True, validate=validate.OneOf(EVIDENCE))
    evidence_ref = fields.String(allow_none=True, load_default=None, validate=validate.Length(max=200))


class ProfileSkillChange(Schema):
    level = fields.Integer(validate=validate.OneOf(LEVELS))
    evidence = fields.String(validate=validate.OneOf(EVIDENCE))
    evidence_ref = fields.String(allow_none=True, validate=validate.Length(max=200))


class ProfileSkillOut(ProfileSkillIn):
    id = fields.Integer()
    label = fields.String()
    shown_in = fields.String(allow_none=True, metadata={
        "description": "where the skill was shown, as people read it: evidence_ref, or for a skill an environment "
                       "confirmed (evidence_ref is then its id) the environment's name"})
    added_at = fields.DateTime()


class CompetenceProfileOut(ProfileAvailabilityIn):
    client_id = fields.String()
    fields_of_education = fields.List(fields.String())
    skills = fields.List(fields.Nested(ProfileSkillOut))
    shared = fields.Boolean(metadata={"description": "Whether this change was shared with the network (consent b)"})



def _skill_out(entry, language: str) -> dict:
    return {"id": entry["id"], "skill_uri": entry["skill_uri"],
            "label": profile.skill_label(entry["skill_uri"], language), "level": entry["level"],
            "evidence": entry["evidence"], "evidence_ref": entry["evidence_ref"], "shown_in": entry["shown_in"],
            "added_at": entry["added_at"]}


def _profile_out(work, client_id: str, why: str, language: str, shared: bool | None = None) -> dict:
    view = profile.profile_view(work, current_principal(), client_id, why)
    value: Availability = view["availability"]
    return {"client_id": view["client"].id, **value.__dict__,
            "fields_of_education": [f for f in [view["client"].field_of_education] if f],
            "skills": [_skill_out(s, language) for s in view["skills"]], "shared": bool(shared)}


@blp.route("/clients/<uuid:client_id>/profile")
class ClientProfile(MethodView):
    @allow("manager", "student")
    @blp.arguments(LangArgs, location="query")
    @blp.response(200, CompetenceProfileOut)
    def get(self, args, client_id):
        """Read a client's competence profile."""
        with runtime().work() as work:
            return _profile_out(work, str(client_id), "guidance", lang(args["lang"]))

    @allow("manager", "student")
    @blp.arguments(ProfileAvailabilityIn)
    @blp.response(200, CompetenceProfileOut)
    def put(self, data, client_id):
        """Replace a client's availability, wanted work types, places, languages and driving licence."""
        with runtime().work() as work:
            shared = profile.save_availability(work, current_principal(), str(client_id), Availability(
                **{**data, "work_types": tuple(data["work_types"]), "municipalities": tuple(data["municipalities"]),
                   "service_areas": tuple(data["service_areas"]), "languages": tuple(data["languages"])}))
            return _profile_out(work, str(client_id), "guidance", lang(), shared)


@blp.route("/clients/<uuid:client_id>/profile/skills")
class ProfileSkills(MethodView):
    @allow("manager", "student")
    @blp.arguments(ProfileSkillIn)
    @blp.response(201, ProfileSkillOut)
    def post(self, data, client_id):
        """Add an ESCO skill with its level and evidence to a client's profile."""
        with runtime().work() as work:
            entry_id = profile.add_skill(work, current_principal(), str(client_id), data["skill_uri"], data["level"],
                                         data["evidence"], data["evidence_ref"])
            return _skill_out(profile.described_skill(work, str(client_id), entry_id), lang())


@blp.route("/clients/<uuid:client_id>/profile/skills/<int:entry_id>")
class ProfileSkill(MethodView):
    @allow("manager", "student")
    @blp.arguments(ProfileSkillChange)
    @blp.response(200, ProfileSkillOut)
    def patch(self, data, client_id, entry_id):
        """Change the level or evidence of a skill in a client's profile."""
        with runtime().work() as work:
            profile.change_skill(work, current_principal(), str(client_id), entry_id, data)
            return _skill_out(profile.described_skill(work, str(client_id), entry_id), lang())

    @allow("manager", "student")
    @blp.response(204)
    def delete(self, client_id, entry_id):
        """Remove a skill from a client's profile."""
        with runtime().work() as work:
            profile.remove_skill(work, current_principal(), str(client_id), entry_id)
