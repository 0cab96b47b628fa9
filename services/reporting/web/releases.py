"""The coordinator's open-data page: build a draft release of an ended period, review it, publish it."""
from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from wtforms import SelectField

from services.reporting.config import settings
from services.reporting.context import lang, runtime
from services.reporting.domain.release import DIMENSIONS, MIN_SLICE
from services.reporting.handlers import releases
from services.reporting.web import panels
from services.reporting.web.labels import DIMENSIONS as DIMENSION_NAMES
from services.reporting.web.labels import Labeller
from shared.auth import allow, current_principal
from shared.errors import DomainError, Invalid
from shared.web.context import show_errors
from shared.web.forms import PageForm, choices

bp = Blueprint("releases", __name__)

STATUS_LABELS = {"draft": _l("Draft"), "reviewed": _l("Reviewed"), "published": _l("Published")}


class BuildForm(PageForm):
    """The period of a new draft release."""

    period = SelectField(_l("Period"), validate_choice=False,
                         description=_l("A calendar half-year or year that has ended."))


class ActionForm(PageForm):
    """Only the CSRF token: the action is in the URL."""


def period_name(key: str) -> str:
    year, _dash, half = key.partition("-")
    if half == "H1":
        return _("first half of %(year)s", year=year)
    if half == "H2":
        return _("second half of %(year)s", year=year)
    return _("year %(year)s", year=year)


def _page(form: BuildForm, status: int = 200):
    with runtime().db.session() as session:
        rows = releases.all_releases(session)
    return render_template("reporting/releases.html", form=form, releases=rows, statuses=STATUS_LABELS,
                           period_name=period_name, action_form=ActionForm(),
                           dimensions=[str(DIMENSION_NAMES[d]) for d in DIMENSIONS], minimum=MIN_SLICE), status


def _build_form(formdata=None) -> BuildForm:
    form = BuildForm(formdata)
    form.period.choices = choices([("", _("– choose –"))] + [(p.key, period_name(p.key))
                                                            for p in releases.ended_periods()])
    return form


@bp.get("/open-data")
@allow("coordinator")
def index():
    """The releases, drafts first, and a form to build a new draft."""
    return _page(_build_form())


@bp.post("/open-data")
@allow("coordinator")
def build():
    """Build a draft release of the chosen period."""
    form = _build_form(request.form)
    if not form.validate_on_submit():
        return _page(form, 422)
    try:
        with runtime().work() as work:
            release_id = releases.build_draft(work, current_principal(), form.period.data or "",
                                              target=settings().environments_target)
    except Invalid as exc:
        show_errors(form, exc.fields)
        return _page(form, 422)
    flash(_("The draft is built: review its tables before you publish it."), "success")
    return redirect(url_for("releases.show", release_id=release_id), code=303)


@bp.get("/open-data/<uuid:release_id>")
@allow("coordinator")
def show(release_id):
    """A release with every table as the public would read it."""
    with runtime().db.session() as session:
        row = releases.one(session, str(release_id))
    labeller = Labeller(lang())
    tables = [panels.document_table_view(t, labeller) for t in row["document"]["tables"]]
    return render_template("reporting/release.html", release=row, tables=tables, statuses=STATUS_LABELS,
                           period_name=period_name, form=ActionForm())


@bp.post("/open-data/<uuid:release_id>/<any(review, publish, discard):action>")
@allow("coordinator")
def act(release_id, action: str):
    """Review, publish or discard a release (a refusal is answered in one place)."""
    if not ActionForm().validate_on_submit():
        flash(_("The form expired: try again."), "error")
        return redirect(url_for("releases.show", release_id=release_id), code=303)
    command = {"review": releases.review, "publish": releases.publish, "discard": releases.discard}[action]
    try:
        with runtime().work() as work:
            command(work, current_principal(), str(release_id))
    except DomainError as exc:
        flash(_(exc.message), "error")
        return redirect(url_for("releases.show", release_id=release_id), code=303)
    flash({"review": _("The release is reviewed: it can now be published."),
           "publish": _("The release is published: anyone can now read it, and it never changes."),
           "discard": _("The release is discarded.")}[action], "success")
    if action == "discard":
        return redirect(url_for("releases.index"), code=303)
    return redirect(url_for("releases.show", release_id=release_id), code=303)
