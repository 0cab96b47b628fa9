"""Pages of suggestions: the manager's inbox, one suggestion with its explanation and decision, learning gaps."""
from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from services.matching.context import lang, live, runtime
from services.matching.handlers import decisions, suggestion_list
from services.matching.handlers.explanations import labelled
from services.matching.web.forms import (
    KIND_LABELS,
    PART_LABELS,
    STATUS_LABELS,
    WITHDRAWAL_LABELS,
    DecisionForm,
    FilterForm,
    LearningGapForm,
)
from services.matching.web.intake_api import caller_token, intake_api
from shared.auth import allow, current_principal
from shared.errors import Conflict, Invalid
from shared.web.cors import shared_with_network
from shared.web.peer import client_names

bp = Blueprint("suggestion_pages", __name__)
PER_PAGE = 20


def labels() -> dict:
    return {"status": STATUS_LABELS, "kind": KIND_LABELS, "withdrawn": WITHDRAWAL_LABELS, "parts": PART_LABELS}


def readable(item: dict) -> dict:
    """A suggestion with its explanation in the page's language."""
    return labelled(item, live().taxonomy, lang())


@bp.get("/")
@allow("manager", "partner", "coordinator", "student")
def front():
    """Each role's page of matching."""
    principal = current_principal()
    if principal.has("student"):
        return redirect(url_for("dialogue_pages.my_suggestions_page"))
    if principal.has("manager"):
        return redirect(url_for(".inbox_page"))
    if principal.has("partner"):
        return redirect(url_for("partner_pages.needs_page"))
    return redirect(url_for("fairness_pages.fairness_page"))


@bp.get("/suggestions")
@allow("manager")
def inbox_page():
    """The organisation's suggestions, newest first, with filters."""
    form = FilterForm(formdata=request.args)
    with runtime().db.session() as session:
        options = suggestion_list.target_options(session, current_principal())
        names = client_names("matching")
        form.fill({**options, "clients": sorted(names.items(), key=lambda item: item[1].casefold())})
        filters = {"page": 1, "per_page": PER_PAGE}
        if form.validate():
            filters.update({k: form[k].data or None for k in ("status", "need_id", "environment_id", "client_id")})
            filters["page"] = max(form.page.data or 1, 1)
        result = suggestion_list.page(session, current_principal(), filters)
    missing = [i["client_id"] for i in result["items"] if i["client_id"] not in names]  # e.g. closed clients
    names = {**names, **client_names("matching", missing)} if missing else names
    pages = max((result["total"] + PER_PAGE - 1) // PER_PAGE, 1)
    query = {k: v for k, v in request.args.items() if k != "page" and v}
    return render_template("matching/suggestions/inbox.html", form=form, result=result, pages=pages, query=query,
                           labels=labels(), names=names)


def _show(suggestion_id, form: DecisionForm | None = None, status: int = 200):
    with runtime().db.session() as session:
        item = readable(suggestion_list.one(session, current_principal(), suggestion_id))
    return render_template("matching/suggestions/show.html", item=item, form=form or DecisionForm(formdata=None),
                           gap_form=LearningGapForm(formdata=None), labels=labels(),
                           names=client_names("matching", [item["client_id"]])), status


@bp.get("/suggestions/<uuid:suggestion_id>")
@allow("manager")
def show(suggestion_id):
    """One suggestion: why the client fits, what is missing, and the decision."""
    return _show(suggestion_id)


@bp.post("/suggestions/<uuid:suggestion_id>")
@allow("manager")
def decide(suggestion_id):
    """Accept or decline the suggestion."""
    form = DecisionForm()
    if not form.validate():
        return _show(suggestion_id, form, 422)
    try:
        with runtime().work() as work:
            decisions.decide(work, current_principal(), str(suggestion_id), form.decision.data == "accept",
                             (form.reason.data or "").strip() or None, live().taxonomy.index)
    except (Conflict, Invalid):  # NotFound goes on to the 404 page
        flash(_("The suggestion could not be decided: it has been decided or withdrawn already, or the profile "
                "or target has changed."), "error")
        return redirect(url_for(".show", suggestion_id=suggestion_id), code=303)
    accepted = form.decision.data == "accept"
    flash(_("The suggestion is accepted.") if accepted else _("The suggestion is declined."), "success")
    if accepted:
        flash(_("If a partner's need was accepted, the young person is asked on their own page before their contact "
                "details go to the partner (unless your organisation discloses them under a legal basis)."), "info")
    return redirect(url_for(".show", suggestion_id=suggestion_id), code=303)


@bp.post("/suggestions/<uuid:suggestion_id>/learning-gaps")
@allow("manager")
def add_learning_gap(suggestion_id):
    """Put a skill the client lacks onto their personal path, in intake, as a learning-gap step."""
    form = LearningGapForm()
    with runtime().db.session() as session:
        row = suggestion_list.suggestion_of(session, current_principal(), suggestion_id)
    gaps = {g["uri"] for g in row.explanation["learning_gaps"]}
    if not form.validate() or form.skill_uri.data not in gaps:
        abort(400)
    status, body = intake_api(row.organisation).add_learning_gap(row.client_id, form.skill_uri.data, lang(),
                                                                 caller_token() or "")
    if status in (200, 201):
        flash(_("The learning gap is on the client's personal path: %(title)s", title=body.get("title", "")),
              "success")
    else:
        flash(_("Intake did not add the learning gap (%(status)s). Try again on the client's personal path.",
                status=status), "error")
    return redirect(url_for(".show", suggestion_id=suggestion_id), code=303)


@bp.get("/clients/<uuid:client_id>/suggestions")
@allow("manager")
@shared_with_network("HX-Request")  # intake's client card asks it with htmx, also from an origin of its own
def client_suggestions(client_id):
    """A client's suggestions (for the client card in intake: a fragment when htmx asks for it, whose links are
    absolute: it is shown on intake's page)."""
    with runtime().db.session() as session:
        result = suggestion_list.page(session, current_principal(),
                                      {"client_id": str(client_id), "page": 1, "per_page": 50})
    fragment = request.headers.get("HX-Request") == "true"
    template = "matching/clients/_suggestions.html" if fragment else "matching/clients/suggestions.html"
    return render_template(template, entries=[readable(i) for i in result["items"]], client_id=str(client_id),
                           labels=labels())
