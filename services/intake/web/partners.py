"""Pages for partners and their competence needs: the managers' partner register and the partner's own needs."""
from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from marshmallow import ValidationError
from sqlalchemy import func, select

from services.intake.api import competence_needs as needs_api
from services.intake.api import partners as partners_api
from services.intake.contact_sharing import contacts_by_need
from services.intake.context import page_errors, runtime
from services.intake.db import competence_needs, partners
from services.intake.web.partner_forms import (KIND_LABELS, SKILL_ROWS, STATUS_LABELS, WORK_TYPE_LABELS, ContactsForm,
                                               LinkForm, NeedForm, PartnerForm, blank_to_none, contacts_input,
                                               load_with, need_input, partner_input, remap_skill_problems,
                                               show_problems)
from shared.auth import allow, current_principal
from shared.web.errors import ApiError

bp = Blueprint("partner_pages", __name__)

# --- partners (managers; the administrator links them to their users) ---------------------------------
@bp.get("/partners")
@allow("manager", "admin")
def partner_list():
    """The network's partners with their open needs."""
    with runtime().db.session() as session:
        open_needs = dict(session.execute(select(competence_needs.c.partner_id, func.count())
                                          .where(competence_needs.c.status == "open")
                                          .group_by(competence_needs.c.partner_id)).all())
        rows = [partners_api.describe(session, row) for row in
                session.execute(select(partners).order_by(partners.c.name))]
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
    with runtime().db.session() as session, page_errors():
        row = partners_api.visible_partner(session, current_principal(), partner_id)
        current = partners_api.describe(session, row)
    if not partners_api.rights_of(current_principal(), row).details:
        abort(403)
    form = PartnerForm(data={k: current.get(k) or "" for k in partners_api.DETAILS}
                       | {"contacts": current["contacts"] + [{}]}) if request.method == "GET" else PartnerForm()
    return _partner_form(form, row.id)


def _partner_form(form: PartnerForm, partner_id: str | None):
    if form.validate_on_submit():
        try:
            data = load_with(partners_api.PartnerIn(), partner_input(form))
            with runtime().work() as work:
                saved = partners_api.save_partner(work, current_principal(), data, partner_id)
            flash(_("The partner was saved."), "success")
            return redirect(url_for("partner_pages.partner_show", partner_id=saved), code=303)
        except ValidationError as exc:
            show_problems(form, exc.messages)
        except ApiError as exc:
            show_problems(form, exc.fields or {"_schema": [exc.message]})
    status = 422 if request.method == "POST" else 200
    return render_template("intake/partners/form.html", form=form, partner_id=partner_id), status


@bp.get("/partners/<uuid:partner_id>")
@allow("manager", "admin")
def partner_show(partner_id):
    """A partner with its contacts and competence needs; what you may change of it is offered."""
    with runtime().db.session() as session, page_errors():
        row = partners_api.visible_partner(session, current_principal(), partner_id)
        partner = partners_api.describe(session, row)
        needs = [needs_api.describe(session, row) for row in session.execute(
            select(competence_needs).where(competence_needs.c.partner_id == partner["id"])
            .order_by(competence_needs.c.updated_at.desc()))]
        contacts = contacts_by_need(session, [need["id"] for need in needs],
                                    shared_by=current_principal().organisation)
    return render_template("intake/partners/show.html", partner=partner, needs=needs, kinds=KIND_LABELS,
                           work_types=WORK_TYPE_LABELS, statuses=STATUS_LABELS, contacts=contacts,
                           rights=partners_api.rights_of(current_principal(), row))


@bp.route("/partners/<uuid:partner_id>/link", methods=["GET", "POST"])
@allow("admin")
def partner_link(partner_id):
    """Link a partner to the login organisation whose users act for it, with the record of earlier changes."""
    with runtime().db.session() as session, page_errors():
        row = partners_api.visible_partner(session, current_principal(), partner_id)
    form = LinkForm(data={"organisation": row.organisation or ""}) if request.method == "GET" else LinkForm()
    if form.validate_on_submit():
        try:
            data = load_with(partners_api.PartnerLinkIn(), {"organisation": blank_to_none(form.organisation.data)})
            with runtime().work() as work:
                partners_api.link_partner(work, current_principal(), partners_api.partner_row(work.session, row.id),
                                          data["organisation"])
            flash(_("The partner's user organisation was saved."), "success")
            return redirect(url_for("partner_pages.partner_link", partner_id=row.id), code=303)
        except ValidationError as exc:
            show_problems(form, exc.messages)
        except ApiError as exc:
            show_problems(form, exc.fields or {"_schema": [exc.message]})
    with runtime().db.session() as session:
        link = partners_api.link_of(session, partners_api.partner_row(session, row.id))
    status = 422 if request.method == "POST" else 200
    return render_template("intake/partners/link.html", form=form, link=link), status


# --- competence needs (the partner's recording organisation, and the partner's own users) --------------
@bp.route("/partners/<uuid:partner_id>/needs/new", methods=["GET", "POST"])
@allow("manager")
def need_new(partner_id):
    """Record a competence need of a partner your organisation recorded."""
    with runtime().db.session() as session, page_errors():
        partner = partners_api.visible_partner(session, current_principal(), partner_id)
    if not partners_api.rights_of(current_principal(), partner).needs:
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
    with runtime().db.session() as session, page_errors():
        row = needs_api.visible_need(session, principal, need_id)
        partner = partners_api.partner_row(session, row.partner_id)
        current = needs_api.describe(session, row)
    if not partners_api.rights_of(principal, partner).needs:
        abort(403)
    back = url_for("partner_pages.partner_show", partner_id=partner.id) if principal.has("manager") \
        else url_for("partner_pages.my_needs")
    form = NeedForm()
    if request.method == "GET":
        form = NeedForm(data=_need_form_data(current))
    return _need_form(form, partner, row.id, back)


def _need_form_data(need: dict) -> dict:
    data = {k: need.get(k) for k in needs_api.FIELDS}
    data["languages"] = ", ".join(need.get("languages") or [])
    data["municipality"] = need.get("municipality") or ""
    data["skills"] = [{"skill": s["label"], "essential": "1" if s["essential"] else "0", "level": str(s["level"])}
                      for s in need["skills"]] + [{}] * SKILL_ROWS
    return data


def _need_form(form: NeedForm, partner, need_id: str | None, back: str):
    if form.validate_on_submit():
        data, unresolved, rows = need_input(form)
        try:
            try:
                data = load_with(needs_api.CompetenceNeedIn(), data)
            except ValidationError as exc:
                raise ApiError(422, "Invalid input", exc.messages) from exc
            if unresolved:
                raise ApiError(422, "Invalid input", needs_api.problems_of(data))
            data["partner_id"] = partner.id
            if need_id is None:
                with runtime().work() as work:
                    needs_api.save_need(work, current_principal(), partner, data)
            else:
                needs_api.change_need(current_principal(), need_id, data, partial=False)
            flash(_("The competence need was saved."), "success")
            return redirect(back, code=303)
        except ApiError as exc:
            problems = remap_skill_problems(exc.fields, rows)
            if unresolved:
                given = problems.get("skills")
                problems["skills"] = {**(given if isinstance(given, dict) else {}), **unresolved}
            show_problems(form, problems or {"_schema": [exc.message]})
    status = 422 if request.method == "POST" else 200
    return render_template("intake/partners/need_form.html", form=form, partner=partner, need_id=need_id,
                           back=back), status


@bp.get("/my/needs")
@allow("partner")
def my_needs():
    """Your organisation's competence needs."""
    partner = _own_partner()
    with runtime().db.session() as session:
        needs = [needs_api.describe(session, row) for row in session.execute(
            select(competence_needs).where(competence_needs.c.partner_id == partner.id)
            .order_by(competence_needs.c.updated_at.desc()))]
        contacts = contacts_by_need(session, [need["id"] for need in needs])
    return render_template("intake/partners/my_needs.html", partner=partner, needs=needs,
                           work_types=WORK_TYPE_LABELS, statuses=STATUS_LABELS, contacts=contacts,
                           rights=partners_api.rights_of(current_principal(), partner))


@bp.route("/my/partner", methods=["GET", "POST"])
@allow("partner")
def my_partner():
    """Your organisation's contact persons, whom the service managers contact."""
    partner = _own_partner()
    with runtime().db.session() as session:
        current = partners_api.describe(session, partner)
    form = ContactsForm(data={"contacts": current["contacts"] + [{}]}) if request.method == "GET" else ContactsForm()
    if form.validate_on_submit():
        try:
            data = load_with(partners_api.PartnerContactsIn(), {"contacts": contacts_input(form)})
            with runtime().work() as work:
                partners_api.save_contacts(work, current_principal(), partner, data["contacts"])
            flash(_("The contact persons were saved."), "success")
            return redirect(url_for("partner_pages.my_partner"), code=303)
        except ValidationError as exc:
            show_problems(form, exc.messages)
        except ApiError as exc:
            show_problems(form, exc.fields or {"_schema": [exc.message]})
    status = 422 if request.method == "POST" else 200
    return render_template("intake/partners/my_partner.html", form=form, partner=current, kinds=KIND_LABELS), status


def _own_partner():
    with runtime().db.session() as session:
        partner = partners_api.partner_of_organisation(session, current_principal().organisation)
    if partner is None:
        abort(404)
    return partner
