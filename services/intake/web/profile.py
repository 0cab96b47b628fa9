"""Competence profile pages: a manager fills in a client's profile, a student their own."""
from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from services.intake.context import lang, runtime, student_client_id
from services.intake.domain.profile import Availability
from services.intake.handlers import profile
from services.intake.web import profile_forms as forms
from services.intake.web.commands import run_for_form
from shared.auth import allow, current_principal
from shared.reference import municipalities
from shared.web.forms import PageForm

bp = Blueprint("profile_pages", __name__)


def _urls(client_id: str | None) -> dict:
    """Where the page's forms post: a manager's pages of a client, or the student's own.

    The client card and the student's own page belong to the clients area: linked by their stable paths.
    """
    if client_id is None:
        return {"page": url_for(".my_profile"), "availability": url_for(".save_my_availability"),
                "skills": url_for(".add_my_skill"),
                "skill": lambda e: url_for(".change_my_skill", entry_id=e),
                "removal": lambda e: url_for(".remove_my_skill", entry_id=e), "back": f"{request.script_root}/me"}
    return {"page": url_for(".profile_page", client_id=client_id),
            "availability": url_for(".save_availability", client_id=client_id),
            "skills": url_for(".add_skill", client_id=client_id),
            "skill": lambda e: url_for(".change_skill", client_id=client_id, entry_id=e),
            "removal": lambda e: url_for(".remove_skill", client_id=client_id, entry_id=e),
            "back": f"{request.script_root}/clients/{client_id}"}


def _options(form: forms.SkillForm, action: str | None) -> list[dict]:
    """Skills to choose from: typed-word matches, or those offered for the free text; the chosen one kept.

    A save refused for want of a choice offers the free text's skills again (not an empty list to start over).
    """
    options = []
    if form.free_text.data and (action == "suggest" or not form.skill_query.data):
        options = profile.suggest_skills(form.free_text.data, None, lang())
    elif form.skill_query.data:
        options = profile.search_skills(form.skill_query.data, lang())
    chosen = form.skill_uri.data
    if chosen and profile.is_skill(chosen) and chosen not in {o["uri"] for o in options}:
        options.insert(0, {"uri": chosen, "label": profile.skill_label(chosen, lang())})
    return options


def _page(client_id: str, mine: bool, *, availability_form=None, skill_form=None, action=None, status=200):
    with runtime().work() as work:
        view = profile.profile_view(work, current_principal(), client_id,
                                    "own_use" if mine else "guidance")
    stored: Availability = view["availability"]
    if availability_form is None:
        availability_form = forms.AvailabilityForm(formdata=None, data=stored.__dict__)
    availability_form.fill_choices(lang(), stored)
    skill_form = skill_form or forms.SkillForm(formdata=None)
    skills = [{**s, "label": profile.skill_label(s["skill_uri"], lang()),
               "form": forms.SkillLevelForm(prefix=f"skill-{s['id']}", formdata=None, data=s)}
              for s in view["skills"]]
    return render_template("intake/profile/page.html", client=view["client"], mine=mine, skills=skills,
                           availability_form=availability_form, skill_form=skill_form,
                           options=_options(skill_form, action), labels=forms.labels(), remove_form=PageForm(),
                           urls=_urls(None if mine else client_id)), status


def _save_availability(client_id: str, mine: bool):
    form = forms.AvailabilityForm()
    form.fill_choices(lang())
    if form.validate_on_submit():
        value = Availability(hours_per_week=form.hours_per_week.data, available_from=form.available_from.data,
                             available_until=form.available_until.data, work_types=tuple(form.work_types.data),
                             municipalities=tuple(form.municipalities.data),
                             service_areas=tuple(form.service_areas.data),
                             driving_licence=form.driving_licence.data, languages=tuple(form.languages.data))
        if run_for_form(form, lambda work: profile.save_availability(work, current_principal(), client_id, value)):
            flash(_("The profile was saved."), "success")
            return redirect(_urls(None if mine else client_id)["page"], code=303)
    return _page(client_id, mine, availability_form=form, status=422)


def _add_skill(client_id: str, mine: bool):
    form = forms.SkillForm()
    action = request.form.get("action")
    if action in ("search", "suggest"):
        return _page(client_id, mine, skill_form=form, action=action)
    if form.validate_on_submit():
        if not form.skill_uri.data:
            form.skill_uri.errors = [*form.skill_uri.errors, _("Find the skill and choose it from the list.")]
        elif run_for_form(form, lambda work: profile.add_skill(work, current_principal(), client_id,
                                                                form.skill_uri.data, form.level.data,
                                                                form.evidence.data, form.evidence_ref.data)):
            flash(_("The skill was added."), "success")
            return redirect(_urls(None if mine else client_id)["page"], code=303)
    return _page(client_id, mine, skill_form=form, status=422)


def _change_skill(client_id: str, mine: bool, entry_id: int):
    form = forms.SkillLevelForm(prefix=f"skill-{entry_id}")
    if form.validate_on_submit():
        with runtime().work() as work:
            profile.change_skill(work, current_principal(), client_id, entry_id, {"level": form.level.data})
        flash(_("The level was changed."), "success")
    return redirect(_urls(None if mine else client_id)["page"], code=303)


def _remove_skill(client_id: str, mine: bool, entry_id: int):
    if PageForm().validate_on_submit():
        with runtime().work() as work:
            profile.remove_skill(work, current_principal(), client_id, entry_id)
        flash(_("The skill was removed."), "success")
    return redirect(_urls(None if mine else client_id)["page"], code=303)


@bp.get("/clients/<uuid:client_id>/profile")
@allow("manager")
def profile_page(client_id):
    """Show a client's competence profile with forms to change it."""
    return _page(str(client_id), False)


@bp.post("/clients/<uuid:client_id>/profile")
@allow("manager")
def save_availability(client_id):
    """Save a client's availability, wanted work, places, languages and licence."""
    return _save_availability(str(client_id), False)


@bp.post("/clients/<uuid:client_id>/profile/skills")
@allow("manager")
def add_skill(client_id):
    """Add a skill to a client's profile, or find skills to choose from."""
    return _add_skill(str(client_id), False)


@bp.post("/clients/<uuid:client_id>/profile/skills/<int:entry_id>")
@allow("manager")
def change_skill(client_id, entry_id):
    """Change the level of a skill in a client's profile."""
    return _change_skill(str(client_id), False, entry_id)


@bp.post("/clients/<uuid:client_id>/profile/skills/<int:entry_id>/removal")
@allow("manager")
def remove_skill(client_id, entry_id):
    """Remove a skill from a client's profile."""
    return _remove_skill(str(client_id), False, entry_id)


@bp.get("/me/profile")
@allow("student")
def my_profile():
    """Show the student's own competence profile."""
    return _page(student_client_id(), True)


@bp.post("/me/profile")
@allow("student")
def save_my_availability():
    """Save the student's own availability and wishes."""
    return _save_availability(student_client_id(), True)


@bp.post("/me/profile/skills")
@allow("student")
def add_my_skill():
    """Add a skill to the student's own profile, or find skills to choose from."""
    return _add_skill(student_client_id(), True)


@bp.post("/me/profile/skills/<int:entry_id>")
@allow("student")
def change_my_skill(entry_id):
    """Change the level of a skill in the student's own profile."""
    return _change_skill(student_client_id(), True, entry_id)


@bp.post("/me/profile/skills/<int:entry_id>/removal")
@allow("student")
def remove_my_skill(entry_id):
    """Remove a skill from the student's own profile."""
    return _remove_skill(student_client_id(), True, entry_id)


@bp.get("/profile/skill-options")
@allow("manager", "student")
def skill_options():
    """Skills matching the typed word, as radio buttons for the skill form (as you type)."""
    query = (request.args.get("skill_query") or "")[:100]
    return render_template("intake/profile/_options.html", options=profile.search_skills(query, lang()),
                           chosen=None, query=query)


@bp.app_template_global()
def profile_card(client, why: str = "guidance") -> dict:
    """What the client card (or the student's own page) shows of the profile; the read is audited."""
    client_id = getattr(client, "id", None) or client["id"]
    with runtime().work() as work:
        view = profile.profile_view(work, current_principal(), client_id, why)
    skills = [{**s, "label": profile.skill_label(s["skill_uri"], lang())} for s in view["skills"]]
    names = place_names()
    availability = view["availability"]
    places = [names["municipality_names"].get(c, c) for c in availability.municipalities] + \
        [names["area_names"].get(a, a) for a in availability.service_areas]
    return {"availability": availability, "skills": skills, "labels": forms.labels(), "places": places}


def place_names() -> dict:
    """Names of municipalities and service areas in the UI language, by code and slug."""
    return {"municipality_names": {m.code: m.name(lang()) for m in municipalities.all()},
            "area_names": {slug: a.name(lang()) for slug, a in municipalities.service_areas().items()}}
