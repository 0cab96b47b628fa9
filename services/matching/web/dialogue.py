"""Pages of the dialogue (issue 16): the student's opportunities and suggestions, the partner's candidates."""
from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_babel import gettext as _

from services.matching.context import lang, live, runtime
from services.matching.handlers import dialogue
from services.matching.handlers.explanations import labelled_all, said_to_you
from services.matching.web.forms import (
    ANSWER_LABELS,
    CANDIDATE_STAGE_LABELS,
    EMPLOYMENT_LABELS,
    KIND_LABELS,
    STAGE_LABELS,
    STATUS_LABELS,
    AnswerForm,
    FeedbackForm,
    InterestForm,
    IntroductionForm,
)
from shared.auth import allow, current_principal
from shared.errors import Conflict, Invalid, NotFound
from shared.web.context import show_errors

bp = Blueprint("dialogue_pages", __name__)


def labels() -> dict:
    return {"answer": ANSWER_LABELS, "stage": STAGE_LABELS, "employment": EMPLOYMENT_LABELS,
            "candidate": CANDIDATE_STAGE_LABELS, "kind": KIND_LABELS, "status": STATUS_LABELS}


# --- students ------------------------------------------------------------------------------------------------
@bp.get("/my/opportunities")
@allow("student")
def opportunities_page():
    """Open learning environments and needs open to students, each with a button to show interest."""
    with runtime().db.session() as session:
        found = dialogue.browse(session, current_principal())
    return render_template("matching/my/opportunities.html", found=found, form=InterestForm(formdata=None),
                           labels=labels())


@bp.post("/my/interests")
@allow("student")
def express_interest():
    """The student's own interest in a need or a role: it goes to their manager as a suggestion to review."""
    form = InterestForm()
    if not form.validate() or form.target_kind.data not in ("need", "environment_role"):
        flash(_("Choose a need or a role from the list."), "error")
        return redirect(url_for(".opportunities_page"), code=303)
    try:
        with runtime().work() as work:
            dialogue.express_interest(work, current_principal(), form.target_kind.data, form.target_id.data)
    except NotFound:
        flash(_("That need or role is no longer open."), "error")
    except Conflict as refused:
        flash(_(refused.reason), "error")
    else:
        flash(_("Your interest was sent to your service manager, who will look at it with you."), "success")
    return redirect(url_for(".opportunities_page"), code=303)


def _my_page(forms: dict | None = None, status: int = 200):
    with runtime().db.session() as session:
        found = dialogue.my_suggestions(session, current_principal())
    items = said_to_you(labelled_all(found["items"], live().taxonomy, lang()))
    forms = forms or {}
    for item in items:
        item["form"] = forms.get(item["id"]) or AnswerForm(formdata=None, prefix=f"s{item['id'][:8]}",
                                                           answer=item["student_answer"],
                                                           reason=item.get("student_reason"))
    return render_template("matching/my/suggestions.html", found=found, entries=items, labels=labels()), status


@bp.get("/my/suggestions")
@allow("student")
def my_suggestions_page():
    """The student's own suggestions, explained in plain words, with their answer."""
    return _my_page()


@bp.post("/my/suggestions/<uuid:suggestion_id>")
@allow("student")
def answer(suggestion_id):
    """Interested or not (with an optional reason), before the service manager decides."""
    form = AnswerForm(prefix=f"s{str(suggestion_id)[:8]}")
    if not form.validate():
        return _my_page({str(suggestion_id): form}, 422)
    try:
        with runtime().work() as work:
            dialogue.answer(work, current_principal(), str(suggestion_id), form.answer.data, form.reason.data)
    except Invalid as refused:
        show_errors(form, refused.fields)
        return _my_page({str(suggestion_id): form}, 422)
    except Conflict as refused:
        flash(_(refused.reason), "error")
        return redirect(url_for(".my_suggestions_page"), code=303)
    flash(_("Your answer was sent to your service manager."), "success")
    return redirect(url_for(".my_suggestions_page"), code=303)


# --- partners ------------------------------------------------------------------------------------------------
def _candidates_page(need_id, forms: dict | None = None, status: int = 200):
    with runtime().db.session() as session:
        found = dialogue.labelled_candidates(dialogue.candidates(session, current_principal(), str(need_id)),
                                             live().taxonomy, lang())
    forms = forms or {}
    for item in found["items"]:
        item["form"] = forms.get(item["id"]) or FeedbackForm(formdata=None, prefix=f"c{item['id'][:8]}")
    return render_template("matching/partner/candidates.html", found=found, labels=labels(),
                           introduction_form=IntroductionForm(formdata=None)), status


@bp.get("/partner/needs/<uuid:need_id>")
@allow("partner")
def candidates_page(need_id):
    """A need's candidates as competence summaries, with the introductions and what happened since."""
    return _candidates_page(need_id)


@bp.post("/partner/candidates/<uuid:suggestion_id>/introduction")
@allow("partner")
def request_introduction(suggestion_id):
    """Ask the candidate's service manager for an introduction."""
    form = IntroductionForm()
    with runtime().db.session() as session:
        need_id = dialogue.need_of_candidate(session, current_principal(), str(suggestion_id))
    if form.validate():
        try:
            with runtime().work() as work:
                dialogue.request_introduction(work, current_principal(), str(suggestion_id))
        except Conflict as refused:
            flash(_(refused.reason), "error")
        else:
            flash(_("Your wish was sent to the candidate's service manager, who decides on the introduction."),
                  "success")
    return redirect(url_for(".candidates_page", need_id=need_id), code=303)


@bp.post("/partner/candidates/<uuid:suggestion_id>/feedback")
@allow("partner")
def record_feedback(suggestion_id):
    """What happened with an introduced candidate."""
    form = FeedbackForm(prefix=f"c{str(suggestion_id)[:8]}")
    with runtime().db.session() as session:
        need_id = dialogue.need_of_candidate(session, current_principal(), str(suggestion_id))
    if not form.validate():
        return _candidates_page(need_id, {str(suggestion_id): form}, 422)
    try:
        with runtime().work() as work:
            dialogue.record_feedback(work, current_principal(), str(suggestion_id), form.stage.data,
                                     form.employment.data or None, form.reason.data)
    except Invalid as refused:
        show_errors(form, refused.fields)
        return _candidates_page(need_id, {str(suggestion_id): form}, 422)
    except Conflict as refused:
        flash(_(refused.reason), "error")
    else:
        flash(_("Thank you: what happened is recorded."), "success")
    return redirect(url_for(".candidates_page", need_id=need_id), code=303)
