"""Fairness monitoring for the coordinator and managers: rates by service area, read-only."""
from __future__ import annotations

from flask import Blueprint, render_template, request

from services.matching import fairness
from services.matching.context import lang, runtime
from services.matching.web.forms import FairnessForm
from shared.auth import allow

bp = Blueprint("fairness_pages", __name__)


@bp.get("/fairness")
@allow("coordinator", "manager")
def fairness_page():
    """The month's suggestion and acceptance rates by service area, and the stored months."""
    form = FairnessForm(formdata=request.args)
    period = form.period.data if form.validate() and form.period.data else fairness.current_period()
    with runtime().db.session() as session:
        current = fairness.report(session, period)
        history = fairness.history(session)
    return render_template("matching/fairness.html", form=form, current=current, history=history,
                           areas=fairness.area_names(lang()))
