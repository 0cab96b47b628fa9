"""The student's own page (/me): their consents, their data to download and the other areas' sections."""
from __future__ import annotations

from flask import Blueprint, current_app, render_template, request, url_for
from flask_babel import gettext as _

from services.intake.config import settings
from services.intake.context import runtime
from services.intake.domain import consent as consent_rules
from services.intake.domain import minors as minor_rules
from services.intake.handlers import clients, minors, rights
from services.intake.web.client_forms import labels
from services.intake.web.clients import CARD_SECTIONS, decide_from_form, download, load_for_page
from shared import clock, formats
from shared.auth import allow, current_principal
from shared.privacy import register

bp = Blueprint("own_page", __name__)
OWN_SECTIONS = ("disclosures", "meetings",  # a partner's question first, then the meetings coming up
                *(s for s in CARD_SECTIONS if s != "disclosures"))


@bp.get("/me")
@allow("student")
def me():
    """The student's own page: their consents, their data to download and the other areas' sections."""
    principal = current_principal()
    if not principal.client_id:  # not linked yet: an invitation's code links the login (the portal's welcome page)
        from shared.web.navigation import link

        return render_template("intake/clients/me.html", client=None, welcome=link("portal", "welcome"))
    row, consent_state, _trail = load_for_page(principal.client_id, what="own_page", why="own_use")
    today = clock.today()
    age = settings(runtime().config).age_rules
    guardian_only = [p for p in consent_rules.PURPOSES if minor_rules.needs_guardian(p, row.birth_date, today, age)]
    with runtime().db.session() as session:
        renewal = minors.renewal_due(session, row, today)
        open_requests = rights.open_count(session, row.id)
    return render_template("intake/clients/me.html", client=row, client_id=row.id,
                           view=clients.client_view(row), consents=consent_state, sections=OWN_SECTIONS,
                           purposes=consent_rules, own_pages=_own_pages(), decide_url=url_for(".decide"),
                           labels=labels, young=True, guardian_only=guardian_only, renewal=renewal,
                           open_requests=open_requests, keeper=_keeper(row.organisation))


def _keeper(organisation: str) -> dict:
    """Who keeps the young person's data, for how long after the client relationship, and whom to ask: from the
    organisation's register (the same rules retention and the privacy notice follow)."""
    found = register.for_organisation(runtime().config, organisation)
    rule = found.retention("client_record")
    dpo = ", ".join(p for p in (found.dpo.name, found.dpo.email) if p) if found.dpo else None
    return {"name": formats.organisation(organisation), "years": max(1, round(rule.days / 365)), "dpo": dpo}


def _own_pages() -> list[tuple[str, str]]:
    """Links to the student's pages that other areas provide, when this app has them."""
    known = {rule.rule for rule in current_app.url_map.iter_rules()}
    pages = (("/me/path", _("My path")), ("/me/metrics", _("My personal metrics")),
             ("/me/profile", _("My competence profile")))
    return [(request.script_root + path, title) for path, title in pages if path in known]


@bp.post("/me/consents")
@allow("student")
def decide():
    """The student gives or withdraws a consent themselves."""
    return decide_from_form(current_principal().client_id, url_for(".me"), why="own_use")


@bp.get("/me/export")
@allow("student")
def export():
    """Download all of one's own data as JSON."""
    return download(current_principal().client_id, "right_of_access")
