"""Pages for outcomes: the service manager records a client's transition to education, work or other."""
from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, DateField, HiddenField, SelectField, StringField
from wtforms.validators import Optional

from services.intake.api.outcomes import OutcomeIn
from services.intake.context import lang, runtime
from services.intake.domain.outcomes import KINDS, WORK_FORMS
from services.intake.handlers import outcomes
from services.intake.handlers.access import load_client, may_see
from services.intake.web.partner_forms import blank_to_none
from shared import formats
from shared.auth import allow, current_principal
from shared.reference import education
from shared.web.forms import PageForm, choices, form_status, refusals_on
from shared.web.ui import safe_next

bp = Blueprint("outcome_pages", __name__)

KIND_LABELS = {"education": _l("Started education"), "work": _l("Work"), "apprenticeship": _l("Apprenticeship"),
               "other": _l("Other")}
WORK_FORM_LABELS = {"part_time": _l("Part-time"), "full_time": _l("Full-time"), "short": _l("Short employment"),
                    "fixed_term": _l("Fixed-term")}


class OutcomeForm(PageForm):
    """A client's transition."""
    kind = SelectField(_l("Transition"), choices=choices((k, KIND_LABELS[k]) for k in KINDS))
    description = StringField(_l("Which education or work"),
                              description=_l("For example the qualification, the school or the employer's field."))
    field_of_education = SelectField(_l("Field of education"), validate_choice=False)
    qualification = BooleanField(_l("Gained a qualification"))
    work_form = SelectField(_l("Form of work"), validate_choice=False)
    hidden_job = BooleanField(_l("Hidden job (never publicly advertised)"))
    started_on = DateField(_l("Started on"), validators=[Optional()])
    ended_on = DateField(_l("Ended on"), validators=[Optional()])
    via_environment_id = SelectField(_l("Through a project learning environment"), validate_choice=False)
    via_suggestion_id = SelectField(_l("Through a suggestion"), validate_choice=False)
    next = HiddenField()

    def __init__(self, *args, origins=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        origins = origins or {"environments": [], "suggestions": []}
        self.via_environment_id.choices = choices([("", _("– none –"))] + [
            (env_id, name or _("an environment without a name")) for env_id, name in origins["environments"]])
        self.via_suggestion_id.choices = choices([("", _("– none –"))] + [
            (sid, _("%(target)s, suggested on %(date)s", target=title or (
                _("a role in an environment") if kind == "environment_role" else _("a competence need")),
                date=formats.date(made) if made else "–"))
            for sid, title, kind, made in origins["suggestions"]])
        self.field_of_education.choices = choices([("", _("– none –"))] + [
            (f.code, f"{f.code} {f.name(lang())}") for f in education.all()])
        self.work_form.choices = choices([("", _("– none –"))] + [(w, WORK_FORM_LABELS[w]) for w in WORK_FORMS])


@bp.route("/clients/<uuid:client_id>/outcomes/new", methods=["GET", "POST"])
@allow("manager")
def record(client_id):
    """Record a client's transition."""
    principal = current_principal()
    with runtime().work() as work:
        client = load_client(work, principal, client_id, what="client_name", why="guidance")
        origins = outcomes.origins_of(work.session, client.id)
    form = OutcomeForm(origins=origins)
    if request.method == "GET":
        form.next.data = safe_next(request.args.get("next")) or ""
    if form.validate_on_submit():
        data = {name: blank_to_none(getattr(form, name).data) for name in outcomes.FIELDS}
        data["hidden_job"], data["qualification"] = bool(form.hidden_job.data), bool(form.qualification.data)
        for key in ("started_on", "ended_on"):
            data[key] = data[key].isoformat() if data[key] else None
        with refusals_on(form):
            loaded = OutcomeIn().load({k: v for k, v in data.items() if v is not None})
            with runtime().work() as work:
                outcomes.record_outcome(work, principal, client.id, loaded, lang())
            flash(_("The outcome was recorded."), "success")
            return redirect(safe_next(form.next.data) or request.script_root + "/", code=303)
    return render_template("intake/outcomes/form.html", form=form, client=client), form_status()


def _client_outcomes(client) -> list:
    """A client's outcomes for the client card (the card has read the client already)."""
    if client is None or not may_see(current_principal(), client):
        return []
    with runtime().db.session() as session:
        return outcomes.outcomes_of(session, client.id, lang())


bp.add_app_template_global(_client_outcomes, "outcomes_of_client")
bp.add_app_template_global(lambda: {"kinds": KIND_LABELS, "work_forms": WORK_FORM_LABELS}, "outcome_labels")
