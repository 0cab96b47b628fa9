"""Suggestions for managers: the list, one suggestion with its explanation, and the decision on it."""
from __future__ import annotations

from flask import jsonify
from flask_smorest import Blueprint

from services.matching.api.schemas import (
    DecisionIn,
    DecisionOut,
    LangArgs,
    SuggestionOut,
    SuggestionPage,
    SuggestionQuery,
    suggestion_out,
)
from services.matching.context import lang, live, runtime
from services.matching.handlers import decisions, suggestion_list
from services.matching.handlers.explanations import labelled, labelled_all
from shared.auth import allow, current_principal

blp = Blueprint("suggestions_api", __name__, url_prefix="/api/v1",
                description="Explained suggestions for the managers of the clients' organisations.")


@blp.get("/suggestions")
@allow("manager")
@blp.arguments(SuggestionQuery, location="query")
@blp.response(200, SuggestionPage)
def list_suggestions(args):
    """Your organisation's suggestions, newest first, filtered by status, need, environment, role or client."""
    with runtime().db.statements() as session:  # reads only: no BEGIN and ROLLBACK round trips
        result = suggestion_list.page(session, current_principal(), args)
    items = labelled_all(result["items"], live().taxonomy, lang(args["lang"]))
    return jsonify({**result, "items": [suggestion_out(item) for item in items]})


@blp.get("/suggestions/<uuid:suggestion_id>")
@allow("manager")
@blp.arguments(LangArgs, location="query")
@blp.response(200, SuggestionOut)
def get_suggestion(args, suggestion_id):
    """One suggestion with its explanation: matched and missing skills, constraint notes, the score's parts."""
    with runtime().db.session() as session:
        item = suggestion_list.one(session, current_principal(), suggestion_id)
    return labelled(item, live().taxonomy, lang(args["lang"]))


@blp.post("/suggestions/<uuid:suggestion_id>/decision")
@allow("manager")
@blp.arguments(DecisionIn)
@blp.response(200, DecisionOut)
def decide(data, suggestion_id):
    """Accept or decline (with a reason); a declined pair is not suggested again until the profile or target changes."""
    index = live().taxonomy.index
    with runtime().work() as work:
        return decisions.decide(work, current_principal(), str(suggestion_id), data["decision"] == "accept",
                                (data.get("reason") or "").strip() or None, index)
