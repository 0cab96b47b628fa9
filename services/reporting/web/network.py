"""The network page: member organisations side by side, their clients, referrals and overlaps removed."""
from __future__ import annotations

from flask import Blueprint, render_template, request

from services.reporting.domain.viewer import Viewer
from services.reporting.web import panels
from services.reporting.web.dashboard import lang, report
from services.reporting.web.labels import Labeller
from shared.auth import allow, current_principal

bp = Blueprint("network", __name__)


@bp.get("/network")
@allow("coordinator")
def index():
    """Each member organisation's reach, referrals and overlaps for the period."""
    args = {k: v for k, v in request.args.items() if k in ("start", "end")}
    shown = report(Viewer(current_principal()), {**args, "breakdown": "organisation"})
    labeller = Labeller(lang())
    tables = [panels.table_view(shown.tables[k], labeller) for k in ("reach", "referrals")]
    return render_template("reporting/network.html", tables=tables, report=shown)
