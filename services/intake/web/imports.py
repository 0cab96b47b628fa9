"""Pages for importing clients, partners and competence needs from a CSV or Excel file, with a preview.

The file is posted, read and staged on the server; the preview's address names only the staged batch, never
a person. Each row is checked by the API's own schema and the handlers' rules, and its problems are shown
beside it. Nothing is stored unless every row is valid or the manager chooses to import only the valid ones.
"""
from __future__ import annotations

import csv
import io

from flask import Blueprint, Response, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField
from marshmallow import ValidationError
from wtforms import RadioField, SelectField

from services.intake.api.client_schemas import RegistrationSchema
from services.intake.api.competence_needs import CompetenceNeedIn
from services.intake.api.partners import PartnerIn
from services.intake.context import runtime
from services.intake.domain.imports import KINDS
from services.intake.handlers import imports
from shared import clock
from shared.auth import allow, current_principal
from shared.errors import DomainError
from shared.spreadsheets import safe_cell
from shared.web.forms import PageForm, choices, form_status

bp = Blueprint("import_pages", __name__)
KIND_LABELS = {"clients": _l("Clients"), "partners": _l("Partners"), "needs": _l("Competence needs")}
SCHEMAS = {"clients": RegistrationSchema, "partners": PartnerIn, "needs": CompetenceNeedIn}


class UploadForm(PageForm):
    kind = SelectField(_l("What the file holds"), choices=choices(KIND_LABELS.items()))
    file = FileField(_l("File (CSV or Excel)"), description=_l("Start from the template: one row per record."))


class DecisionForm(PageForm):
    action = RadioField(_l("Import"), choices=choices([("all", _l("Import every row")),
                                                      ("valid", _l("Import only the valid rows")),
                                                      ("discard", _l("Discard the file"))]))


def load(kind: str, body: dict) -> tuple[dict, dict]:
    """The API's schema of the kind over one row: (loaded fields, problems by field)."""
    try:
        return SCHEMAS[kind]().load(body), {}
    except ValidationError as exc:
        messages = exc.messages if isinstance(exc.messages, dict) else {"_schema": exc.messages}
        return {}, {key: value if isinstance(value, list) else [str(value)] for key, value in messages.items()}


def _flat(errors: dict) -> list[tuple[str, str]]:
    """(column, message) pairs of a row's problems, nested ones (a consent) under their column."""
    found = []
    for key, value in errors.items():
        if isinstance(value, dict):
            found += [(f"consent_{sub}" if key == "consents" else f"{key}.{sub}", msg)
                      for sub, msgs in value.items() for msg in (msgs if isinstance(msgs, list) else [msgs])]
        else:
            found += [(key, str(msg)) for msg in (value if isinstance(value, list) else [value])]
    return found


@bp.route("/imports", methods=["GET", "POST"])
@allow("manager")
def upload():
    """Choose what to import and the file; the file is read and its preview opens."""
    form = UploadForm()
    if form.validate_on_submit():
        upload_file = request.files.get("file")
        if upload_file is None or not upload_file.filename:
            form.file.errors = [_("Choose a file.")]
        else:
            try:
                _headers, rows = imports.read_table(form.kind.data, upload_file.filename, upload_file.read())
                with runtime().work() as work:
                    batch_id = imports.stage(work, current_principal(), form.kind.data, upload_file.filename, rows)
                return redirect(url_for(".preview", batch_id=batch_id), code=303)
            except DomainError as exc:
                form.file.errors = [_(m) for m in exc.fields.get("file", [exc.message])]
        return render_template("intake/imports/upload.html", form=form, kinds=KIND_LABELS), 422
    return render_template("intake/imports/upload.html", form=form, kinds=KIND_LABELS), form_status()


def _preview(batch_id, form: DecisionForm | None = None, status: int = 200, error: str | None = None):
    principal = current_principal()
    with runtime().work() as work:
        batch = imports.staged(work.session, principal, batch_id)
        checked = imports.check_rows(work, principal, batch, load, clock.today())
    headers, _example = imports.template_rows(batch.kind)
    shown = [h for h in headers if any(c.cells.get(h) for c in checked)]
    bad = [c for c in checked if not c.valid]
    return render_template("intake/imports/preview.html", batch=batch, rows=checked, headers=shown, bad=bad,
                           problems={c.row: _flat(c.errors) for c in bad}, kind=KIND_LABELS[batch.kind],
                           form=form or DecisionForm(formdata=None), error=error), status


@bp.get("/imports/<uuid:batch_id>")
@allow("manager")
def preview(batch_id):
    """Every row of the read file with its problems beside it, and what to do with the file."""
    return _preview(batch_id)


@bp.post("/imports/<uuid:batch_id>")
@allow("manager")
def decide(batch_id):
    """Import every row (only when all are valid), only the valid ones, or discard the file."""
    form = DecisionForm()
    if not form.validate_on_submit():
        return _preview(batch_id, form, 422)
    principal = current_principal()
    if form.action.data == "discard":
        with runtime().work() as work:
            imports.discard(work, principal, batch_id)
        flash(_("The file was discarded; nothing was imported."), "success")
        return redirect(url_for(".upload"), code=303)
    try:
        with runtime().work() as work:
            stored = imports.run_import(work, principal, batch_id, load, only_valid=form.action.data == "valid",
                                        today=clock.today())
    except DomainError as exc:
        return _preview(batch_id, form, exc.status, _(exc.message))
    flash(_("Imported rows: %(count)s.", count=stored), "success")
    return redirect(url_for(".upload"), code=303)


@bp.get("/imports/template/<kind>.<extension>")
@allow("manager")
def template(kind: str, extension: str):
    """The columns of a kind with an example row, as CSV or Excel."""
    if kind not in KINDS or extension not in ("csv", "xlsx"):
        return render_template("errors/404.html"), 404
    headers, example = imports.template_rows(kind)
    name = f"kampus-{kind}-template.{extension}"
    if extension == "csv":
        out = io.StringIO()
        writer = csv.writer(out, delimiter=";")
        writer.writerow(headers)
        writer.writerow([safe_cell(v) for v in example])
        return Response("\ufeff" + out.getvalue(), mimetype="text/csv",
                        headers={"Content-Disposition": f'attachment; filename="{name}"'})
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = kind
    sheet.append(headers)
    sheet.append([safe_cell(v) for v in example])
    data = io.BytesIO()
    book.save(data)
    return Response(data.getvalue(), headers={"Content-Disposition": f'attachment; filename="{name}"'},
                    mimetype="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
