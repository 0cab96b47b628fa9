"""Candidate lists per need and per environment role, and the optimal team for an environment."""
from __future__ import annotations

from flask import jsonify
from flask_smorest import Blueprint

from services.matching.api.schemas import (
    CandidatesOut,
    EnvironmentCandidatesOut,
    LangArgs,
    TeamArgs,
    TeamOut,
    suggestion_out,
)
from services.matching.context import lang, live, runtime
from services.matching.handlers import suggestion_list, teams
from services.matching.handlers.explanations import labelled_all
from shared.auth import allow, current_principal

blp = Blueprint("candidates_api", __name__, url_prefix="/api/v1",
                description="Candidates per need and per environment role; team building for an environment.")


@blp.get("/needs/<uuid:need_id>/candidates")
@allow("manager")
@blp.arguments(LangArgs, location="query")
@blp.response(200, CandidatesOut)
def need_candidates(args, need_id):
    """Your organisation's clients suggested for a need, best first, with explanations."""
    with runtime().db.session() as session:
        need, result = suggestion_list.need_candidates(session, current_principal(), str(need_id))
    items = labelled_all(result["items"], live().taxonomy, lang(args["lang"]))
    return jsonify({"target_kind": result["target_kind"], "target_id": result["target_id"], "title": need["title"],
                    "network_suggested": result["network_suggested"],
                    "items": [suggestion_out(item) for item in items]})


@blp.get("/environments/<uuid:environment_id>/candidates")
@allow("manager")
@blp.arguments(LangArgs, location="query")
@blp.response(200, EnvironmentCandidatesOut)
def environment_candidates(args, environment_id):
    """Each role of an environment with your organisation's clients suggested for it."""
    with runtime().db.session() as session:
        result = suggestion_list.environment_candidates(session, current_principal(), str(environment_id))
    language, taxonomy = lang(args["lang"]), live().taxonomy
    for role in result["roles"]:
        role["items"] = labelled_all(role["items"], taxonomy, language)
    return result


@blp.get("/environments/<uuid:environment_id>/team")
@allow("manager")
@blp.arguments(TeamArgs, location="query")
@blp.response(200, TeamOut)
def team(args, environment_id):
    """The team that maximises total fit under the seats, one environment per student and the fields mix."""
    with runtime().db.session() as session:
        return teams.plan(session, current_principal(), str(environment_id), live(), args["min_fields"],
                          args["min_institutions"])
