"""The dialogue (issue 16): students see open opportunities and their own suggestions, answer them and express
interest; partners see their needs' candidates without identities, ask for introductions and tell what happened."""
from __future__ import annotations

from flask_smorest import Blueprint

from services.matching.api.schemas import (
    AnswerIn,
    AnswerOut,
    FeedbackIn,
    FeedbackRecordedOut,
    InterestIn,
    InterestOut,
    IntroductionOut,
    LangArgs,
    MySuggestionsOut,
    NeedCandidatesOut,
    OpportunitiesOut,
    ReminderOut,
)
from services.matching.context import lang, live, runtime
from services.matching.handlers import dialogue
from services.matching.handlers.explanations import labelled_all
from shared.auth import allow, current_principal

blp = Blueprint("dialogue_api", __name__, url_prefix="/api/v1",
                description="Students' opportunities, suggestions, answers and interests; partners' candidates, "
                            "introductions and feedback.")


@blp.get("/my/opportunities")
@allow("student")
@blp.response(200, OpportunitiesOut)
def opportunities():
    """Open learning environments and the needs open to students (a hidden job is never listed)."""
    with runtime().db.session() as session:
        return dialogue.browse(session, current_principal())


@blp.get("/my/suggestions")
@allow("student")
@blp.arguments(LangArgs, location="query")
@blp.response(200, MySuggestionsOut)
def my_suggestions(args):
    """Your own suggestions with their explanations, and whether your profile is matched at all."""
    with runtime().db.session() as session:
        result = dialogue.my_suggestions(session, current_principal())
    return {**result, "items": labelled_all(result["items"], live().taxonomy, lang(args["lang"]))}


@blp.post("/my/suggestions/<uuid:suggestion_id>/answer")
@allow("student")
@blp.arguments(AnswerIn)
@blp.response(200, AnswerOut)
def answer(data, suggestion_id):
    """Tell your service manager whether you are interested (a reason is optional), before they decide."""
    with runtime().work() as work:
        return dialogue.answer(work, current_principal(), str(suggestion_id), data["answer"], data.get("reason"))


@blp.post("/my/interests")
@allow("student")
@blp.arguments(InterestIn)
@blp.response(202, InterestOut)
def express_interest(data):
    """Express interest in a need or a role: it reaches your service manager as a suggestion to review."""
    with runtime().work() as work:
        return dialogue.express_interest(work, current_principal(), data["target_kind"], str(data["target_id"]))


@blp.get("/partner/needs/<uuid:need_id>/candidates")
@allow("partner")
@blp.arguments(LangArgs, location="query")
@blp.response(200, NeedCandidatesOut)
def candidates(args, need_id):
    """Your need's candidates as competence summaries with explanations; no name, gender, age or school."""
    with runtime().db.session() as session:
        result = dialogue.candidates(session, current_principal(), str(need_id))
    return dialogue.labelled_candidates(result, live().taxonomy, lang(args["lang"]))


@blp.post("/partner/candidates/<uuid:suggestion_id>/introduction")
@allow("partner")
@blp.response(200, IntroductionOut)
def request_introduction(suggestion_id):
    """Ask the candidate's service manager to introduce you; the manager decides."""
    with runtime().work() as work:
        return dialogue.request_introduction(work, current_principal(), str(suggestion_id))


@blp.post("/partner/candidates/<uuid:suggestion_id>/feedback")
@allow("partner")
@blp.arguments(FeedbackIn)
@blp.response(201, FeedbackRecordedOut)
def feedback(data, suggestion_id):
    """What happened with an introduced candidate: contacted, interviewed, a work try-out, hired (with the kind
    of employment) or not suitable (with a reason)."""
    with runtime().work() as work:
        return dialogue.record_feedback(work, current_principal(), str(suggestion_id), data["stage"],
                                        data.get("employment"), data.get("reason"))


@blp.get("/partner/reminders")
@allow("partner")
@blp.response(200, ReminderOut(many=True))
def reminders():
    """Introductions waiting for your feedback."""
    with runtime().db.session() as session:
        return dialogue.reminders_of(session, current_principal())
