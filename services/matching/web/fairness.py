"""Fairness monitoring for the coordinator and managers: rates by service area, read-only."""
from __future__ import annotations

from flask import Blueprint, render_template, request

from services.matching.context import lang, runtime
from services.matching.handlers import fairness
from services.matching.web.forms import FairnessForm
from shared.auth import allow

bp = Blueprint("fairness_pages", __name__)


@bp.get("/fairness")
@allow("coordinator", "manager")
def fairness_page():
    """The month's suggestion and acceptance rates by service area, and the stored months."""
    form = FairnessForm(formdata=request.args)
    period = form.period.data if form.validate() else None
    with runtime().db.session() as session:
        rates = fairness.overview(session, period)
    return render_template("matching/fairness.html", form=form, **rates, areas=fairness.area_names(lang()))
