"""Imports of clients, partners and competence needs from a CSV or Excel file.

A file is read into a staged batch (server-side, expiring: no row ever travels in a URL), then previewed:
every row is checked by the same schema and rules as a record entered by hand, and each row's problems are
shown beside it. Importing stores all rows in one transaction, and only when every row is valid, or only
the valid ones when the manager asks so; each imported record remembers the batch, the file and the row.
"""
from __future__ import annotations

import csv
import io
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import delete, insert, select, update

from services.intake.db import import_batches, import_sources, partners
from services.intake.domain import N_
from services.intake.domain.imports import COLUMNS, MAX_ROWS, STAGED_FOR, missing_columns, read_row, unknown_columns
from services.intake.handlers import competence_needs, registration
from services.intake.handlers import partners as partner_handlers
from shared.auth.principal import Principal
from shared.errors import Conflict, Invalid, NotFound
from shared.events.envelope import utcnow
from shared.runtime import Work

# The API's schema for a kind: (fields as the API takes them) -> (loaded fields, problems by field).
Loader = Callable[[str, dict], tuple[dict, dict]]


@dataclass
class RowCheck:
    """One row of a file as the preview shows it: its number in the file, its cells and its problems."""

    row: int
    cells: dict
    errors: dict = field(default_factory=dict)
    data: dict = field(default_factory=dict)

    @property
    def valid(self) -> bool:
        return not self.errors


# --- reading a file ------------------------------------------------------------------------------------

def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _csv_rows(data: bytes) -> list[list[str]]:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    sample = text[:4096]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=";,\t")
    except csv.Error:
        dialect = csv.excel
    return [list(r) for r in csv.reader(io.StringIO(text), dialect)]


def _xlsx_rows(data: bytes) -> list[list[str]]:
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a file that is not a workbook
        raise Invalid({"file": [N_("The file could not be read as an Excel workbook (.xlsx).")]}) from exc
    sheet = book.worksheets[0]
    rows = [[_cell(v) for v in row] for row in sheet.iter_rows(values_only=True)]
    book.close()
    return rows


def read_table(kind: str, filename: str, data: bytes) -> tuple[list[str], list[dict]]:
    """The header and the non-empty rows ({"row": number in the file, "cells": {column: text}}) of a file."""
    name = filename.lower()
    if name.endswith(".xlsx"):
        table = _xlsx_rows(data)
    elif name.endswith((".csv", ".txt")):
        table = _csv_rows(data)
    else:
        raise Invalid({"file": [N_("Choose a CSV or an Excel (.xlsx) file.")]})
    if not table:
        raise Invalid({"file": [N_("The file is empty.")]})
    headers = [str(h or "").strip().lower() for h in table[0]]
    problems = []
    if missing_columns(kind, headers):
        problems.append(N_("The file lacks required columns. Start from the template."))
    if unknown_columns(kind, headers):
        problems.append(N_("The file has columns the template does not have. Start from the template."))
    if problems:
        raise Invalid({"file": problems})
    rows = []
    for number, values in enumerate(table[1:], start=2):
        cells = {h: _cell(v) for h, v in zip(headers, values, strict=False) if h}
        if any(cells.values()):
            rows.append({"row": number, "cells": cells})
    if not rows:
        raise Invalid({"file": [N_("The file has no rows after the header.")]})
    if len(rows) > MAX_ROWS:
        raise Invalid({"file": [N_("The file has too many rows: import at most 5000 at a time.")]})
    return headers, rows


# --- the staged batch ----------------------------------------------------------------------------------

def stage(work: Work, principal: Principal, kind: str, filename: str, rows: list[dict]) -> str:
    """Keep a read file for its preview (and remove batches whose time has passed)."""
    now = utcnow()
    work.session.execute(delete(import_batches).where(import_batches.c.expires_at < now))
    batch_id = str(uuid.uuid4())
    work.session.execute(insert(import_batches).values(
        id=batch_id, organisation=principal.organisation, kind=kind, filename=filename[:200], rows=rows,
        created_by=principal.user_id, created_at=now, expires_at=now + STAGED_FOR))
    return batch_id


def staged(session, principal: Principal, batch_id):
    """A batch of the principal's organisation still waiting (not imported, not expired), else NotFound."""
    row = session.execute(select(import_batches).where(import_batches.c.id == str(batch_id))).first()
    if (row is None or row.organisation != principal.organisation or row.rows is None
            or _aware(row.expires_at) < utcnow()):
        raise NotFound(N_("The file is no longer waiting: read it again."))
    return row


def _aware(moment: datetime) -> datetime:
    from datetime import UTC

    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def discard(work: Work, principal: Principal, batch_id) -> None:
    staged(work.session, principal, batch_id)
    work.session.execute(delete(import_batches).where(import_batches.c.id == str(batch_id)))


# --- checking and importing ------------------------------------------------------------------------------

def _partner_by_business_id(session, business_id: str):
    from services.intake.domain.partners import normalise_business_id

    try:
        wanted = normalise_business_id(business_id)
    except ValueError:
        return None
    return session.execute(select(partners).where(partners.c.business_id == wanted)).first()


def check_rows(work: Work, principal: Principal, batch, load: Loader, today: date) -> list[RowCheck]:
    """Every row of the batch with its problems: reading its cells, the API's schema, the handlers' rules."""
    results, business_ids = [], {}
    for item in batch.rows:
        body, errors = read_row(batch.kind, item["cells"])
        partner = None
        if batch.kind == "needs" and "partner_business_id" not in errors:
            partner = _partner_by_business_id(work.session, body.pop("partner_business_id"))
            if partner is None:
                errors["partner_business_id"] = [N_("No partner with this Y-tunnus: import or record it first.")]
            else:
                body["partner_id"] = partner.id
        else:
            body.pop("partner_business_id", None)
        loaded, schema_errors = load(batch.kind, {k: v for k, v in body.items() if k not in errors})
        errors.update({k: v for k, v in schema_errors.items() if k not in errors})
        if not errors:
            errors.update(_rules(work, principal, batch.kind, loaded, partner, today))
        if batch.kind == "partners" and loaded.get("business_id") and "business_id" not in errors:
            earlier = business_ids.setdefault(loaded["business_id"], item["row"])
            if earlier != item["row"]:
                errors["business_id"] = [N_("The same Y-tunnus is on an earlier row of the file.")]
        results.append(RowCheck(item["row"], item["cells"], errors, loaded))
    return results


def _rules(work: Work, principal: Principal, kind: str, data: dict, partner, today: date) -> dict:
    if kind == "clients":
        decisions = dict(data.get("consents") or {})
        fields = {k: v for k, v in data.items() if k not in ("consents", "consent_version", "consent_method")}
        return registration.problems(work, principal, fields, decisions, today=today,
                                     method=data.get("consent_method", "in_person"))
    if kind == "partners":
        value = data.get("business_id")
        if value and work.session.execute(select(partners.c.id).where(partners.c.business_id == value)).first():
            return {"business_id": [N_("Already recorded for another partner.")]}
        return {}
    try:
        competence_needs.require_need_rights(principal, partner)
    except Exception:  # noqa: BLE001 - a refusal of any kind is this row's problem
        return {"partner_business_id": [N_("Only the organisation that recorded the partner records its needs.")]}
    problems = competence_needs.problems_of(data)
    if data.get("status", "open") == "open" and competence_needs.open_namesake(work.session, partner.id,
                                                                               data["title"]) is not None:
        problems["title"] = [competence_needs.TWICE]
    return problems


def run_import(work: Work, principal: Principal, batch_id, load: Loader, *, only_valid: bool, today: date) -> int:
    """Store the batch's rows (all of them valid, or only the valid ones when asked); how many were stored."""
    batch = staged(work.session, principal, batch_id)
    checked = check_rows(work, principal, batch, load, today)
    bad = [c for c in checked if not c.valid]
    if bad and not only_valid:
        raise Conflict(N_("Some rows have errors: correct them and read the file again, or import only the valid "
                          "rows."), on=None)
    now, stored = utcnow(), 0
    for item in (c for c in checked if c.valid):
        object_id = _store(work, principal, batch.kind, item.data, today)
        work.session.execute(insert(import_sources).values(
            batch_id=batch.id, kind=batch.kind, object_id=object_id,
            client_id=object_id if batch.kind == "clients" else None, filename=batch.filename, row_number=item.row,
            imported_at=now))
        stored += 1
    work.session.execute(update(import_batches).where(import_batches.c.id == batch.id)
                         .values(rows=None, imported_at=now))
    return stored


def _store(work: Work, principal: Principal, kind: str, data: dict, today: date) -> str:
    if kind == "clients":
        fields = dict(data)
        decisions = fields.pop("consents", {}) or {}
        version, method = fields.pop("consent_version", None), fields.pop("consent_method", "in_person")
        kwargs = {"version": version} if version else {}
        return str(registration.register(work, principal, fields, decisions, today=today, method=method,
                                         **kwargs).id)
    if kind == "partners":
        return partner_handlers.save_partner(work, principal, data)
    partner = partner_handlers.partner_row(work.session, data["partner_id"])
    row, _skills = competence_needs.save_need(work, principal, partner, data)
    return str(row.id)


def source_of(session, object_id) -> dict | None:
    """Where a record came from, if it was imported: the file's name, its row and the batch."""
    row = session.execute(select(import_sources).where(import_sources.c.object_id == str(object_id))).first()
    return dict(row._mapping) if row else None


def template_rows(kind: str) -> tuple[list[str], list[str]]:
    """The columns of a kind's template and an example row."""
    from services.intake.domain.imports import EXAMPLES

    headers = [c.key for c in COLUMNS[kind]]
    return headers, [EXAMPLES[kind].get(h, "") for h in headers]
