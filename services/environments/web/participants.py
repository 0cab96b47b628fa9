"""Pages of participants: enrolment by a manager, withdrawal, completion, own goals and personal metrics."""
from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from marshmallow import ValidationError

from services.environments.api import schemas as s
from services.environments.context import runtime, work_on, work_on_person
from services.environments.handlers import access as acl
from services.environments.handlers import participants as commands
from services.environments.handlers import queries, views
from services.environments.web import forms as f
from services.environments.web.badges import Urls
from shared.auth import allow, current_principal
from shared.errors import DomainError, NotFound
from shared.web.forms import form_status, refusals_on
from shared.web.peer import client_names

bp = Blueprint("participant_pages", __name__)


def own_names(people) -> dict[str, str]:
    """Names, by participant id, of the signed-in manager's own organisation's clients among `people` (participant
    rows) who have no name in the team, from their intake: the manager sees whom they enrolled, not "Participant 2".
    Empty for anyone else, or when intake does not answer."""
    principal = current_principal()
    nameless = [x for x in people if not x.team_name and x.client_id and principal.organisation
                and x.client_organisation == principal.organisation]
    if not nameless or not principal.has("manager"):
        return {}
    names = client_names("environment", [x.client_id for x in nameless])
    return {str(x.id): names[str(x.client_id)] for x in nameless if str(x.client_id) in names}


def team_labels(principal, access: acl.Access, people, names: dict[str, str]) -> dict[str, str]:
    """How the environment's page shows each participant (`people`, in the team's order), by participant id: their
    name in the team where the reader may see it, else their name for their own manager (`own_names`), else
    "Participant 2" by their place in the team. Every sentence about a participant uses these."""
    shown = {}
    for number, row in enumerate(people, start=1):
        team_name = row.team_name if acl.participant_level(principal, access, row) != acl.SUMMARY else None
        shown[str(row.id)] = team_name or names.get(str(row.id)) or _("Participant %(number)s", number=number)
    return shown


@bp.route("/environments/<uuid:environment_id>/enrol", methods=["GET", "POST"])
@allow("manager")
def enrol(environment_id):
    """Enrol a client of your own organisation into a role."""
    principal = current_principal()
    with runtime().db.session() as session:
        row, access = acl.load_environment(session, principal, environment_id)
        p = views.parts(session, row)
        taken = views.taken_seats(session, row.id)
    choices = [(r.id, _("%(title)s (%(free)s free)", title=r.title, free=max(r.seats - taken.get(r.id, 0), 0)))
               for r in p.roles]
    clients = sorted(client_names("environment").items(), key=lambda item: item[1].casefold())
    form = f.EnrolForm(role_choices=choices, client_choices=clients)
    if form.validate_on_submit():
        with refusals_on(form, f.apply_errors):
            data = f.load_with(s.EnrolIn(), {
                "client_id": f.blank_to_none(form.client_id.data), "role_id": form.role_id.data,
                "team_name": f.blank_to_none(form.team_name.data), "started_on": form.started_on.data,
                "learning_goals": f.blank_to_none(form.learning_goals.data), "gender": f.blank_to_none(
                    form.gender.data)})
            work_on(environment_id, lambda work, principal, row, access:
                    commands.enrol(work, principal, row, access, data))
            flash(_("The participant was enrolled."), "success")
            return redirect(url_for("environment_pages.page", environment_id=environment_id) + "#team", code=303)
    return render_template("environments/enrol.html", form=form, env=row), form_status()


@bp.route("/participants/<uuid:participant_id>/withdraw", methods=["GET", "POST"])
@allow("manager")
def withdraw(participant_id):
    """Record a participant's withdrawal with the reason."""
    principal = current_principal()
    with runtime().db.session() as session:
        person, row, access = commands.load_person(session, principal, participant_id)
    if not commands.may_withdraw(principal, person, access):
        return render_template("errors/403.html"), 403
    form = f.WithdrawForm()
    if form.validate_on_submit():
        with refusals_on(form, f.apply_errors):
            data = f.load_with(s.WithdrawIn(), {"reason": form.reason.data or ""})
            work_on_person(participant_id, lambda work, principal, person, row, access:
                           commands.withdraw(work, principal, person, row, access, data["reason"]))
            flash(_("The withdrawal was recorded."), "success")
            return redirect(url_for("environment_pages.page", environment_id=row.id) + "#team", code=303)
    return render_template("environments/withdraw.html", form=form, env=row, person=person), form_status()


@bp.post("/participants/<uuid:participant_id>/complete")
@allow("manager")
def complete(participant_id):
    """Mark one participant completed."""
    principal = current_principal()
    form = f.WithdrawForm()
    environment_id = None
    if form.validate_on_submit():
        try:
            with runtime().work() as work:
                person, row, access = commands.load_person(work.session, principal, participant_id)
                environment_id = row.id
                commands.complete(work, person, row, access)
            flash(_("The participant completed the project."), "success")
        except DomainError as exc:
            if isinstance(exc, NotFound):
                return render_template("errors/404.html"), 404
            flash(f.reason(exc), "error")
    if environment_id is None:
        return redirect(url_for("environment_pages.front"), code=303)
    return redirect(url_for("environment_pages.page", environment_id=environment_id) + "#team", code=303)


@bp.route("/participants/<uuid:participant_id>", methods=["GET", "POST"])
@allow("manager", "student")
def person_page(participant_id):
    """A participant's own learning goals, and whether they answered intake's personal metrics at the start and the
    end (with the way there)."""
    principal = current_principal()
    with runtime().db.session() as session:
        person, row, access = commands.load_person(session, principal, participant_id)
        data = queries.describe_person(session, principal, person, access, Urls.assertion)
    if data["level"] != acl.FULL:
        return render_template("errors/404.html"), 404
    goals = f.GoalsForm(prefix="goals-", data={"learning_goals": person.learning_goals or ""},
                        own=principal.has("student"))
    status = 200
    if request.method == "POST":
        status = 422
        target = request.form.get("part")
        try:
            if target == "goals" and goals.validate_on_submit():
                loaded = f.load_with(s.GoalsIn(), {"learning_goals": f.blank_to_none(goals.learning_goals.data)})
                work_on_person(participant_id, lambda work, principal, person, row, access:
                               commands.set_goals(work, principal, person, loaded.get("learning_goals")))
                flash(_("The learning goals were saved."), "success")
                return redirect(url_for(".person_page", participant_id=participant_id), code=303)
        except (ValidationError, DomainError) as exc:
            f.apply_errors(goals, exc)
    return render_template("environments/participant.html", env=row, person=data, goals=goals), status
