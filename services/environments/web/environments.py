"""Pages of environments: the front page with filters and the target, an environment's page, its forms."""
from __future__ import annotations

from babel.lists import format_list
from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from marshmallow import ValidationError

from services.environments.api import schemas as s
from services.environments.config import settings
from services.environments.context import lang, runtime, work_on
from services.environments.domain import evaluation, lifecycle, review
from services.environments.handlers import access as acl
from services.environments.handlers import environments as commands
from services.environments.handlers import evaluation as evaluation_handlers
from services.environments.handlers import queries, views
from services.environments.handlers.kept import ahead
from services.environments.handlers.refusals import refused_for, refused_read
from services.environments.web import forms as f
from services.environments.web.participants import own_names, team_labels
from shared import formats
from shared.auth import allow, current_principal
from shared.db import Read
from shared.errors import Conflict, DomainError, Invalid, NotFound
from shared.web.forms import form_status, refusals_on
from shared.web.ui import organisation_name, organisation_names

bp = Blueprint("environment_pages", __name__)
READERS = ("manager", "partner", "coordinator")


def labels() -> dict:
    """Labels the templates show for codes."""
    return {"status": f.STATUS_LABELS, "moves": f.MOVE_LABELS, "participant_status": f.PARTICIPANT_STATUS_LABELS,
            "outcomes": f.OUTCOME_LABELS, "partner_kinds": f.PARTNER_KIND_LABELS, "genders": f.GENDER_LABELS,
            "survey_items": dict(evaluation.SURVEY_ITEMS), "criteria": dict(evaluation.CRITERIA),
            "review_items": dict(review.ITEMS)}


bp.add_app_template_global(labels, "environment_labels")


@bp.get("/")
@allow(*READERS, "student")
def front():
    """The environments you may see, with filters, and the network's progress towards its target."""
    principal = current_principal()
    if principal.has("student") and not principal.has(*READERS):
        return redirect(url_for("survey_pages.my_surveys"), code=303)
    query = {k: v for k, v in request.args.items() if k in ("status", "service_area", "field", "partner_id") and v}
    try:
        query = s.EnvironmentQuery().load(query)
    except ValidationError:
        query = {}
    with runtime().db.session() as session:
        found = queries.list_environments(session, principal, query, lang())
        reached = queries.progress(session, settings().target)
        partner_options = queries.partner_names(session)
    return render_template("environments/list.html", environments=found, progress=reached, query=query,
                           areas=f.area_choices(_("All areas")), fields=f.field_choices(),
                           partner_options=partner_options)


def _environment_form(session, row=None) -> f.EnvironmentForm:
    choices = queries.partner_choices(session)
    partner_options = [(p["id"], p["name"]) for p in choices]
    need_options = [(n["id"], f"{p['name']}: {n['title']}") for p in choices for n in p["needs"]]
    if row is not None:
        p = views.parts(session, row)
        need_options += [(n.need_id, n.title) for n in p.needs if n.need_id not in {o[0] for o in need_options}]
        data = {k: getattr(row, k) for k in ("name", "description", "municipality", "service_area", "starts_on",
                                             "ends_on", "capacity", "learning_goals")}
        data.update(fields_of_education=row.fields_of_education or [], partner_ids=[x.partner_id for x in p.partners],
                    need_ids=[n.need_id for n in p.needs],
                    institutions=[i for i in row.institutions or [] if i != row.host_organisation])
        return f.EnvironmentForm(data=data, partner_choices=partner_options, need_choices=need_options,
                                 institution_choices=_institutions(row.host_organisation, row.institutions))
    return f.EnvironmentForm(partner_choices=partner_options, need_choices=need_options,
                             institution_choices=_institutions(current_principal().organisation, []))


def _institutions(host: str | None, chosen) -> list[tuple[str, str]]:
    """The organisations that may take part besides the host, by name (and any chosen before, known or not)."""
    names = organisation_names()
    codes = {c for c in names if c != host} | {c for c in chosen or [] if c != host}
    return sorted(((c, organisation_name(c)) for c in codes), key=lambda pair: pair[1].casefold())


@bp.route("/environments/new", methods=["GET", "POST"])
@allow("manager")
def new():
    """Draft a new environment hosted by your organisation."""
    with runtime().db.session() as session:
        form = _environment_form(session)
    if form.validate_on_submit():
        with refusals_on(form, f.apply_errors):
            data = f.load_with(s.EnvironmentCreate(), form.data_for_api())
            with runtime().work() as work:
                environment_id = commands.create_environment(work, current_principal(), data)
            flash(_("The environment was drafted. Add its roles and go through the gender-neutral review."),
                  "success")
            return redirect(url_for(".page", environment_id=environment_id), code=303)
    return render_template("environments/form.html", form=form, row=None), form_status()


@bp.route("/environments/<uuid:environment_id>/edit", methods=["GET", "POST"])
@allow("manager")
def edit(environment_id):
    """Change an environment's details and partners."""
    principal = current_principal()
    with runtime().db.session() as session:
        row, access = acl.load_environment(session, principal, environment_id)
        form = _environment_form(session, row)
    if not access.edit:
        return render_template("errors/403.html"), 403
    if form.validate_on_submit():
        with refusals_on(form, f.apply_errors):
            data = f.load_with(s.EnvironmentIn(), form.data_for_api())
            work_on(environment_id, lambda work, principal, row, access:
                    commands.update_environment(work, principal, row, access, data))
            flash(_("The changes were saved."), "success")
            return redirect(url_for(".page", environment_id=environment_id), code=303)
    return render_template("environments/form.html", form=form, row=row), form_status()


@bp.get("/environments/<uuid:environment_id>")
@allow(*READERS, "student")
def page(environment_id):
    """An environment: roles, team, checklist, language warnings, evaluations and outcomes."""
    principal = current_principal()
    with runtime().db.session() as session:
        row, access = acl.load_environment(session, principal, environment_id)
        shown = _sections(access)
        ahead(session, _reads(principal, row, access, shown))  # every read below in one round trip
        # each read once for the description, the team, the assessments, the outcomes and the reminders
        known = views.parts(session, row)
        people = views.team_rows(session, row.id)
        given = views.assessments_of(session, row.id)
        found = views.outcomes_of(session, row.id) if shown["outcomes"] else None
        data = views.describe(session, principal, row, access, lang(), known, people)
        extra = {
            "assessments": queries.visible_assessments(session, principal, row, access, people, given),
            "outcomes": queries.outcomes_for(session, row, access, found) if found is not None else [],
            "reminders": _own_reminders(access, evaluation_handlers.reminders_for(
                session, row, known, people=people, given=given, outcomes=found)) if shown["reminders"] else [],
            "survey_averages": evaluation_handlers.survey_averages(session, row.id)
            if shown["survey_averages"] else None,
            "assessment_summary": evaluation_handlers.assessment_summary(session, row.id)
            if shown["assessment_summary"] else None,
            "refused": refused_for(session, principal, row, access),
            "assessed": queries.assessed_by(session, row, access.partner_ids) if shown["assessed"] else set(),
        }
    names = own_names(people)
    return render_template("environments/page.html", env=data, access=access, moves=move_forms(row, access),
                           names=names, shown=team_labels(principal, access, people, names), **extra)


def _own_reminders(access: acl.Access, found: list[dict]) -> list[dict]:
    """What is missing, as its reader may see it: a partner is reminded only of its own assessments (whether a
    student answered their survey or their metrics is not a partner's to know), as on its list of environments."""
    if access.edit or access.coordinator:
        return found
    return [r for r in found if r.get("partner_id") in access.partner_ids]


def _sections(access: acl.Access) -> dict[str, bool]:
    """Which of the environment page's sections with rows of their own the reader sees."""
    return {"outcomes": not access.student or access.enrol,
            "reminders": access.edit or access.coordinator or access.assess,
            "survey_averages": access.edit or access.coordinator,
            "assessment_summary": access.coordinator and not (access.edit or access.assess),
            "assessed": access.assess}


def _reads(principal, row, access: acl.Access, shown: dict[str, bool]) -> list[Read | None]:
    """What the environment page reads after the environment and the reader's access (`_sections`), with the
    values each of its readers gives (a read missing here is made when asked, one more round trip)."""
    ids = [row.id]
    return [views.roles_read(ids), views.partners_read(ids), views.needs_read(ids), views.review_read(ids),
            views.team_read(row.id), views.assessments_read(row.id),
            views.outcomes_read(row.id) if shown["outcomes"] else None,
            evaluation_handlers.surveyed_read(ids) if shown["reminders"] else None,
            evaluation_handlers.phases_read(ids) if shown["reminders"] else None,
            evaluation_handlers.survey_answers_read(row.id) if shown["survey_averages"] else None,
            evaluation_handlers.assessment_scores_read(row.id) if shown["assessment_summary"] else None,
            refused_read(principal, row, access),
            queries.assessed_by_read(row, access.partner_ids) if shown["assessed"] else None]


def move_forms(row, access: acl.Access) -> dict:
    """The forms of the environment's next moves, by their target: for the host's managers only, the one reader
    the page shows them to (WTForms building and binding them was ~9 % of the page for every reader)."""
    if not access.edit:
        return {}
    return {target: (f.CancelForm if target == lifecycle.CANCELLED else f.MoveForm)(to=target)
            for target in lifecycle.next_moves(row.status)}


@bp.post("/environments/<uuid:environment_id>/move")
@allow("manager")
def move(environment_id):
    """Move the environment to its next status; a refusal says why."""
    form = f.MoveForm()
    if form.validate_on_submit():
        try:
            work_on(environment_id, lambda work, principal, row, access:
                    commands.move(work, principal, row, access, form.to.data, f.blank_to_none(form.reason.data),
                                  form.on.data))
            flash(_("The environment is now: %(status)s.", status=f.STATUS_LABELS.get(form.to.data, form.to.data)),
                  "success")
        except DomainError as exc:
            if isinstance(exc, NotFound):
                return render_template("errors/404.html"), 404
            busy = isinstance(exc, Conflict) and exc.reason == lifecycle.BUSY_ELSEWHERE
            flash(_busy_elsewhere(environment_id) if busy else f.reason(exc), "error")
    elif form.on.errors:
        flash(f"{_('Date')}: {form.on.errors[0]}", "error")
    return redirect(url_for(".page", environment_id=environment_id), code=303)


def _busy_elsewhere(environment_id) -> str:
    """Why the environment may not start, naming the enrolled students already in another running environment as
    the page shows them to the manager (`team_labels`)."""
    principal = current_principal()
    with runtime().db.session() as session:
        row, access = acl.load_environment(session, principal, environment_id)
        people = views.team_rows(session, row.id)
        busy = commands.busy_elsewhere(session, row.id)
        named = [x for x in people if x.status == "enrolled" and (x.client_id, x.client_organisation) in busy]
        views.log_team_read(session, principal, access, row.id, named)  # as the page logs the team it shows
    shown = team_labels(principal, access, people, own_names(named))
    return ngettext("%(names)s already takes part in another running environment.",
                    "%(names)s already take part in another running environment.", len(named),
                    names=format_list([shown[str(x.id)] for x in named], locale=formats.locale()))


@bp.route("/environments/<uuid:environment_id>/review", methods=["GET", "POST"])
@allow("manager", "partner", "coordinator")
def review_page(environment_id):
    """The gender-neutral review: the checklist and the language check."""
    principal = current_principal()
    with runtime().db.session() as session:
        row, access = acl.load_environment(session, principal, environment_id)
        p = views.parts(session, row)
        state = views.describe_review(p)
        findings = p.findings
    form = f.ReviewForm(data={"items": [{"item": i["item"], "checked": i["checked"], "note": i["note"] or ""}
                                        for i in state["items"]]})
    if request.method == "POST":
        if not access.edit:
            return render_template("errors/403.html"), 403
        if form.validate_on_submit():
            items = [{"item": e.form.item.data, "checked": bool(e.form.checked.data),
                      "note": f.blank_to_none(e.form.note.data)} for e in form["items"].entries]
            try:
                data = s.ReviewIn().load({"items": items})
                work_on(environment_id, lambda work, principal, row, access:
                        commands.save_review(work, principal, row, access, data["items"]))
                flash(_("The review was saved."), "success")  # back to the environment, where it goes on
                return redirect(url_for(".page", environment_id=environment_id), code=303)
            except (ValidationError, DomainError) as exc:
                if isinstance(exc, Invalid):
                    problems = exc.fields.get("items", {})
                    for index, nested in (problems.items() if isinstance(problems, dict) else []):
                        f.show_problems(form["items"].entries[int(index)].form, nested)
                    if not isinstance(problems, dict) or "_schema" in problems:
                        f.apply_errors(form, exc)
                else:
                    f.apply_errors(form, exc)
    return render_template("environments/review.html", env=row, state=state, form=form, findings=findings,
                           access=access), form_status()


def _role_form(role=None):
    if role is None:
        return f.RoleForm()
    data = {"title": role.title, "description": role.description, "seats": role.seats, "fields": role.fields or [],
            "skills": [{"skill": views.skill_label(x["uri"], lang()), "level": str(x["level"])}
                       for x in role.skills or []]}
    form = f.RoleForm(data=data)
    while len(form.skills.entries) < max(f.SKILL_ROWS, len(role.skills or []) + 1):
        form.skills.append_entry()
    return form


@bp.route("/environments/<uuid:environment_id>/roles/new", methods=["GET", "POST"])
@bp.route("/environments/<uuid:environment_id>/roles/<uuid:role_id>/edit", methods=["GET", "POST"])
@allow("manager")
def role_form(environment_id, role_id=None):
    """Add or change a role: its title, seats, fields of education and wanted skills."""
    principal = current_principal()
    with runtime().db.session() as session:
        row, access = acl.load_environment(session, principal, environment_id)
        role = commands.role_row(session, row.id, role_id) if role_id else None
    if not access.edit:
        return render_template("errors/403.html"), 403
    form = _role_form(role)
    if form.validate_on_submit():
        data, skill_problems = form.data_for_api()
        with refusals_on(form, f.apply_errors):
            if skill_problems:
                raise ValidationError(skill_problems)
            data = f.load_with(s.RoleIn(), data)
            if role_id:
                work_on(environment_id, lambda work, _principal, row, access:
                        commands.update_role(work, row, access, role_id, data))
            else:
                work_on(environment_id, lambda work, _principal, row, access:
                        commands.add_role(work, row, access, data))
            flash(_("The role was saved."), "success")
            return redirect(url_for(".page", environment_id=environment_id) + "#roles", code=303)
    return render_template("environments/role_form.html", form=form, env=row, role=role), form_status()


@bp.post("/environments/<uuid:environment_id>/roles/<uuid:role_id>/delete")
@allow("manager")
def role_delete(environment_id, role_id):
    """Remove a role nobody has taken part in."""
    form = f.MoveForm()
    if form.validate_on_submit():
        try:
            work_on(environment_id, lambda work, _principal, row, access:
                    commands.delete_role(work, row, access, role_id))
            flash(_("The role was removed."), "success")
        except DomainError as exc:
            flash(f.reason(exc), "error")
    return redirect(url_for(".page", environment_id=environment_id) + "#roles", code=303)
