"""The manager's pages of minors: guardians, guardians' requests, the young person's objection, and the desk of
clients who need attention (consents to renew at 18, erasure requests, open guardian requests)."""
from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from services.intake.config import settings
from services.intake.context import runtime
from services.intake.db import clients, guardian_requests
from services.intake.handlers import access, disclosures, minors, rights
from services.intake.web.commands import run_for_form
from services.intake.web.minor_forms import (
    RELATION_LABELS,
    REQUEST_KIND_LABELS,
    REQUEST_STATUS_LABELS,
    AnswerForm,
    GuardianForm,
    GuardianRequestForm,
)
from shared import clock
from shared.audit import record
from shared.auth import allow, current_principal
from shared.errors import Conflict
from shared.web.forms import choices

bp = Blueprint("minor_pages", __name__)
LABELS = {"relation": RELATION_LABELS, "kind": REQUEST_KIND_LABELS, "status": REQUEST_STATUS_LABELS}


def _back(client_id):
    return redirect(url_for(".guardians_page", client_id=client_id), code=303)


def request_form(guardian_rows, formdata=True) -> GuardianRequestForm:
    form = GuardianRequestForm() if formdata else GuardianRequestForm(formdata=None)
    form.guardian_id.choices = choices([(g.id, g.name) for g in guardian_rows])
    if not form.received_on.data and not form.received_on.raw_data:
        form.received_on.data = clock.today()
    return form


def _page(client_id, guardian_form: GuardianForm | None = None, req_form: GuardianRequestForm | None = None,
          status: int = 200):
    """The guardians page of a client (the read is audited), with the forms as posted when they had errors."""
    principal = current_principal()
    with runtime().work() as work:
        row = access.load_client(work, principal, client_id, what="guardians", why="guidance")
        view = minors.guardian_view(work.session, row, clock.today(), settings(runtime().config).age_rules)
    form = guardian_form or GuardianForm(formdata=None)
    requests = req_form or (request_form(view["guardians"], formdata=False) if view["guardians"] else None)
    return render_template("intake/guardians/page.html", client=row, view=view, labels=LABELS, form=form,
                           request_form=requests, answer_form=AnswerForm(formdata=None)), status


@bp.route("/clients/<uuid:client_id>/guardians", methods=["GET", "POST"])
@allow("manager")
def guardians_page(client_id):
    """A minor client's guardians, their requests and the young person's objection; POST records a guardian."""
    if request.method == "GET":
        return _page(str(client_id))
    form = GuardianForm()
    if form.validate_on_submit() and run_for_form(
            form, lambda work: minors.add_guardian(work, current_principal(), str(client_id), form.data_for_handler())):
        flash(_("The guardian is recorded."), "success")
        return _back(client_id)
    return _page(str(client_id), guardian_form=form, status=422)


@bp.post("/clients/<uuid:client_id>/guardian-requests")
@allow("manager")
def record_request(client_id):
    """Record a guardian's request for access or information; it waits for the manager's decision."""
    with runtime().db.session() as session:
        guardian_rows = minors.guardians_of(session, str(client_id))
    form = request_form(guardian_rows)
    if form.validate_on_submit() and run_for_form(form, lambda work: minors.record_request(
            work, current_principal(), str(client_id), form.guardian_id.data, form.kind.data, form.received_on.data)):
        flash(_("The guardian's request is recorded."), "success")
        return _back(client_id)
    return _page(str(client_id), req_form=form, status=422)


@bp.post("/clients/<uuid:client_id>/guardian-requests/<uuid:request_id>")
@allow("manager")
def decide_request(client_id, request_id):
    """Grant or refuse a guardian's request (not granted while the young person objects)."""
    form = AnswerForm()
    if not form.validate_on_submit() or form.yes() is None:
        flash(_("The form had expired. Please try again."), "error")
        return _back(client_id)
    try:
        with runtime().work() as work:
            status = minors.decide_request(work, current_principal(), str(client_id), str(request_id), form.yes())
    except Conflict as exc:
        flash(_(exc.reason), "error")
    else:
        flash(_("The request is granted.") if status == "granted" else _("The request is refused."), "success")
    return _back(client_id)


@bp.post("/clients/<uuid:client_id>/guardian-objection")
@allow("manager")
def record_objection(client_id):
    """Record the objection to guardian access the young person told the manager (or its withdrawal)."""
    form = AnswerForm()
    if form.validate_on_submit() and form.yes() is not None:
        with runtime().work() as work:
            minors.object_to_guardian_access(work, current_principal(), str(client_id), form.yes())
        flash(_("The young person's objection is recorded.") if form.yes()
              else _("The objection is withdrawn."), "success")
    return _back(client_id)


def _guardian_card(client) -> dict:
    """What the client card shows of guardians (the card has loaded and audited the client)."""
    if client is None or not access.may_see(current_principal(), client):
        return {}
    with runtime().db.session() as session:
        return minors.guardian_view(session, client, clock.today(), settings(runtime().config).age_rules)


def _attention(client) -> dict:
    """The card's prompts: consents to renew at 18, the client's erasure request, questions waiting for them."""
    if client is None or not access.may_see(current_principal(), client):
        return {}
    with runtime().db.session() as session:
        return {"renewal": minors.renewal_due(session, client, clock.today()),
                "erasure": rights.open_erasure_request(session, client.id),
                "awaiting": disclosures.awaiting_count(session, client.id),
                "disclosures": disclosures.disclosures_of(session, client.id)}


@bp.get("/clients/attention")
@allow("manager")
def desk():
    """The manager's desk: own clients with consents to renew at 18, erasure requests or guardian requests."""
    principal = current_principal()
    today = clock.today()
    with runtime().work() as work:
        session = work.session
        rows = session.execute(clients.select().where(clients.c.organisation == principal.organisation,
                                                      clients.c.status == "active")
                               .order_by(clients.c.last_name, clients.c.first_name)).all()
        items = []
        for row in rows:
            item = {"client": row, "renewal": minors.renewal_due(session, row, today),
                    "erasure": rights.open_erasure_request(session, row.id),
                    "requests": session.execute(guardian_requests.select().where(
                        guardian_requests.c.client_id == row.id, guardian_requests.c.status == "open")).all()}
            if item["renewal"] or item["erasure"] or item["requests"]:
                record(session, principal, "read", "client_name", "guidance", subjects=[row.id],
                       organisation=row.organisation)
                items.append(item)
    return render_template("intake/guardians/desk.html", attention_items=items)


bp.add_app_template_global(_guardian_card, "guardian_card")
bp.add_app_template_global(_attention, "client_attention")
