"""A partner's own competence needs with how many candidates the network has found, without identities, and the
introductions waiting for the partner's feedback."""
from __future__ import annotations

from flask import Blueprint, render_template

from services.matching.context import runtime
from services.matching.handlers import dialogue, suggestion_list
from shared.auth import allow, current_principal

bp = Blueprint("partner_pages", __name__)


@bp.get("/partner/needs")
@allow("partner")
def needs_page():
    """The partner's needs and their candidate counts."""
    with runtime().db.session() as session:
        items = suggestion_list.partner_needs(session, current_principal())
        reminders = dialogue.reminders_of(session, current_principal())
    return render_template("matching/partner/needs.html", entries=items, reminders=reminders)
