"""Imports from a spreadsheet: the columns of each kind and how a row's cells become a record's fields.

A cell is text as the spreadsheet gave it (a date cell already as YYYY-MM-DD). The rules here only read the
cells into the shape the API takes (dates in Finnish or ISO form, yes/no, a municipality by code or name);
whether the record is acceptable is decided by the same schema and rules as when a manager enters it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from services.intake.domain import N_
from services.intake.domain.consent import PURPOSES
from shared.reference import municipalities

KINDS = ("clients", "partners", "needs")
MAX_ROWS = 5000
STAGED_FOR = timedelta(hours=2)  # a read file waits this long for the manager's decision, then it is gone
YES = {"kyllä", "k", "yes", "y", "ja", "j", "1", "true", "x", "tosi"}
NO = {"ei", "e", "no", "n", "nej", "0", "false", "", "epätosi"}
CONSENT_PREFIX = "consent_"


@dataclass(frozen=True)
class Column:
    key: str
    required: bool = False
    kind: str = "text"  # text | date | bool | int | municipality


COLUMNS: dict[str, tuple[Column, ...]] = {
    "clients": (Column("first_name", True), Column("last_name", True), Column("birth_date", True, "date"),
                Column("home_municipality", True, "municipality"), Column("gender"), Column("email"),
                Column("phone"), Column("mother_tongue"), Column("education_status"), Column("institution"),
                Column("field_of_education"), Column("employment_status"), Column("education_level", kind="int"),
                Column("entered_on", kind="date"),
                *(Column(CONSENT_PREFIX + p, kind="bool") for p in PURPOSES)),
    "partners": (Column("name", True), Column("kind", True), Column("business_id"),
                 Column("municipality", kind="municipality"), Column("industry")),
    "needs": (Column("partner_business_id", True), Column("title", True), Column("work_type", True),
              Column("description"), Column("people", kind="int"), Column("hours_per_week", kind="int"),
              Column("municipality", kind="municipality"), Column("start_date", kind="date"),
              Column("end_date", kind="date"), Column("hidden_job", kind="bool")),
}
EXAMPLES: dict[str, dict[str, str]] = {
    "clients": {"first_name": "Aino", "last_name": "Esimerkki", "birth_date": "14.3.2005", "home_municipality": "Pori",
                "gender": "woman", "email": "aino.esimerkki@example.fi", "education_status": "studying",
                "employment_status": "unemployed", "consent_service": "kyllä", "consent_statistics": "kyllä"},
    "partners": {"name": "Konepaja Esimerkki Oy", "kind": "company", "business_id": "2464491-9",
                 "municipality": "Pori"},
    "needs": {"partner_business_id": "2464491-9", "title": "Kesätyöntekijä", "work_type": "summer", "people": "2",
              "municipality": "Pori", "start_date": "1.6.2026"},
}

FINNISH_DATE = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$")


def read_date(text: str) -> str:
    """"14.3.2005" or "2005-03-14" as YYYY-MM-DD; ValueError otherwise."""
    found = FINNISH_DATE.match(text)
    if found:
        day, month, year = (int(g) for g in found.groups())
        return date(year, month, day).isoformat()
    return date.fromisoformat(text[:10]).isoformat()


def read_municipality(text: str) -> str:
    """A municipality code from its code ("609", "50") or its name in any language ("Pori", "Björneborg")."""
    if text.isdigit() and municipalities.is_valid(text):
        return municipalities.normalise_code(text) or text
    wanted = text.casefold()
    for place in municipalities.all():
        if any(name.casefold() == wanted for name in place.names.values()):
            return place.code
    raise ValueError(text)


def read_row(kind: str, cells: dict[str, str]) -> tuple[dict, dict[str, list[str]]]:
    """The record's fields from a row's cells, and the cells that could not be read, by column."""
    body: dict = {}
    errors: dict[str, list[str]] = {}
    for column in COLUMNS[kind]:
        text = " ".join(str(cells.get(column.key) or "").split())
        if not text:
            if column.required:
                errors[column.key] = [N_("Fill this in.")]
            continue
        try:
            if column.kind == "date":
                body[column.key] = read_date(text)
            elif column.kind == "int":
                body[column.key] = int(text)
            elif column.kind == "municipality":
                body[column.key] = read_municipality(text)
            elif column.kind == "bool":
                if text.casefold() not in YES | NO:
                    raise ValueError(text)
                body[column.key] = text.casefold() in YES
            else:
                body[column.key] = text
        except ValueError:
            errors[column.key] = [{
                "date": N_("Give a date as 14.3.2005 or 2005-03-14."), "int": N_("Give a whole number."),
                "municipality": N_("Unknown municipality: give its code or name."),
                "bool": N_("Answer yes or no (kyllä / ei)."),
            }[column.kind]]
    if kind == "clients":
        body["consents"] = {key[len(CONSENT_PREFIX):]: body.pop(key) for key in list(body)
                            if key.startswith(CONSENT_PREFIX)}
    return body, errors


def unknown_columns(kind: str, headers: list[str]) -> list[str]:
    """Headers of the file that are no column of this kind (a typo would otherwise drop a column silently)."""
    known = {c.key for c in COLUMNS[kind]}
    return [h for h in headers if h and h not in known]


def missing_columns(kind: str, headers: list[str]) -> list[str]:
    return [c.key for c in COLUMNS[kind] if c.required and c.key not in headers]
