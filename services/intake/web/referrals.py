"""Pages for referrals: refer a client to another organisation's service, and follow referrals in and out."""
from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import lazy_pgettext
from wtforms import BooleanField, SelectField, StringField, TextAreaField

from services.intake.context import lang, runtime
from services.intake.domain.referrals import ACTIONS
from services.intake.handlers import referrals
from services.intake.handlers.access import load_client, may_see
from services.intake.handlers.catalogue import active_services
from services.intake.web.partner_forms import blank_to_none, reason
from shared.auth import allow, current_principal
from shared.errors import DomainError, NotFound
from shared.web.forms import PageForm, choices, form_status, show_problems
from shared.web.ui import organisation_name, safe_next

bp = Blueprint("referral_pages", __name__)

# "Completed" and "Cancelled" of a referral are not those of an environment (fi Toteutunut, sv Återkallad).
STATUS_LABELS = {"sent": _l("Sent"), "accepted": _l("Accepted"), "declined": _l("Declined"),
                 "completed": lazy_pgettext("referral", "Completed"),
                 "cancelled": lazy_pgettext("referral", "Cancelled")}
ACTION_LABELS = {"accept": _l("Accept"), "decline": _l("Decline"), "complete": _l("Mark completed"),
                 "cancel": _l("Cancel the referral")}
RECEIVER_ACTIONS = {"sent": ("accept", "decline"), "accepted": ("complete",)}
SENDER_ACTIONS = {"sent": ("cancel",), "accepted": ("cancel",)}


class ReferralForm(PageForm):
    """The service referred to, a note, and the client's agreement."""
    required_by_command = ("service",)  # a referral names the service
    service = SelectField(_l("Service"), validate_choice=False,
                          description=_l("Services of the other member organisations in the catalogue."))
    note = TextAreaField(_l("Note to the receiver"),
                         description=_l("Travels to the other organisation: no names, contact details or health "
                                        "information."))
    client_agreed = BooleanField(_l("The client has agreed to be referred"))


class AcceptByReferenceForm(PageForm):
    """The reference the client shows the receiving manager."""
    reference = StringField(_l("Referral reference"), description=_l("The code the client shows, e.g. K7PM-4QXA."))


class ActionForm(PageForm):
    """Only the CSRF token: the action is in the URL."""


def _name_of(work, principal, client_id):
    """The client row for showing a name (audited), or None once the client has been erased."""
    try:
        return load_client(work, principal, client_id, what="client_name", why="referral")
    except NotFound:
        return None


def _service_choices(own: str) -> list:
    with runtime().db.session() as session:
        rows = active_services(session, lang(), exclude=own)
    return choices([("", _("– choose –"))] + [(r["id"], f"{organisation_name(r['organisation'])} – {r['name']}")
                                                 for r in rows])


@bp.get("/referrals", endpoint="referrals")
@allow("manager")
def referrals_page():
    """Referrals your organisation sent and received, with what can be done next."""
    principal = current_principal()
    with runtime().work() as work:
        items = referrals.referrals_of(work.session, principal)
        for item in items:  # our own client's name beside the referral, read through the audit trail
            own_client = item["client_id"] if item["direction"] == "out" else item["receiver_client_id"]
            item["client"] = _name_of(work, principal, own_client) if own_client else None
    incoming = [i for i in items if i["direction"] == "in"]
    outgoing = [i for i in items if i["direction"] == "out"]
    return render_template("intake/referrals/list.html", incoming=incoming, outgoing=outgoing,
                           statuses=STATUS_LABELS, actions=ACTION_LABELS, receiver_actions=RECEIVER_ACTIONS,
                           sender_actions=SENDER_ACTIONS, form=ActionForm())


@bp.route("/clients/<uuid:client_id>/referrals/new", methods=["GET", "POST"])
@allow("manager")
def refer(client_id):
    """Refer a client to another organisation's service, with the client's agreement."""
    principal = current_principal()
    with runtime().work() as work:
        client = load_client(work, principal, client_id, what="client_name", why="referral")
    form = ReferralForm()
    form.service.choices = _service_choices(principal.organisation)
    if form.validate_on_submit():
        service = next((s for s in _catalogue_row(form.service.data)), None) or {"organisation": None, "id": None}
        try:
            with runtime().work() as work:
                referrals.refer(work, principal, {
                    "client_id": client.id, "to_organisation": service["organisation"], "service_id": service["id"],
                    "note": blank_to_none(form.note.data), "client_agreed": bool(form.client_agreed.data)})
            flash(_("The referral was sent."), "success")
            return redirect(url_for("referral_pages.referrals"), code=303)
        except DomainError as exc:
            fields = dict(exc.fields)
            for api_name in ("service_id", "to_organisation"):
                if api_name in fields:
                    fields["service"] = fields.pop(api_name)
            if "client_id" in fields:
                fields["_schema"] = fields.pop("client_id")
            show_problems(form, fields or {"_schema": [exc.message]})
    return render_template("intake/referrals/form.html", form=form, client=client), form_status()


def _catalogue_row(service_id: str | None) -> list[dict]:
    if not service_id:
        return []
    with runtime().db.session() as session:
        return [s for s in active_services(session, lang()) if s["id"] == service_id]


@bp.post("/referrals/<uuid:referral_id>/<any(accept, decline, complete, cancel):action>")
@allow("manager")
def move(referral_id, action):
    """Accept, decline, complete or cancel a referral from the referrals page."""
    if ActionForm().validate_on_submit():
        try:
            with runtime().work() as work:
                referrals.decide(work, current_principal(), referral_id, action)
            flash(_("The referral is now: %(status)s.", status=STATUS_LABELS[ACTIONS[action]]), "success")
        except DomainError as exc:
            flash(reason(exc), "error")
    else:
        flash(_("The form expired: try again."), "error")
    return redirect(url_for("referral_pages.referrals"), code=303)


@bp.post("/clients/<uuid:client_id>/referrals/accept")
@allow("manager")
def accept_for_client(client_id):
    """Accept the incoming referral whose reference the client showed, and link it to this client."""
    principal = current_principal()
    form = AcceptByReferenceForm()
    back = safe_next(request.form.get("next")) or url_for("referral_pages.referrals")
    if not form.validate_on_submit() or not (form.reference.data or "").strip():
        flash(_("Type the referral reference the client showed."), "error")
        return redirect(back, code=303)
    with runtime().db.session() as session:
        found = referrals.incoming_by_reference(session, principal, form.reference.data)
    if found is None:
        flash(_("No referral to your organisation has that reference."), "error")
        return redirect(back, code=303)
    try:
        with runtime().work() as work:
            referrals.decide(work, principal, found, "accept", client_id)
        flash(_("The referral was accepted for this client."), "success")
    except DomainError as exc:
        flash(reason(exc), "error")
    return redirect(back, code=303)


def _client_referrals(client) -> list[dict]:
    """Referrals of one client (sent for them, or received and linked to them), for the client card."""
    principal = current_principal()
    if client is None or not may_see(principal, client):
        return []
    with runtime().db.session() as session:
        return referrals.referrals_of_client(session, principal, client.id)


bp.add_app_template_global(_client_referrals, "referrals_of_client")
bp.add_app_template_global(lambda: STATUS_LABELS, "referral_statuses")
bp.add_app_template_global(lambda: AcceptByReferenceForm(), "referral_accept_form")
