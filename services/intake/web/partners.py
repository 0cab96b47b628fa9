"""Pages for partners and their competence needs: the managers' partner register and the partner's own needs."""
from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from marshmallow import ValidationError

from services.intake.api.competence_needs import CompetenceNeedIn
from services.intake.api.partners import CooperationIn, PartnerContactsIn, PartnerIn, PartnerLinkIn
from services.intake.context import lang, runtime
from services.intake.handlers import competence_needs as needs
from services.intake.handlers import cooperation, partners
from services.intake.handlers.contacts import contacts_by_need
from services.intake.web.partner_forms import (
    COOPERATION_LABELS,
    KIND_LABELS,
    SKILL_ROWS,
    STATUS_LABELS,
    WORK_TYPE_LABELS,
    ContactsForm,
    CooperationForm,
    LinkForm,
    NeedForm,
    PartnerForm,
    blank_to_none,
    contacts_input,
    load_with,
    need_input,
    partner_input,
    remap_skill_problems,
)
from shared import clock
from shared.auth import allow, current_principal
from shared.errors import DomainError, Invalid
from shared.web.forms import form_status, refusals_on, show_problems

bp = Blueprint("partner_pages", __name__)

# --- partners (managers; the administrator links them to their users) ---------------------------------
@bp.get("/partners")
@allow("manager", "admin")
def partner_list():
    """The network's partners with their open needs."""
    with runtime().db.session() as session:
        open_needs = partners.open_need_counts(session)
        rows = partners.partner_list(session, lang())
    return render_template("intake/partners/list.html", partners=rows, open_needs=open_needs, kinds=KIND_LABELS,
                           may_record=current_principal().has("manager"))


@bp.route("/partners/new", methods=["GET", "POST"])
@allow("manager")
def partner_new():
    """Record a new partner."""
    return _partner_form(PartnerForm(), None)


@bp.route("/partners/<uuid:partner_id>/edit", methods=["GET", "POST"])
@allow("manager")
def partner_edit(partner_id):
    """Change the details and contacts of a partner your organisation recorded."""
    with runtime().db.session() as session:
        row = partners.visible_partner(session, current_principal(), partner_id)
        current = partners.describe(session, row, lang())
    if not partners.rights_of(current_principal(), row).details:
        abort(403)
    form = PartnerForm(data={k: current.get(k) or "" for k in partners.DETAILS}
                       | {"contacts": current["contacts"] + [{}]}) if request.method == "GET" else PartnerForm()
    return _partner_form(form, row.id)


def _partner_form(form: PartnerForm, partner_id: str | None):
    if form.validate_on_submit():
        with refusals_on(form):
            data = load_with(PartnerIn(), partner_input(form))
            with runtime().work() as work:
                saved = partners.save_partner(work, current_principal(), data, partner_id)
            flash(_("The partner was saved."), "success")
            return redirect(url_for("partner_pages.partner_show", partner_id=saved), code=303)
    return render_template("intake/partners/form.html", form=form, partner_id=partner_id), form_status()


@bp.get("/partners/<uuid:partner_id>")
@allow("manager", "admin")
def partner_show(partner_id):
    """A partner with its contacts and competence needs; what you may change of it is offered."""
    with runtime().db.session() as session:
        row = partners.visible_partner(session, current_principal(), partner_id)
        partner = partners.describe(session, row, lang())
        partner_needs = needs.needs_of_partner(session, partner["id"], lang())
        contacts = contacts_by_need(session, [need["id"] for need in partner_needs], reader=current_principal(),
                                    shared_by=current_principal().organisation)
        opportunities = cooperation.cooperation_of(session, partner["id"])
    return render_template("intake/partners/show.html", partner=partner, needs=partner_needs, kinds=KIND_LABELS,
                           work_types=WORK_TYPE_LABELS, statuses=STATUS_LABELS, contacts=contacts,
                           rights=partners.rights_of(current_principal(), row), cooperation=opportunities,
                           cooperation_kinds=COOPERATION_LABELS)


@bp.route("/partners/<uuid:partner_id>/cooperation/new", methods=["GET", "POST"])
@allow("manager")
def cooperation_new(partner_id):
    """Record a new order, a project or a thesis topic with a partner your organisation recorded."""
    with runtime().db.session() as session:
        partner = partners.visible_partner(session, current_principal(), partner_id)
    if not partners.rights_of(current_principal(), partner).details:
        abort(403)
    form = CooperationForm()
    back = url_for("partner_pages.partner_show", partner_id=partner.id)
    if form.validate_on_submit():
        with refusals_on(form):
            data = load_with(CooperationIn(), {"kind": form.kind.data, "started_on": form.started_on.data,
                                               "description": blank_to_none(form.description.data)})
            with runtime().work() as work:
                cooperation.record_cooperation(work, current_principal(), partner.id, data, today=clock.today())
            flash(_("The cooperation opportunity was recorded."), "success")
            return redirect(back, code=303)
    return render_template("intake/partners/cooperation_form.html", form=form, partner=partner,
                           back=back), form_status()


@bp.route("/partners/<uuid:partner_id>/link", methods=["GET", "POST"])
@allow("admin")
def partner_link(partner_id):
    """Link a partner to the login organisation whose users act for it, with the record of earlier changes."""
    with runtime().db.session() as session:
        row = partners.visible_partner(session, current_principal(), partner_id)
    form = LinkForm(data={"organisation": row.organisation or ""}) if request.method == "GET" else LinkForm()
    if form.validate_on_submit():
        with refusals_on(form):
            data = load_with(PartnerLinkIn(), {"organisation": blank_to_none(form.organisation.data)})
            with runtime().work() as work:
                partners.change_link(work, current_principal(), row.id, data["organisation"])
            flash(_("The partner's user organisation was saved."), "success")
            return redirect(url_for("partner_pages.partner_link", partner_id=row.id), code=303)
    with runtime().db.session() as session:
        link = partners.link_of(session, partners.partner_row(session, row.id))
    return render_template("intake/partners/link.html", form=form, link=link), form_status()


# --- competence needs (the partner's recording organisation, and the partner's own users) --------------
@bp.route("/partners/<uuid:partner_id>/needs/new", methods=["GET", "POST"])
@allow("manager")
def need_new(partner_id):
    """Record a competence need of a partner your organisation recorded."""
    with runtime().db.session() as session:
        partner = partners.visible_partner(session, current_principal(), partner_id)
    if not partners.rights_of(current_principal(), partner).needs:
        abort(403)
    return _need_form(NeedForm(), partner, None, url_for("partner_pages.partner_show", partner_id=partner.id))


@bp.route("/my/needs/new", methods=["GET", "POST"])
@allow("partner")
def my_need_new():
    """Tell a new competence need of your own organisation."""
    partner = _own_partner()
    return _need_form(NeedForm(), partner, None, url_for("partner_pages.my_needs"))


@bp.route("/competence-needs/<uuid:need_id>/edit", methods=["GET", "POST"])
@allow("manager", "partner")
def need_edit(need_id):
    """Change a competence need (a manager: of a partner their organisation recorded; a partner user: their own)."""
    principal = current_principal()
    with runtime().db.session() as session:
        row = needs.visible_need(session, principal, need_id)
        partner = partners.partner_row(session, row.partner_id)
        current = needs.describe(session, row, lang())
    if not partners.rights_of(principal, partner).needs:
        abort(403)
    back = url_for("partner_pages.partner_show", partner_id=partner.id) if principal.has("manager") \
        else url_for("partner_pages.my_needs")
    form = NeedForm()
    if request.method == "GET":
        form = NeedForm(data=_need_form_data(current))
    return _need_form(form, partner, row.id, back)


def _need_form_data(need: dict) -> dict:
    data = {k: need.get(k) for k in needs.FIELDS}
    data["languages"] = list(need.get("languages") or [])
    data["municipality"] = need.get("municipality") or ""
    data["skills"] = [{"skill": s["label"], "essential": "1" if s["essential"] else "0", "level": str(s["level"])}
                      for s in need["skills"]] + [{}] * SKILL_ROWS
    return data


def _need_form(form: NeedForm, partner, need_id: str | None, back: str):
    if form.validate_on_submit():
        data, unresolved, rows = need_input(form)
        try:
            try:
                data = load_with(CompetenceNeedIn(), data)
            except ValidationError as exc:
                raise Invalid(exc.messages) from exc
            if unresolved:
                raise Invalid(needs.problems_of(data))
            data["partner_id"] = partner.id
            with runtime().work() as work:
                if need_id is None:
                    saved = needs.described(*needs.save_need(work, current_principal(), partner, data),
                                            partner.name, lang())
                else:
                    saved = needs.change_need(work, current_principal(), need_id, data, lang(), partial=False)
            flash(_("The competence need was saved."), "success")
            for message in (m for messages in saved["notices"].values() for m in messages):
                flash(_(message), "notice")
            return redirect(back, code=303)
        except DomainError as exc:
            problems = remap_skill_problems(exc.fields, rows)
            if unresolved:
                given = problems.get("skills")
                problems["skills"] = {**(given if isinstance(given, dict) else {}), **unresolved}
            show_problems(form, problems or {"_schema": [exc.message]})
    return render_template("intake/partners/need_form.html", form=form, partner=partner, need_id=need_id,
                           back=back), form_status()


@bp.get("/my/needs")
@allow("partner")
def my_needs():
    """Your organisation's competence needs."""
    partner = _own_partner()
    with runtime().db.session() as session:
        own_needs = needs.needs_of_partner(session, partner.id, lang())
        contacts = contacts_by_need(session, [need["id"] for need in own_needs], reader=current_principal())
    return render_template("intake/partners/my_needs.html", partner=partner, needs=own_needs,
                           work_types=WORK_TYPE_LABELS, statuses=STATUS_LABELS, contacts=contacts,
                           rights=partners.rights_of(current_principal(), partner))


@bp.route("/my/partner", methods=["GET", "POST"])
@allow("partner")
def my_partner():
    """Your organisation's contact persons, whom the service managers contact."""
    partner = _own_partner()
    with runtime().db.session() as session:
        current = partners.describe(session, partner, lang())
    form = ContactsForm(data={"contacts": current["contacts"] + [{}]}) if request.method == "GET" else ContactsForm()
    if form.validate_on_submit():
        with refusals_on(form):
            data = load_with(PartnerContactsIn(), {"contacts": contacts_input(form)})
            with runtime().work() as work:
                partners.save_contacts(work, current_principal(), partner, data["contacts"])
            flash(_("The contact persons were saved."), "success")
            return redirect(url_for("partner_pages.my_partner"), code=303)
    return render_template("intake/partners/my_partner.html", form=form, partner=current,
                           kinds=KIND_LABELS), form_status()


def _own_partner():
    with runtime().db.session() as session:
        partner = partners.partner_of_organisation(session, current_principal().organisation)
    if partner is None:
        abort(404)
    return partner
