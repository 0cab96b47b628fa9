"""Personal path pages: a manager builds a client's goals and steps; a student follows their own path."""
from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from services.intake.context import lang, runtime, show_errors, student_client_id
from services.intake.domain import meetings
from services.intake.domain import path as rules
from services.intake.handlers import meetings as meeting_handlers
from services.intake.handlers import path
from services.intake.web import path_forms as forms
from services.intake.web.commands import run_for_form
from shared import clock
from shared.auth import allow, current_principal
from shared.web.forms import PageForm

bp = Blueprint("path_pages", __name__)


def _goal_choices(goals: list[dict]) -> list:
    return forms.choices([("", _("No particular goal"))] + [(g["id"], g["title"]) for g in goals
                                                            if g["status"] == "active"])


def _occupations(form: forms.GoalForm) -> list[tuple[str, str]]:
    options = forms.occupation_options(form.occupation_query.data or "", lang())
    chosen = forms.occupation_label(form.occupation_uri.data, lang())
    if chosen and form.occupation_uri.data not in dict(options):
        options.insert(0, (form.occupation_uri.data, chosen))
    return options


def _page(client_id: str, *, goal_form=None, step_form=None, row_forms=None, status: int = 200):
    with runtime().work() as work:
        view = path.read_path(work, current_principal(), client_id, "guidance")
    goal_form = goal_form or forms.GoalForm(formdata=None)
    goal_form.field_of_education.choices = forms.field_of_education_choices(lang())
    step_form = step_form or forms.StepForm(formdata=None)
    step_form.goal_id.choices = _goal_choices(view["goals"])
    row_forms = {**{s["id"]: forms.StepStatusForm(prefix=f"step-{s['id']}", formdata=None, data=s)
                    for s in view["steps"]},
                 **{g["id"]: forms.GoalStatusForm(prefix=f"goal-{g['id']}", formdata=None, data=g)
                    for g in view["goals"]},
                 **(row_forms or {})}
    return render_template("intake/path/page.html", client=view["client"], goals=view["goals"],
                           steps=view["steps"], goal_form=goal_form, step_form=step_form, row_forms=row_forms,
                           occupations=_occupations(goal_form), labels=forms.labels(),
                           occupation_label=lambda uri: forms.occupation_label(uri, lang()),
                           progress=rules.progress(view["steps"])), status


def _done(client_id, message: str):
    flash(message, "success")
    return redirect(url_for(".path_page", client_id=client_id), code=303)


def _attempt(form, command, problems: dict | None = None) -> bool:
    """Run a command for a valid form; its field errors (and the form's own `problems`) go beside the fields."""
    if not form.validate_on_submit():
        return False
    if problems:
        show_errors(form, problems)
        return False
    return run_for_form(form, command, {
        "target_code": "occupation_uri" if form.data.get("kind") == "work" else "field_of_education",
        **forms.MEETING_ALIASES})


@bp.get("/clients/<uuid:client_id>/path")
@allow("manager")
def path_page(client_id):
    """Show a client's personal path with forms to set goals and plan steps."""
    return _page(str(client_id))


@bp.post("/clients/<uuid:client_id>/path/goals")
@allow("manager")
def add_goal(client_id):
    """Set a goal from the form, or search occupations for it and show the form again."""
    form = forms.GoalForm()
    form.field_of_education.choices = forms.field_of_education_choices(lang())
    if request.form.get("action") == "search":
        return _page(str(client_id), goal_form=form)
    data = {"kind": form.kind.data, "title": form.title.data or "", "target_code": form.target_code(),
            "due_date": form.due_date.data}
    if _attempt(form, lambda work: path.add_goal(work, current_principal(), str(client_id), data)):
        return _done(client_id, _("The goal was set."))
    return _page(str(client_id), goal_form=form, status=422)


@bp.post("/clients/<uuid:client_id>/path/goals/<uuid:goal_id>")
@allow("manager")
def change_goal(client_id, goal_id):
    """Change a goal's status from its row."""
    form = forms.GoalStatusForm(prefix=f"goal-{goal_id}")
    if _attempt(form, lambda work: path.change_goal(work, current_principal(), str(client_id), str(goal_id),
                                                    {"status": form.status.data})):
        return _done(client_id, _("The goal was updated."))
    return _page(str(client_id), row_forms={str(goal_id): form}, status=422)


@bp.post("/clients/<uuid:client_id>/path/steps")
@allow("manager")
def add_step(client_id):
    """Plan a step from the form."""
    form = forms.StepForm()
    with runtime().work() as work:
        form.goal_id.choices = _goal_choices(path.read_path(work, current_principal(), str(client_id),
                                                            "guidance")["goals"])
    meeting, problems = form.meeting()
    data = {"goal_id": form.goal_id.data or None, "kind": form.kind.data, "title": form.title.data or "",
            "owner": form.owner.data, "due_date": form.due_date.data, **meeting}
    if _attempt(form, lambda work: path.add_step(work, current_principal(), str(client_id), data), problems):
        return _done(client_id, _("The step was planned."))
    return _page(str(client_id), step_form=form, status=422)


@bp.post("/clients/<uuid:client_id>/path/steps/<uuid:step_id>")
@allow("manager")
def change_step(client_id, step_id):
    """Change a step's status or due date from its row."""
    form = forms.StepStatusForm(prefix=f"step-{step_id}")
    changes = {"status": form.status.data, "due_date": form.due_date.data}
    if _attempt(form, lambda work: path.change_step(work, current_principal(), str(client_id), str(step_id),
                                                    changes)):
        return _done(client_id, _("The step was updated."))
    return _page(str(client_id), row_forms={str(step_id): form}, status=422)


def _step_page(client_id: str, step_id: str, meeting_form=None, status: int = 200):
    with runtime().work() as work:
        history = path.step_history(work, current_principal(), client_id, step_id)
        step = path.step(work, client_id, step_id)
        goals = {g["id"]: g["title"] for g in path.read_path(work, current_principal(), client_id,
                                                              "guidance")["goals"]}
    if meeting_form is None:
        start, end = meetings.local(step["starts_at"]), meetings.local(step["ends_at"])
        meeting_form = forms.MeetingForm(formdata=None, data={
            "meeting_date": start.date() if start else step["due_date"], "start_time": start.time() if start else None,
            "end_time": end.time() if end else None, "place": step["place"], "video_link": step["video_link"],
            "participants": step["participants"]})
    return render_template("intake/path/step.html", client_id=client_id, step=step, history=history,
                           goals=goals, labels=forms.labels(), meeting_form=meeting_form,
                           local=meetings.local), status


@bp.get("/clients/<uuid:client_id>/path/steps/<uuid:step_id>")
@allow("manager")
def step_page(client_id, step_id):
    """Show a step, its meeting (when, where, who) and the history of its changes."""
    return _step_page(str(client_id), str(step_id))


@bp.post("/clients/<uuid:client_id>/path/steps/<uuid:step_id>/meeting")
@allow("manager")
def set_meeting(client_id, step_id):
    """Set or change a step's meeting: its day, times, place or video link and participants."""
    form = forms.MeetingForm()
    meeting, problems = form.meeting()
    if _attempt(form, lambda work: path.change_step(work, current_principal(), str(client_id), str(step_id),
                                                    meeting), problems):
        flash(_("The meeting was saved."), "success")
        return redirect(url_for(".step_page", client_id=client_id, step_id=step_id), code=303)
    return _step_page(str(client_id), str(step_id), form, 422)


@bp.get("/path/occupation-options")
@allow("manager")
def occupation_options():
    """The occupations matching a word, as radio buttons for the goal form (typed-in search)."""
    query = (request.args.get("occupation_query") or "")[:100]
    return render_template("intake/path/_occupations.html", occupations=forms.occupation_options(query, lang()),
                           chosen=None, query=query)


@bp.get("/me/path")
@allow("student")
def my_path():
    """Show the signed-in student their own path: goals, steps and what to do next."""
    with runtime().work() as work:
        view = path.read_path(work, current_principal(), student_client_id(), "own_use")
        upcoming = meeting_handlers.own_meetings(work, current_principal(), student_client_id())
    return render_template("intake/path/mine.html", client=view["client"], goals=view["goals"],
                           steps=view["steps"], labels=forms.labels(), progress=rules.progress(view["steps"]),
                           meetings=upcoming, local=meetings.local,
                           done_form=PageForm(), may_mark=lambda s: rules.student_may_change(s, {"status": "done"}))


@bp.post("/me/path/steps/<uuid:step_id>/done")
@allow("student")
def mark_done(step_id):
    """Mark one of the student's own steps done."""
    if PageForm().validate_on_submit():
        with runtime().work() as work:
            path.change_step(work, current_principal(), student_client_id(), str(step_id), {"status": "done"})
        flash(_("Well done! The step is marked done."), "success")
    else:
        flash(_("The form had expired. Please try again."), "error")
    return redirect(url_for(".my_path"), code=303)


@bp.app_template_global()
def step_late(step) -> bool:
    """Whether a step still to be done is past its due date, by Finland's calendar."""
    return rules.is_late(step, clock.today())


@bp.app_template_global()
def path_card(client, why: str = "guidance") -> dict:
    """What the client card (or the student's own page) shows of the personal path; the read is audited."""
    client_id = getattr(client, "id", None) or client["id"]
    with runtime().work() as work:
        view = path.read_path(work, current_principal(), client_id, why)
    open_steps = [s for s in view["steps"] if s["status"] in ("planned", "in_progress")]
    return {"goals": [g for g in view["goals"] if g["status"] == "active"], "next_steps": open_steps[:5],
            "progress": rules.progress(view["steps"]), "labels": forms.labels()}
