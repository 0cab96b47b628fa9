"""The student's own pages: their participations, the experience survey and their badge."""
from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _

from services.environments.api import schemas as s
from services.environments.context import read_on_person, runtime, work_on_person
from services.environments.domain import evaluation
from services.environments.handlers import access as acl
from services.environments.handlers import badges as badge_commands
from services.environments.handlers import evaluation as commands
from services.environments.handlers import queries, views
from services.environments.web import forms as f
from services.environments.web.badges import Urls
from shared.auth import allow, current_principal
from shared.web.forms import form_status, refusals_on

bp = Blueprint("survey_pages", __name__)


@bp.get("/my/surveys")
@allow("student")
def my_surveys():
    """Your participations: the survey to answer at the end, your metrics and your badge."""
    principal = current_principal()
    with runtime().db.session() as session:
        mine = queries.own_participations(session, principal, Urls.assertion)
    return render_template("environments/my_surveys.html", mine=mine, linked=bool(principal.client_id))


def _own(participant_id, view):
    """The signed-in student's own participation, its environment and `view(session, participant_id)` of it."""
    def query(session, principal, person, row, access):
        if not acl.is_own_client(principal, person):
            abort(404)
        return person, row, view(session, person.id)
    return read_on_person(participant_id, query)


@bp.route("/my/surveys/<uuid:participant_id>", methods=["GET", "POST"])
@allow("student")
def survey(participant_id):
    """Answer the experience survey of your participation."""
    person, row, answered = _own(participant_id, views.survey_of)
    form = f.survey_form()
    if form.validate_on_submit() and answered is None:
        answers = {k: int(getattr(form, f"answer_{k}").data) for k in evaluation.SURVEY_KEYS
                   if getattr(form, f"answer_{k}").data}
        with refusals_on(form, f.apply_errors, scale=("answers", "answer_")):
            data = s.SurveyIn().load({"answers": answers, "free_text": f.blank_to_none(form.free_text.data)})
            work_on_person(participant_id, lambda work, principal, person, row, access:
                           commands.answer_survey(work, principal, person, data))
            flash(_("Thank you! Your answers were saved."), "success")
            return redirect(url_for(".my_surveys"), code=303)
    return render_template("environments/survey.html", form=form, env=row, person=person, answered=answered,
                           items=evaluation.SURVEY_ITEMS), form_status()


@bp.route("/my/surveys/<uuid:participant_id>/badge", methods=["GET", "POST"])
@allow("student")
def badge(participant_id):
    """Ask for the Open Badge of your completed participation."""
    person, row, existing = _own(participant_id, views.badge_of)
    form = f.BadgeForm()
    if form.validate_on_submit():
        with refusals_on(form, f.apply_errors):
            data = s.BadgeIn().load({"identity": form.identity.data or "", "identity_type": "email"})
            work_on_person(participant_id, lambda work, principal, person, row, access:
                           badge_commands.issue_badge(work, principal, person, data["identity"], data["identity_type"]))
            flash(_("Your badge is ready."), "success")
            return redirect(url_for(".badge", participant_id=participant_id), code=303)
    return render_template("environments/badge.html", form=form, env=row, badge=existing), form_status()
