"""The needs assessment pages of a manager: record a client's needs, change their priority and status."""
from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from wtforms import RadioField, SelectField, TextAreaField
from wtforms.validators import InputRequired, Length, Optional

from services.intake.config import settings
from services.intake.context import runtime
from services.intake.domain import sensitive
from services.intake.domain.needs import DESCRIPTION_MAX
from services.intake.handlers import needs as assessment
from services.intake.web.commands import run_for_form
from shared.auth import allow, current_principal
from shared.web.forms import PageForm, choices

bp = Blueprint("needs_pages", __name__)

CATEGORY_LABELS = {
    "guidance_in_choosing": _l("Guidance in choosing education or work"),
    "work_experience": _l("Work experience"),
    "job_search_skills": _l("Job-search skills"),
    "language": _l("Language skills"),
    "everyday_life_and_wellbeing": _l("Everyday life and wellbeing"),
    "study_difficulties": _l("Difficulties in studying"),
    "housing": _l("Housing"),
    "finances": _l("Finances"),
    "health": _l("Health"),
    "other": _l("Other need"),
}
PRIORITY_LABELS = {1: _l("High"), 2: _l("Medium"), 3: _l("Low")}
STATUS_LABELS = {"open": _l("Open"), "met": _l("Met"), "dropped": _l("Dropped")}


class NeedForm(PageForm):
    category = SelectField(_l("Need"), choices=choices([("", _l("Choose a need")), *CATEGORY_LABELS.items()]),
                           validators=[InputRequired(_l("Choose a need."))])
    priority = RadioField(_l("Priority"), choices=choices(PRIORITY_LABELS), coerce=int, default=2,
                          validators=[InputRequired(_l("Choose a priority."))])
    description = TextAreaField(_l("Description"), validators=[Optional(), Length(max=DESCRIPTION_MAX)],
                                description=_l("What the client needs, in your own words. No health details "
                                               "beyond what the service needs."))


class NeedStatusForm(PageForm):
    priority = SelectField(_l("Priority"), choices=choices(PRIORITY_LABELS), coerce=int)
    status = SelectField(_l("Status"), choices=choices(STATUS_LABELS),
                         validators=[InputRequired()])


def need_form() -> NeedForm:
    """The form of a new need, offering only the categories this member records (health-related ones may be off)."""
    form = NeedForm()
    offered = sensitive.offered_categories(settings(runtime().config).disabled_need_categories)
    form.category.choices = choices([("", _l("Choose a need")), *((c, CATEGORY_LABELS[c]) for c in offered)])
    return form


def _status_forms(needs: list[dict]) -> dict:
    return {n["id"]: NeedStatusForm(prefix=f"need-{n['id']}", formdata=None, data=n) for n in needs}


def _page(client_id: str, form: NeedForm | None = None, status: int = 200,
          status_forms: dict | None = None):
    with runtime().work() as work:
        view = assessment.needs_view(work, current_principal(), client_id, "guidance")
    needs = view["needs"]
    forms = _status_forms(needs)
    forms.update(status_forms or {})
    return render_template("intake/needs/page.html", client=view["client"], needs=needs, form=form or need_form(),
                           status_forms=forms, labels=labels(), health_related=sensitive.HEALTH_RELATED_NEEDS), status


@bp.get("/clients/<uuid:client_id>/needs")
@allow("manager")
def needs_page(client_id):
    """Show a client's needs assessment."""
    return _page(str(client_id))


@bp.post("/clients/<uuid:client_id>/needs")
@allow("manager")
def add_need(client_id):
    """Record a need from the form."""
    form = need_form()
    if form.validate_on_submit() and run_for_form(form, lambda work: assessment.add_need(
            work, current_principal(), str(client_id), form.category.data, form.priority.data, form.description.data)):
        flash(_("The need was recorded."), "success")
        return redirect(url_for(".needs_page", client_id=client_id), code=303)
    return _page(str(client_id), form, 422)


@bp.post("/clients/<uuid:client_id>/needs/<uuid:need_id>")
@allow("manager")
def change_need(client_id, need_id):
    """Change a need's priority or status from its row."""
    form = NeedStatusForm(prefix=f"need-{need_id}")
    if form.validate_on_submit():
        with runtime().work() as work:
            assessment.change_need(work, current_principal(), str(client_id), str(need_id),
                             {"priority": form.priority.data, "status": form.status.data})
        flash(_("The need was updated."), "success")
        return redirect(url_for(".needs_page", client_id=client_id), code=303)
    return _page(str(client_id), status=422, status_forms={str(need_id): form})


@bp.post("/clients/<uuid:client_id>/needs/<uuid:need_id>/removal")
@allow("manager")
def remove_need(client_id, need_id):
    """Remove a need recorded by mistake."""
    form = PageForm()
    if form.validate_on_submit():
        with runtime().work() as work:
            assessment.remove_need(work, current_principal(), str(client_id), str(need_id))
        flash(_("The need was removed."), "success")
    else:
        flash(_("The form had expired. Please try again."), "error")
    return redirect(url_for(".needs_page", client_id=client_id), code=303)


def labels() -> dict:
    """The labels of categories, priorities and statuses, for templates."""
    return {"category": CATEGORY_LABELS, "priority": PRIORITY_LABELS, "status": STATUS_LABELS}


@bp.app_template_global()
def needs_card(client) -> dict:
    """What the client card shows of the needs assessment (the read is audited)."""
    client_id = getattr(client, "id", None) or client["id"]
    with runtime().work() as work:
        needs = assessment.list_needs(work, current_principal(), client_id, "guidance")
    return {"needs": needs, "open": [n for n in needs if n["status"] == "open"], "labels": labels()}
