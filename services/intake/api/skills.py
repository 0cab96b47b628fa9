"""ESCO skill look-ups: search as you type, and taxonomy skills offered for free text in fi, sv or en."""
from __future__ import annotations

from flask_smorest import Blueprint
from marshmallow import Schema, validate

from services.intake.context import lang
from services.intake.handlers.profile import search_skills as search
from services.intake.handlers.profile import suggest_skills as suggest
from shared.auth import allow
from shared.web import fields
from shared.web.schemas import Language

blp = Blueprint("skills_api", __name__, url_prefix="/api/v1", description="ESCO skills by label or free text.")


class SkillSearchArgs(Schema):
    q = fields.String(required=True, validate=validate.Length(min=1, max=100),
                      metadata={"description": "A skill word (not personal data), in Finnish, Swedish or English"})
    lang = Language("Language of the labels returned, and ranked first")
    limit = fields.Integer(validate=validate.Range(1, 50), load_default=10)


class SkillFreeTextIn(Schema):
    text = fields.String(required=True, validate=validate.Length(min=2, max=500))
    lang = Language("Language of the text; detected when left out")
    label_lang = Language("Language of the labels returned")
    limit = fields.Integer(validate=validate.Range(1, 20), load_default=8)


class SkillHitOut(Schema):
    uri = fields.String()
    label = fields.String()
    score = fields.Float()
    read_as = fields.List(fields.String(), metadata={
        "description": "Free text only: everyday words of the text read as words of the skill's label (vessa → wc)"})
    translated_as = fields.List(fields.String(), metadata={
        "description": "Free text only: words of the text read through the bilingual dictionary as English words of "
                       "the skill's English label (får → sheep)"})


@blp.get("/skills/search")
@allow("manager", "student", "partner")
@blp.arguments(SkillSearchArgs, location="query")
@blp.response(200, SkillHitOut(many=True))
def search_skills(args):
    """Find ESCO skills by a Finnish, Swedish or English label as you type."""
    return search(args["q"], lang(args["lang"]), args["limit"])


@blp.post("/skills/suggestions")
@allow("manager", "student", "partner")
@blp.arguments(SkillFreeTextIn)
@blp.response(200, SkillHitOut(many=True))
def suggest_skills(args):
    """Offer taxonomy skills for competence described in free text (lemmatised)."""
    return suggest(args["text"], args["lang"], lang(args["label_lang"]), args["limit"])
