"""Pages of clients for managers: the list, registration, card, consents, closing and export (erasure is a rights
request with its decision, web/rights.py)."""
from __future__ import annotations

import json

from flask import Blueprint, Response, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from markupsafe import Markup

from services.intake.config import settings
from services.intake.context import lang, runtime
from services.intake.domain import clients as rules
from services.intake.domain import consent as consent_rules
from services.intake.handlers import access, bases, clients, consents, gdpr, registration
from services.intake.web.client_forms import (
    ClientForm,
    DecisionForm,
    RegistrationForm,
    SearchForm,
    area_choices,
    labels,
)
from shared import clock
from shared.auth import allow, current_principal
from shared.errors import Conflict, Invalid
from shared.reference import education
from shared.web.entries import KeptEntries
from shared.web.shell import kept_part

bp = Blueprint("client_pages", __name__)
PER_PAGE = 25
# Sections other areas add to the client card and the student's page, included when their template exists.
CARD_SECTIONS = ("notes", "profile", "needs", "path", "metrics", "outcomes", "overlap", "referrals", "suggestions",
                 "participations", "disclosures", "guardians")


def load_for_page(client_id, *, what: str, why: str, action: str = "read"):
    """The client row (audited) inside its own transaction, or the page's 404."""
    with runtime().work() as work:
        row = access.load_client(work, current_principal(), client_id, what=what, why=why, action=action)
        return row, consents.view_for(work, row), gdpr.audit_trail(work, row.id)


def _see_other(endpoint: str, **values):
    return redirect(url_for(endpoint, **values), code=303)


def _check_with_domain(form: ClientForm) -> bool:
    """Validate the form, then the domain's rules; show every problem beside its field."""
    valid = form.validate()
    minimum_age = settings(runtime().config).age_rules.minimum_age
    errors = rules.validate_client(form.client_data(), clock.today(), minimum_age=minimum_age)
    form.show_errors({name: reasons for name, reasons in errors.items()
                      if name not in form._fields or not form[name].errors})
    return valid and not errors


@bp.route("/clients", methods=["GET", "POST"])
@allow("manager")
def client_list():
    """The organisation's clients, searched by name in a POST body so that no name is in a URL. A GET reads no filters
    (it lists the active clients): its filters are the form's defaults, kept rendered (`filters_part`), and the form
    is built only when they are not kept yet."""
    searching = request.method == "POST"
    part = None if searching else filters_part()
    kept = kept_part(part)
    form = None if kept is not None else search_form(searching)
    args = {"status": "active", "page": 1, "per_page": PER_PAGE}
    if form is not None and searching and form.validate():
        args = {"status": form.status.data or None, "municipality": form.municipality.data or None,
                "service_area": form.service_area.data or None, "entered_from": form.entered_from.data,
                "entered_to": form.entered_to.data, "q": form.q.data, "page": max(form.page.data or 1, 1),
                "per_page": PER_PAGE}
    try:
        with runtime().reading() as work:  # one statement: no transaction around it
            result = clients.client_page(work, current_principal(), args, shown=None, columns=clients.ON_PAGE)
    except Invalid as exc:
        form, kept, part = form or search_form(searching), None, None  # the problems shown beside their fields
        for name, reasons in exc.fields.items():
            form[name].errors = list(form[name].errors or []) + [_(reason) for reason in reasons]
        result = {"items": [], "total": 0, "page": 1, "per_page": PER_PAGE}
    pages = max((result["total"] + PER_PAGE - 1) // PER_PAGE, 1)
    return render_template("intake/clients/list.html", form=form, result=result, pages=pages, labels=labels,
                           filters_part=part, filters=kept, rows=client_rows(result["items"]))


def search_form(searching: bool) -> SearchForm:
    """The list's filters: what a search sent (validated by `form.validate()`), or a GET's defaults."""
    form = SearchForm(formdata=request.form if searching else None)
    form.fill_choices(lang())
    return form


_SOME_ID = "00000000-0000-4000-8000-000000000000"


def card_links(ids: list) -> dict:
    """Each listed client's card link by their id, with the route's link built once for the page (`url_for` for each
    of 25 rows was a twentieth of the page's CPU): a client id is a UUID, which the route's converter writes as it
    is, so each link is the built one with the id in its place."""
    if not ids:
        return {}
    before, _id, after = url_for(".card", client_id=_SOME_ID).rpartition(_SOME_ID)
    return {client_id: f"{before}{client_id}{after}" for client_id in ids}


# Each listed client's row of the table (`intake/clients/row.html`) as a page showed it, kept by everything it
# shows (shared/web/entries.py): its card link, names, home municipality's code, date of entry and status, in a
# context of the language. Rows are kept only as the page's statement has just read them, so a changed name or
# status is a new key and shows at once; past KEEP_ROWS rows in a language they are rendered anew.
KEEP_ROWS = 5000
_rows = KeptEntries(KEEP_ROWS)
_AROUND_ROW = "\n      "  # the table's indentation around each row, as the page's loop wrote it


def client_rows(rows: list) -> Markup:
    """The page's rows (the statement's rows as they are) as the table's body: each rendered once per language and
    content and kept (`_rows`), one not kept yet by `_row_html`."""
    if not rows:
        return Markup()
    language = lang()
    cards = card_links([row.id for row in rows])
    return _rows.render((str(get_locale()), language), rows, lambda row: (
        cards[row.id], row.last_name, row.first_name, row.home_municipality, row.entered_on, row.status),
        lambda row: _row_html(row, cards[row.id], language))


def _row_html(row, href: str, language: str) -> str:
    """A client's row of the table (its template escapes what it shows), with the loop's indentation around it."""
    municipality = clients.municipality_view(row.home_municipality)
    return _AROUND_ROW + current_app.jinja_env.get_template("intake/clients/row.html").render(
        client=row, href=href, municipality=municipality["names"][language] if municipality else "",
        labels=labels) + _AROUND_ROW


def filters_part():
    """The key under which the list's filters as a GET shows them (their defaults, no errors) are rendered once per
    process (shared/web/shell.py), in the page's language, with the service areas in force. The 309 municipalities'
    options and the six fields' macros were a third of the page's CPU, and building the form for them a tenth."""
    return "client-filters", lang(), tuple((choice.value, str(choice.label)) for choice in area_choices(lang()))


@bp.route("/clients/new", methods=["GET", "POST"])
@allow("manager")
def register_client():
    """Register a client with their consents."""
    form = RegistrationForm()
    form.fill_choices(lang())
    asked = bases.asked_in(runtime().config, current_principal().organisation or "")
    if request.method == "POST":
        if _check_with_domain(form):
            try:
                with runtime().work() as work:
                    row = registration.register(work, current_principal(), form.client_data(), form.decisions(),
                                                today=clock.today(), method=form.consent_method.data)
            except Invalid as exc:
                form.show_errors(exc.fields)
            else:
                flash(_("The client is registered."), "success")
                return _see_other(".card", client_id=row.id)
        return render_template("intake/clients/form.html", form=form, registering=True, asked=asked), 422
    return render_template("intake/clients/form.html", form=form, registering=True, asked=asked)


@bp.route("/clients/<uuid:client_id>")
@allow("manager")
def card(client_id):
    """The client card: data, consents, the other areas' sections and the audit trail."""
    from services.intake.web.student_accounts import account_of

    row, consent_state, trail = load_for_page(client_id, what="client_card", why="guidance")
    return render_template("intake/clients/card.html", client=row, client_id=row.id, account=account_of(row.id),
                           view=clients.client_view(row), names=_names(row), consents=consent_state,
                           trail=trail[:30], sections=CARD_SECTIONS, labels=labels, purposes=consent_rules,
                           lang=lang(), decide_url=url_for(".decide", client_id=row.id))


def _names(row) -> dict:
    """Names of the coded values of a client in the page's language."""
    from babel import Locale

    languages = Locale(lang()).languages
    field = row.field_of_education
    return {"mother_tongue": languages.get(row.mother_tongue, row.mother_tongue) if row.mother_tongue else "",
            "languages": ", ".join(languages.get(item["code"], item["code"]) for item in row.languages or []),
            "field_of_education": f"{field} {education.name(field, lang())}" if field and education.is_valid(field)
            else field or ""}


@bp.route("/clients/<uuid:client_id>/edit", methods=["GET", "POST"])
@allow("manager")
def edit(client_id):
    """Correct a client's data."""
    form = ClientForm()
    form.fill_choices(lang())
    if request.method == "POST":
        if _check_with_domain(form):
            try:
                changes = {k: v for k, v in form.client_data().items() if k != "entered_on" or v}
                with runtime().work() as work:
                    registration.correct(work, current_principal(), client_id, changes, today=clock.today())
            except Invalid as exc:
                form.show_errors(exc.fields)
            else:
                flash(_("The changes are saved."), "success")
                return _see_other(".card", client_id=client_id)
        return render_template("intake/clients/form.html", form=form, registering=False, client_id=client_id), 422
    row, _consents, _trail = load_for_page(client_id, what="client_record", why="correction")
    form.show(row)
    return render_template("intake/clients/form.html", form=form, registering=False, client_id=client_id)


@bp.post("/clients/<uuid:client_id>/consents")
@allow("manager")
def decide(client_id):
    """Record a consent the client gives or withdraws in person."""
    return decide_from_form(client_id, url_for(".card", client_id=client_id),
                            why="consent_decision")


@bp.post("/clients/<uuid:client_id>/close")
@allow("manager")
def close(client_id):
    """Close the client's case."""
    try:
        with runtime().work() as work:
            clients.close(work, current_principal(), client_id, None, clock.today())
    except Conflict:
        pass  # closed already: the page says so either way
    flash(_("The case is closed."), "success")
    return _see_other(".card", client_id=client_id)


def download(client_id, why: str) -> Response:
    """All of a client's data as a JSON file to save (the export is audited), named by the day, not the id."""
    with runtime().work() as work:
        document = gdpr.export_for(work, current_principal(), client_id, why=why, lang=lang())
    body = json.dumps(document, ensure_ascii=False, indent=2)
    return Response(body, mimetype="application/json", headers={
        "Content-Disposition": f'attachment; filename="kampus-{clock.today().isoformat()}.json"',
        "Cache-Control": "no-store"})


@bp.get("/clients/<uuid:client_id>/export")
@allow("manager")
def export(client_id):
    """Download all of the client's data as JSON."""
    return download(client_id, "right_of_access")


def decide_from_form(client_id, back: str, *, why: str):
    """Record the decision a consent form posted, then go back to the page it was on."""
    form = DecisionForm()
    if not client_id:
        abort(404)
    if not form.validate_on_submit() or form.purpose.data not in consent_rules.PURPOSES \
            or form.given.data not in ("yes", "no"):
        abort(400)
    given = form.given.data == "yes"
    with runtime().work() as work:
        consents.decide(work, current_principal(), client_id, form.purpose.data, given, why=why)
    title = _(consent_rules.TITLES[form.purpose.data])
    flash(_("Consent given: %(purpose)s", purpose=title) if given
          else _("Consent withdrawn: %(purpose)s", purpose=title), "success")
    return redirect(back, code=303)
