"""The partner's pages: their own environments, assessments of the participants and the team, outcomes."""
from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_babel import gettext as _

from services.environments.api import schemas as s
from services.environments.context import lang, runtime, work_on
from services.environments.domain import evaluation
from services.environments.handlers import access as acl
from services.environments.handlers import evaluation as commands
from services.environments.handlers import outcomes as outcome_commands
from services.environments.handlers import queries, views
from services.environments.web import forms as f
from services.environments.web.participants import own_names
from shared.auth import allow, current_principal
from shared.web.forms import form_status, refusals_on

bp = Blueprint("assessment_pages", __name__)


@bp.get("/my/assessments")
@allow("partner")
def my_assessments():
    """The environments your organisation takes part in as a partner, and what you still have to assess."""
    with runtime().db.statements() as session:  # reads only: no BEGIN and COMMIT round trips
        found = queries.partner_worklist(session, current_principal())
    return render_template("environments/my_assessments.html", environments=found)


@bp.route("/my/assessments/<uuid:environment_id>/<subject>", methods=["GET", "POST"])
@allow("partner")
def assess(environment_id, subject):
    """Assess one participant (and confirm the skills they demonstrated) or the team overall."""
    principal = current_principal()
    with runtime().db.session() as session:
        row, access = acl.load_environment(session, principal, environment_id)
        if not access.assess:
            return render_template("errors/404.html"), 404
        person = queries.assessment_subject(session, row, subject)
        role = views.parts(session, row).roles
        wanted = next((r.skills or [] for r in role if person is not None and r.id == person.role_id), [])
        done = queries.assessed_already(session, row, access.partner_ids, subject)
    form = f.assessment_form([(x["uri"], views.skill_label(x["uri"], lang())) for x in wanted])
    if form.validate_on_submit():
        scores = {k: int(getattr(form, f"score_{k}").data) for k in evaluation.CRITERIA_KEYS
                  if getattr(form, f"score_{k}").data}
        skills = [{"uri": uri, "level": int(form.skill_level.data)} for uri in form.skills.data or []]
        with refusals_on(form, f.apply_errors, scale=("scores", "score_")):
            data = s.AssessmentIn().load({"participant_id": person.id if person else None, "scores": scores,
                                          "skills": skills, "free_text": f.blank_to_none(form.free_text.data),
                                          "partner_id": access.partner_ids[0] if access.partner_ids else None})
            work_on(environment_id, lambda work, principal, row, access:
                    commands.give_assessment(work, principal, row, access, data))
            flash(_("Thank you! The assessment was saved."), "success")  # back to the team: the next one to assess
            return redirect(url_for("environment_pages.page", environment_id=environment_id) + "#team", code=303)
    return render_template("environments/assessment.html", form=form, env=row, person=person, done=done), form_status()


@bp.route("/environments/<uuid:environment_id>/outcomes/new", methods=["GET", "POST"])
@allow("manager", "partner")
def outcome(environment_id):
    """Record a job or a cooperation opportunity that followed from the environment."""
    principal = current_principal()
    with runtime().db.session() as session:
        row, access = acl.load_environment(session, principal, environment_id)
        p = views.parts(session, row)
        people = queries.active_participants(session, row.id)
    if not (access.edit or access.assess):
        return render_template("errors/403.html"), 403
    form = f.OutcomeForm()
    form.partner_id.choices = f.choices((x.partner_id, x.name) for x in p.partners
                                        if access.edit or x.partner_id in access.partner_ids)
    titles = {r.id: r.title for r in p.roles}
    names = own_names(people)
    form.participant_id.choices = f.choices([("", _("– none –"))] + [
        (x.id, f"{x.team_name or names.get(str(x.id)) or _('Participant')} ({titles.get(x.role_id, '')})")
        for x in people])
    if form.validate_on_submit():
        with refusals_on(form, f.apply_errors):
            data = f.load_with(s.OutcomeIn(), {
                "kind": form.kind.data, "partner_id": f.blank_to_none(form.partner_id.data),
                "participant_id": f.blank_to_none(form.participant_id.data), "hidden_job": bool(form.hidden_job.data),
                "description": f.blank_to_none(form.description.data), "started_on": form.started_on.data,
                "ended_on": form.ended_on.data})
            work_on(environment_id, lambda work, principal, row, access:
                    outcome_commands.record_outcome(work, principal, row, access, data), lock=False)
            flash(_("The outcome was recorded."), "success")
            return redirect(url_for("environment_pages.page", environment_id=environment_id) + "#outcomes", code=303)
    return render_template("environments/outcome_form.html", form=form, env=row), form_status()
