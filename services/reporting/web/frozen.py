"""Reports sent to the funder: freeze the report shown, list the frozen ones, download each as sent."""
from __future__ import annotations

import json

from flask import Blueprint, Response, flash, redirect, render_template, url_for
from flask_babel import gettext as _

from services.reporting.context import lang, runtime
from services.reporting.handlers import frozen
from services.reporting.web.dashboard import funder_document, pdf_name, viewers_report
from services.reporting.web.labels import slices_text
from shared.auth import allow, current_principal
from shared.web.forms import PageForm

bp = Blueprint("frozen", __name__)


def _download(body, mimetype: str, filename: str) -> Response:
    response = Response(body, content_type=mimetype)
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@bp.post("/frozen")
@allow("coordinator")
def freeze():
    """Freeze the report of the query's period and slices as sent to the funder: figures and PDF."""
    if not PageForm().validate_on_submit():
        return redirect(url_for("frozen.index"), code=303)
    shown = viewers_report()
    document = funder_document(shown)
    with runtime().work() as work:
        frozen.freeze(work, current_principal(), shown, document, pdf_name(shown))
    flash(_("The report is frozen as sent to the funder."), "success")
    return redirect(url_for("frozen.index"), code=303)


@bp.get("/frozen")
@allow("coordinator")
def index():
    """The reports sent to the funder, newest first."""
    with runtime().db.session() as session:
        reports = frozen.listed(session, current_principal())
    return render_template("reporting/frozen.html", reports=reports,
                           slices_text=lambda filters: slices_text(filters, lang()))


@bp.get("/frozen/<uuid:report_id>.pdf")
@allow("coordinator")
def document(report_id):
    """The document as it was sent."""
    with runtime().db.session() as session:
        row = frozen.stored(session, current_principal(), str(report_id))
    return _download(row["document"], "application/pdf", row["filename"])


@bp.get("/frozen/<uuid:report_id>.json")
@allow("coordinator")
def figures(report_id):
    """The figures as they were sent (keys, not labels; small cells "<5")."""
    with runtime().db.session() as session:
        row = frozen.stored(session, current_principal(), str(report_id))
    body = {"id": row["id"], "frozen_at": row["frozen_at"].isoformat(), **row["figures"]}
    return _download(json.dumps(body, ensure_ascii=False, indent=1), "application/json",
                     row["filename"].removesuffix(".pdf") + ".json")
