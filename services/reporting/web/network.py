"""The network page: member organisations side by side, their clients, referrals and overlaps removed."""
from __future__ import annotations

from flask import Blueprint, abort, render_template, request

from services.reporting.presentation import dashboard
from services.reporting.presentation.labels import Labeller
from services.reporting.requests import Viewer, parse, report_for
from services.reporting.web.dashboard import lang
from shared.auth import allow, current_principal
from shared.web.errors import ApiError

bp = Blueprint("network", __name__)


@bp.get("/network")
@allow("coordinator")
def index():
    """Each member organisation's reach, referrals and overlaps for the period."""
    args = {k: v for k, v in request.args.items() if k in ("start", "end")}
    try:
        filters, _breakdown = parse(args)
    except ApiError as exc:
        abort(exc.status)
    report = report_for(Viewer(current_principal()), filters, "organisation")
    labeller = Labeller(lang())
    tables = [dashboard.table_view(report.tables[k], labeller) for k in ("reach", "referrals")]
    return render_template("reporting/network.html", tables=tables, report=report)
