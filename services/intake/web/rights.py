"""Pages of the rights register: requests with their deadlines, erasure decisions, restrictions and objections."""
from __future__ import annotations

from datetime import datetime
from pathlib import Path

from flask import Blueprint, Response, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import lazy_pgettext
from wtforms import DateField, RadioField, SelectField, TextAreaField
from wtforms.validators import Optional

from services.intake.context import lang, runtime, subject_sources
from services.intake.domain import erasure as erasure_rules
from services.intake.handlers import erasure, network_export, restrictions, rights
from services.intake.handlers.access import load_client
from services.intake.web.partner_forms import reason
from shared import clock
from shared.auth import allow, current_principal
from shared.errors import DomainError
from shared.privacy import register
from shared.web.forms import PageForm, choices, form_status, refusals_on, succeeded
from shared.web.peer import remove_login

bp = Blueprint("rights_pages", __name__)
STYLESHEET = Path(__file__).resolve().parent.parent / "static" / "intake" / "export.css"

KIND_LABELS = {"access": _l("Access to data"), "rectification": _l("Rectification"), "erasure": _l("Erasure"),
               "restriction": _l("Restriction of processing"), "objection": _l("Objection to processing"),
               "portability": _l("Data portability")}
PURPOSE_LABELS = {"guidance": _l("Guidance and the personal path"), "matching": _l("Matching"),
                  "contact_sharing": _l("Contact details to partners"), "statistics": _l("Statistics"),
                  "esf_reporting": _l("ESF reporting to the funder")}
STATE_LABELS = {"open": _l("Open"), "extended": _l("Extended"), "done": _l("Done"), "refused": _l("Refused")}
URGENCY_LABELS = {"overdue": _l("Overdue"), "near": _l("Deadline near"), "in_time": _l("In time"),
                  "answered": _l("Answered")}
# What the decision does to a record, in the same tense for each (fi "Poistetaan" beside "Arkistoidaan", not the
# client status "Poistettu").
ACTION_LABELS = {"erase": lazy_pgettext("erasure decision", "Erased"), "archive": _l("Archived"), "keep": _l("Kept")}
RECORD_LABELS = {"client_record": _l("Client record"), "case_notes": _l("Needs, path, metrics and notes"),
                 "matching": _l("Matching's profile and suggestions"), "statistics": _l("Reporting's statistics"),
                 "environments": _l("Participation in learning environments"),
                 "audit_log": _l("Log of who handled the data"), "consents": _l("Consent decisions"),
                 "rights_requests": _l("Rights requests")}
DECISION_LABELS = {"restricted": _l("Restricted"), "upheld": _l("Objection upheld"),
                   "rejected": _l("Objection rejected")}


class RequestForm(PageForm):
    """A request received from the client (or their guardian)."""
    kind = SelectField(_l("Request"), choices=choices(KIND_LABELS.items()))
    purpose = SelectField(_l("Purpose concerned"), validate_choice=False,
                          description=_l("Only for a restriction or an objection."))
    received_on = DateField(_l("Received on"), validators=[Optional()])

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.purpose.choices = choices([("", _("– none –")), *PURPOSE_LABELS.items()])


class ExtendForm(PageForm):
    extension_reason = TextAreaField(_l("Why more time is needed (the person is told)"))


class AnswerForm(PageForm):
    state = RadioField(_l("Answer"), choices=choices([("done", _l("Done")), ("refused", _l("Refused"))]))
    decision = TextAreaField(_l("Decision and its reasons (the person is told)"))


class RestrictionForm(PageForm):
    upheld = RadioField(_l("Decision"), choices=choices([("yes", _l("Stop the processing for this purpose")),
                                                         ("no", _l("Continue: compelling legitimate grounds"))]),
                        default="yes")
    reason = TextAreaField(_l("Grounds (for an objection, the balancing made)"))


def _labels() -> dict:
    return {"kinds": KIND_LABELS, "purposes": PURPOSE_LABELS, "states": STATE_LABELS, "urgency": URGENCY_LABELS,
            "actions": ACTION_LABELS, "records": RECORD_LABELS, "decisions": DECISION_LABELS}


@bp.get("/rights")
@allow("manager")
def register_page():
    """The organisation's rights requests, overdue and near-deadline ones first."""
    with runtime().work() as work:
        items = rights.register_page(work, current_principal())
    counts = {u: sum(1 for i in items if i["urgency"] == u) for u in ("overdue", "near")}
    return render_template("intake/rights/list.html", rights_items=items, counts=counts, **_labels())


@bp.route("/clients/<uuid:client_id>/rights/new", methods=["GET", "POST"])
@allow("manager")
def new_request(client_id):
    """Enter a request the client made into the register."""
    principal = current_principal()
    with runtime().work() as work:
        client = load_client(work, principal, client_id, what="client_name", why="rights_request")
    form = RequestForm()
    if request.method == "GET":
        form.received_on.data = clock.today()
        if request.args.get("kind") in KIND_LABELS:
            form.kind.data = request.args["kind"]
    if form.validate_on_submit():
        with refusals_on(form):
            with runtime().work() as work:
                made = rights.register(work, principal, client.id, form.kind.data, form.purpose.data or None,
                                       form.received_on.data)
            return succeeded(_("The request is in the register."), ".request_page", request_id=made["id"])
    return render_template("intake/rights/form.html", form=form, client=client), form_status()


def _render_request(request_id, status: int = 200, **forms):
    principal = current_principal()
    with runtime().work() as work:
        item = rights.request_view(work, principal, request_id)
        decision = erasure.decision_for(work, principal, item)
        held = restrictions.restrictions_of(work.session, item["client_id"])
    forms.setdefault("extend_form", ExtendForm())
    forms.setdefault("answer_form", AnswerForm())
    forms.setdefault("restriction_form", RestrictionForm())
    return render_template("intake/rights/request.html", item=item, decision=decision, restrictions=held,
                           reasons=erasure_rules.REASONS, **forms, **_labels()), status


@bp.get("/rights/<uuid:request_id>")
@allow("manager")
def request_page(request_id):
    """One request: its deadline, its decision and what can be done with it."""
    return _render_request(request_id)


@bp.post("/rights/<uuid:request_id>/extend")
@allow("manager")
def extend(request_id):
    """Extend the deadline by two months, with the reason."""
    form = ExtendForm()
    if form.validate_on_submit():
        with refusals_on(form):
            with runtime().work() as work:
                rights.extend(work, current_principal(), request_id, form.extension_reason.data or "")
            return succeeded(_("The deadline was extended."), ".request_page", request_id=request_id)
    return _render_request(request_id, 422, extend_form=form)


@bp.post("/rights/<uuid:request_id>/answer")
@allow("manager")
def answer(request_id):
    """Answer the request: done or refused, with the decision."""
    form = AnswerForm()
    if form.validate_on_submit():
        with refusals_on(form):
            with runtime().work() as work:
                rights.answer(work, current_principal(), request_id, form.state.data or "", form.decision.data or "")
            return succeeded(_("The request was answered."), ".request_page", request_id=request_id)
    return _render_request(request_id, 422, answer_form=form)


@bp.post("/rights/<uuid:request_id>/erasure")
@allow("manager")
def carry_out(request_id):
    """Carry out the erasure decision shown on the request's page."""
    form = PageForm()
    if form.validate_on_submit():
        try:
            with runtime().work() as work:
                done = erasure.carry_out(work, current_principal(), request_id)
            if done["result"] == "erased":
                remove_login(done["client_id"])  # the student's login in the portal goes with the data
            flash(_("The client record was archived.") if done["result"] == "archived"
                  else _("The client's personal data is erased."), "success")
            return redirect(url_for(".register_page"), code=303)
        except DomainError as exc:
            flash(reason(exc), "error")
    return redirect(url_for(".request_page", request_id=request_id), code=303)


@bp.post("/rights/<uuid:request_id>/restriction")
@allow("manager")
def restrict(request_id):
    """Decide a restriction or an objection: the purpose stops, or the grounds to continue are recorded."""
    form = RestrictionForm()
    principal = current_principal()
    if form.validate_on_submit():
        with refusals_on(form):
            with runtime().work() as work:
                item = rights.request_view(work, principal, request_id)
                made = restrictions.record(work, principal, item["client_id"], kind=item["kind"],
                                           purpose=item["purpose"] or "", upheld=form.upheld.data != "no",
                                           reason=form.reason.data or "", request_id=item["id"])
                rights.answer(work, principal, request_id, "done" if made["decision"] != "rejected" else "refused",
                              form.reason.data or "")
            return succeeded(_("The decision was recorded."), ".request_page", request_id=request_id)
    return _render_request(request_id, 422, restriction_form=form)


@bp.post("/rights/<uuid:request_id>/restrictions/<int:restriction_id>/lift")
@allow("manager")
def lift(request_id, restriction_id):
    """Lift a restriction (tell the person first): the processing resumes."""
    form = PageForm()
    if form.validate_on_submit():
        principal = current_principal()
        try:
            with runtime().work() as work:
                item = rights.request_view(work, principal, request_id)
                restrictions.lift(work, principal, item["client_id"], restriction_id)
            flash(_("The restriction was lifted."), "success")
        except DomainError as exc:
            flash(reason(exc), "error")
    return redirect(url_for(".request_page", request_id=request_id), code=303)



BASIS_LABELS = {"public_task": _l("Task in the public interest"), "legal_obligation": _l("Legal obligation"),
                "contract": _l("Contract"), "legitimate_interest": _l("Legitimate interest"),
                "consent": _l("Consent")}
THEN_LABELS = {"delete": _l("deleted"), "anonymise": _l("anonymised"), "archive": _l("archived"),
               "keep": _l("kept permanently")}
PART_LABELS = (("intake", _l("The organisation's own service (intake)")), ("matching", _l("Matching")),
               ("environments", _l("Project learning environments")), ("reporting", _l("Reporting")),
               ("portal", _l("The student's login to the service")))


@bp.get("/clients/<uuid:client_id>/network-export")
@allow("manager")
def network_export_document(client_id):
    """Everything the network holds about the client as a readable document (HTML, or PDF with ?format=pdf)."""
    with runtime().work() as work:
        document = network_export.network_export(work, current_principal(), client_id, subject_sources())
    client = document["client"]
    html = render_template(
        "intake/rights/export_document.html", document=document, language=lang(),
        person_name=f"{client.get('first_name') or ''} {client.get('last_name') or ''}".strip(),
        exported_at=datetime.fromisoformat(document["exported_at"]), purpose_labels=PURPOSE_LABELS,
        basis_labels=BASIS_LABELS, then_labels=THEN_LABELS, parts=PART_LABELS, laws=register.LAWS,
        law_parts=register.law_parts, record_types=register.RECORD_TYPES,
        stylesheet=None if request.args.get("format") == "pdf" else url_for("static", filename="intake/export.css"))
    if request.args.get("format") == "pdf":
        return Response(render_pdf(html), mimetype="application/pdf", headers={
            "Content-Disposition": f'attachment; filename="kampus-{clock.today().isoformat()}.pdf"',
            "Cache-Control": "no-store"})
    return Response(html, mimetype="text/html", headers={"Cache-Control": "no-store"})


def render_pdf(html: str) -> bytes:
    """A PDF of the self-contained document (nothing is fetched)."""
    from weasyprint import CSS, HTML

    def no_fetching(url: str, *args, **kwargs):
        raise ValueError(f"the export fetches nothing: {url}")

    return HTML(string=html, url_fetcher=no_fetching).write_pdf(stylesheets=[CSS(filename=str(STYLESHEET))])
