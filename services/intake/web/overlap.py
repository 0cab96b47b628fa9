"""Pages for removing overlaps: possible shared clients, and the member organisations' service catalogue."""
from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from marshmallow import ValidationError
from wtforms import BooleanField, RadioField, SelectField, StringField, TextAreaField

from services.intake.api.services_catalogue import CatalogueServiceIn
from services.intake.context import lang, runtime
from services.intake.handlers import catalogue as catalogue_handlers
from services.intake.handlers import overlap
from services.intake.handlers.access import load_client, may_see
from services.intake.web.partner_forms import blank_to_none, reason
from shared.auth import allow, current_principal
from shared.errors import DomainError, Invalid
from shared.reference import municipalities
from shared.web.forms import PageForm, choices, form_status, show_problems

bp = Blueprint("overlap_pages", __name__)

NOTICE_STATUS_LABELS = {"open": _l("Open"), "lead_agreed": _l("Lead agreed"), "dismissed": _l("Dismissed")}


class ResolveForm(PageForm):
    """Who leads the client's service, or dismiss."""
    choice = RadioField(_l("Resolution"), choices=choices([
        ("ours", _l("We lead the client's service")), ("theirs", _l("The other organisation leads")),
        ("dismissed", _l("Not the same person, or no need to agree: dismiss"))]))


class ServiceForm(PageForm):
    """A service of the manager's own organisation."""
    name = StringField(_l("Name"))
    description = TextAreaField(_l("Description"))
    target_group = StringField(_l("Target group"), description=_l("For example: young people under 30 without a "
                                                                   "vocational qualification."))
    service_area = SelectField(_l("Service area"), validate_choice=False)
    active = BooleanField(_l("In the catalogue"), default=True)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.service_area.choices = choices([("", _("The whole network"))] + [
            (slug, area.name(lang())) for slug, area in municipalities.service_areas().items()])


# --- possible shared clients -----------------------------------------------------------------------
@bp.get("/overlap")
@allow("manager")
def notices():
    """Possible shared clients of your organisation, open ones first."""
    principal = current_principal()
    with runtime().work() as work:
        rows = overlap.notices_of(work.session, principal.organisation)
        shown = []
        for row in sorted(rows, key=lambda r: r.status != "open"):
            client = load_client(work, principal, row.client_id, what="client_name",
                                 why="overlap")
            shown.append({"notice": row, "client": client, "form": ResolveForm(prefix=f"n{row.id[:8]}")})
    return render_template("intake/overlap/notices.html", notice_items=shown, statuses=NOTICE_STATUS_LABELS)


@bp.post("/overlap/<uuid:notice_id>")
@allow("manager")
def resolve(notice_id):
    """Agree who leads the client's service, or dismiss the notice."""
    principal = current_principal()
    with runtime().db.session() as session:
        notice = overlap.own_notice(session, principal, notice_id)
    form = ResolveForm(prefix=f"n{notice.id[:8]}")
    if form.validate_on_submit() and form.choice.data:
        lead = {"ours": principal.organisation, "theirs": notice.other_organisation}.get(form.choice.data)
        try:
            with runtime().work() as work:
                overlap.resolve_notice(work, principal, notice.id, "dismissed" if lead is None else "lead_agreed",
                                       lead)
            flash(_("The notice was resolved."), "success")
        except DomainError as exc:
            flash(reason(exc), "error")
    else:
        flash(_("Choose how the notice is resolved."), "error")
    return redirect(url_for("overlap_pages.notices"), code=303)


def _client_notices(client) -> list:
    """The notices about one client, for the client card (the card has read the client already)."""
    if client is None or not may_see(current_principal(), client):
        return []
    with runtime().db.session() as session:
        return overlap.notices_of(session, client.organisation, client_id=client.id)


bp.add_app_template_global(_client_notices, "overlap_notices_of")
bp.add_app_template_global(lambda: NOTICE_STATUS_LABELS, "overlap_notice_statuses")


# --- the service catalogue ---------------------------------------------------------------------------
@bp.get("/services")
@allow("manager")
def catalogue():
    """The member organisations' services; your own can be changed."""
    own = current_principal().organisation
    with runtime().db.session() as session:
        rows = catalogue_handlers.catalogue_page(session, lang(), own)
    return render_template("intake/overlap/services.html", own=[r for r in rows if r["organisation"] == own],
                           others=[r for r in rows if r["organisation"] != own and r["active"]])


class VisibilityForm(PageForm):
    """The coordinator hides an entry of the catalogue or shows it again."""
    hidden = RadioField(choices=choices([("1", _l("Hide")), ("0", _l("Show"))]))


@bp.get("/services/review")
@allow("coordinator")
def catalogue_review():
    """Every entry of the catalogue, for the coordinator to hide empty or junk ones."""
    with runtime().db.session() as session:
        rows = catalogue_handlers.catalogue_page(session, lang(), "*")
    return render_template("intake/overlap/services_review.html", rows=rows, form=VisibilityForm(formdata=None))


@bp.post("/services/<uuid:service_id>/visibility")
@allow("coordinator")
def service_visibility(service_id):
    """Hide a catalogue entry from every member's catalogue, or show it again."""
    form = VisibilityForm()
    if not form.validate_on_submit():
        flash(_("Choose whether to hide or show the entry."), "error")
        return redirect(url_for(".catalogue_review"), code=303)
    with runtime().work() as work:
        catalogue_handlers.hide_service(work, current_principal(), service_id, form.hidden.data == "1", lang())
    flash(_("The entry is hidden.") if form.hidden.data == "1" else _("The entry is shown again."), "success")
    return redirect(url_for(".catalogue_review"), code=303)


@bp.route("/services/new", methods=["GET", "POST"])
@allow("manager")
def service_new():
    """Add a service of your organisation to the catalogue."""
    return _service_form(ServiceForm(), None)


@bp.route("/services/<uuid:service_id>/edit", methods=["GET", "POST"])
@allow("manager")
def service_edit(service_id):
    """Change a service of your organisation."""
    with runtime().db.session() as session:
        row = catalogue_handlers.own_service(session, current_principal(), service_id)
    form = ServiceForm(data={k: getattr(row, k) or ("" if k != "active" else False)
                             for k in catalogue_handlers.FIELDS}) if request.method == "GET" else ServiceForm()
    return _service_form(form, row.id)


def _service_form(form: ServiceForm, service_id: str | None):
    if form.validate_on_submit():
        data = {"name": form.name.data or "", "description": blank_to_none(form.description.data),
                "target_group": blank_to_none(form.target_group.data),
                "service_area": blank_to_none(form.service_area.data), "active": form.active.data}
        try:
            data = CatalogueServiceIn().load(data)
            with runtime().work() as work:
                catalogue_handlers.save_service(work, current_principal(), data, service_id)
            flash(_("The service was saved."), "success")
            return redirect(url_for("overlap_pages.catalogue"), code=303)
        except ValidationError as exc:
            show_problems(form, exc.messages)
        except Invalid as exc:  # the catalogue's rules: e.g. a junk name
            show_problems(form, exc.fields)
    return render_template("intake/overlap/service_form.html", form=form, service_id=service_id), form_status()
