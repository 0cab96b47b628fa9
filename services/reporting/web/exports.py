"""Tables as files: CSV and Excel for people (labels in their language), long CSV for open data.

Every cell goes through shared.spreadsheets.safe_row, so that no label can become a formula. Hidden cells
keep their marks ("<5", "x", ".."), explained by the legend under every table."""
from __future__ import annotations

import csv
import io
from collections.abc import Iterable

from openpyxl import Workbook
from openpyxl.styles import Font

from services.reporting.domain.tables import Table, shown
from services.reporting.web.labels import Labeller
from shared.spreadsheets import safe_row

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def rows_of(table: Table, labeller: Labeller) -> list[list]:
    """The table as a grid: header row, then one row per table row, cells as published."""
    grid = [[labeller.corner(table), *[labeller.header(c) for c in table.columns]]]
    for row in table.rows:
        grid.append([labeller.header(row), *[_value(table, row.key, c.key) for c in table.columns]])
    return grid


def _value(table: Table, row: str, column: str):
    value = table.cell(row, column)
    if isinstance(value, (int, float)) and not isinstance(value, bool) and table.kind(column) == "count":
        return value
    return shown(table, row, column)


def csv_of(table: Table, labeller: Labeller) -> str:
    """One table as CSV (with a byte order mark, so spreadsheet programs read the letters right), its note and
    the legend of its marks under it."""
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out)
    writer.writerow(safe_row([labeller.title(table)]))
    writer.writerows(safe_row(row) for row in rows_of(table, labeller))
    note = labeller.note(table)
    if note:
        writer.writerow(safe_row([note]))
    writer.writerow(safe_row([labeller.legend_line()]))
    return out.getvalue()


def _sheet_name(title: str, used: set[str]) -> str:
    name = "".join(c for c in title if c not in "[]:*?/\\")[:28] or "Table"
    candidate, i = name, 2
    while candidate in used:
        candidate, i = f"{name[:25]} {i}", i + 1
    used.add(candidate)
    return candidate


def workbook_of(tables: Iterable[Table], labeller: Labeller, heading: str) -> bytes:
    """Every table on a sheet of its own, titled, with its note and the legend of its marks under it."""
    book = Workbook()
    book.remove(book.active)
    used: set[str] = set()
    for table in tables:
        sheet = book.create_sheet(_sheet_name(labeller.title(table), used))
        sheet.append(safe_row([labeller.title(table)]))
        sheet["A1"].font = Font(bold=True, size=12)
        sheet.append(safe_row([heading]))
        for i, row in enumerate(rows_of(table, labeller)):
            sheet.append(safe_row(row))
            if i == 0:
                for cell in sheet[sheet.max_row]:
                    cell.font = Font(bold=True)
        sheet.append([])
        note = labeller.note(table)
        if note:
            sheet.append(safe_row([note]))
        sheet.append(safe_row([labeller.legend_line()]))
        sheet.column_dimensions["A"].width = 40
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
