"""What the figures mean: every figure's definition, source events, date, what it counts and how it is
protected, in the reader's language, from the registry docs/indicators.md is written from.

Public: the page holds no figures and no personal data, and whoever reads a published figure (open data,
the funder, a partner) needs its definition as much as the coordinator does."""
from __future__ import annotations

from flask import Blueprint, render_template
from flask_babel import gettext

from services.reporting.domain import definitions
from shared.auth import public

bp = Blueprint("definitions", __name__)


@bp.get("/indicators")
@public
def index():
    """Every figure reporting publishes, defined once."""
    cards = {figure: card for card, figure in definitions.CARDS.items()}
    rows = [{"key": f.key, "title": gettext(f.title), "definition": gettext(f.definition), "sources": f.sources,
             "date": gettext(f.date), "counts": gettext(definitions.COUNTED[f.counts]),
             "protection": gettext(definitions.PROTECTION[f.protection]), "card": f.key in cards}
            for f in definitions.FIGURES]
    return render_template("reporting/definitions.html", figures=rows)
