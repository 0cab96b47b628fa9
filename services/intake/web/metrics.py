"""Personal metrics pages: the student's questionnaire, and the chart of change on the client's pages."""
from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from wtforms import RadioField
from wtforms.validators import InputRequired, Optional

from services.intake.context import lang, runtime, student_client_id
from services.intake.domain.metrics import PHASES, Canvas
from services.intake.handlers import metrics
from services.intake.web.commands import run_for_form
from shared.auth import allow, current_principal
from shared.web.forms import PageForm, choices

bp = Blueprint("metrics_pages", __name__)

PHASE_LABELS = {"start": _l("At the start"), "during": _l("During"), "end": _l("At the end")}


def questionnaire(scales, phase: str) -> PageForm:
    """A form with the phase and one 1–5 question per scale in use (answers_<key>)."""
    class Questionnaire(PageForm):
        phase = RadioField(_l("When are you answering?"), choices=choices(PHASE_LABELS), default="start",
                           validators=[InputRequired(_l("Choose when you are answering."))])

    for scale in scales:
        setattr(Questionnaire, f"answers_{scale.key}", RadioField(
            scale.label(lang()), coerce=int, validators=[Optional()],
            choices=choices((v, str(v)) for v in range(scale.minimum, scale.maximum + 1)),
            description=_l("%(low)s = not true at all, %(high)s = completely true", low=scale.minimum,
                           high=scale.maximum)))
    form = Questionnaire()
    if not form.is_submitted():
        form.phase.data = phase
    return form


def _answers(form, scales) -> dict[str, int]:
    return {s.key: form[f"answers_{s.key}"].data for s in scales if form[f"answers_{s.key}"].data is not None}


def _next_phase(answers) -> str:
    return "during" if answers else "start"


def _record(client_id: str) -> tuple[bool, PageForm]:
    """Record the posted questionnaire: at the start or the end, of the client's current environment, if any."""
    with runtime().db.session() as session:
        scales = metrics.scales(session)
    form = questionnaire(scales, "start")
    if not form.validate_on_submit():
        return False, form
    answers = _answers(form, scales)
    with runtime().db.session() as session:
        context = metrics.current_environment(session, client_id, form.phase.data)
    done = run_for_form(form, lambda work: metrics.record_answers(work, current_principal(), client_id,
                                                                   form.phase.data, answers, context))
    return done, form


def _render(template: str, client_id: str, why: str, form=None, status: int = 200):
    with runtime().work() as work:
        view = metrics.metrics_view(work, current_principal(), client_id, why, lang())
    form = form or questionnaire(view["scales"], _next_phase(view["answers"]))
    return render_template(template, client=view["client"], charts=view["charts"], form=form,
                           scale_fields=[form[f"answers_{s.key}"] for s in view["scales"]],
                           phases=PHASE_LABELS, canvas=Canvas()), status


@bp.get("/clients/<uuid:client_id>/metrics")
@allow("manager")
def metrics_page(client_id):
    """Show a client's personal metrics as a chart, with a form to record answers on their behalf."""
    return _render("intake/metrics/page.html", str(client_id), "guidance")


@bp.post("/clients/<uuid:client_id>/metrics")
@allow("manager")
def record_for_client(client_id):
    """Record a questionnaire the client answered with the manager."""
    saved, form = _record(str(client_id))
    if saved:
        flash(_("The answers were recorded."), "success")
        return redirect(url_for(".metrics_page", client_id=client_id), code=303)
    return _render("intake/metrics/page.html", str(client_id), "guidance", form, 422)


@bp.get("/me/metrics")
@allow("student")
def my_metrics():
    """Show the student's questionnaire and how their answers have changed."""
    return _render("intake/metrics/mine.html", student_client_id(), "own_use")


@bp.post("/me/metrics")
@allow("student")
def answer():
    """Store the student's answers to the questionnaire."""
    saved, form = _record(student_client_id())
    if saved:
        flash(_("Thank you! Your answers were saved."), "success")
        return redirect(url_for(".my_metrics"), code=303)
    return _render("intake/metrics/mine.html", student_client_id(), "own_use", form, 422)


@bp.app_template_global()
def metrics_card(client, why: str = "guidance") -> dict:
    """What the client card (or the student's own page) shows of the metrics: the chart; the read is audited."""
    client_id = getattr(client, "id", None) or client["id"]
    with runtime().work() as work:
        view = metrics.metrics_view(work, current_principal(), client_id, why, lang())
    return {"charts": view["charts"], "phases": PHASE_LABELS, "canvas": Canvas(), "phase_order": PHASES}
