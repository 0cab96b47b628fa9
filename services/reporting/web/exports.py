"""Tables as files: CSV and Excel for people (labels in their language), long CSV for open data.

Every cell goes through shared.spreadsheets.safe_row, so that no label can become a formula. Hidden cells
keep their marks ("<5", "x", ".."), explained by the legend under every table.

Three files of one table:
- CSV (RFC 4180): the header on the first line, commas, decimal points, CRLF line ends, every record as
  wide as the header (the title, note and legend come last, in the first field);
- CSV for Finnish Excel (`EXCEL_FI`): the same records with semicolons, decimal commas and a UTF-8 byte
  order mark, so that Excel set to Finnish opens it in columns, with numbers as numbers;
- Excel: numbers as numbers with number formats (counts, one or two decimals, percentages), the header row
  and the row names frozen.
"""
from __future__ import annotations

import csv
import io
from collections.abc import Iterable

from flask_babel import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from services.reporting.domain.tables import Table, shown
from services.reporting.web.labels import Labeller
from shared.spreadsheets import safe_row

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
EXCEL_FI = "excel-fi"  # the ?dialect= of the CSV that Finnish Excel opens in columns
BOM = "\ufeff"

# Excel's number format of a cell by the kind of its column (and whether the value is whole).
NUMBER_FORMATS = {"count": "#,##0", "mean": "0.0", "number": "#,##0.0", "ratio": "0.00", "share": "0 %"}


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


def _footer(table: Table, labeller: Labeller) -> list[str]:
    """What follows the figures: the title, the note and the legend of the marks."""
    note = labeller.note(table)
    return [labeller.title(table), *([note] if note else []), labeller.legend_line()]


def _csv(grid: list[list], footer: list[str], delimiter: str) -> str:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
    width = len(grid[0])
    writer.writerows(safe_row(row) for row in grid)
    writer.writerows(safe_row([line] + [""] * (width - 1)) for line in footer)
    return out.getvalue()


def csv_of(table: Table, labeller: Labeller) -> str:
    """One table as RFC 4180 CSV: the header on the first line, the figures, then the title, note and
    legend of its marks (each record as wide as the header)."""
    return _csv(rows_of(table, labeller), _footer(table, labeller), ",")


def _decimal_comma(value):
    """A published cell as Finnish Excel reads it: "3,4" for 3.4, "45 %" as it is, a count as it is."""
    if isinstance(value, str) and value[:1] in "-0123456789" and any(c.isdigit() for c in value):
        return value.replace(".", ",")
    return value


def excel_csv_of(table: Table, labeller: Labeller) -> str:
    """One table as CSV for Excel set to Finnish: semicolons, decimal commas and a UTF-8 byte order mark,
    the header on the first line."""
    grid = rows_of(table, labeller)
    grid = [grid[0], *[[row[0], *[_decimal_comma(v) for v in row[1:]]] for row in grid[1:]]]
    return BOM + _csv(grid, _footer(table, labeller), ";")


def _sheet_name(title: str, used: set[str]) -> str:
    name = "".join(c for c in title if c not in "[]:*?/\\")[:28] or "Table"
    candidate, i = name, 2
    while candidate in used:
        candidate, i = f"{name[:25]} {i}", i + 1
    used.add(candidate)
    return candidate


def _excel_value(table: Table, row: str, column: str):
    """A cell for Excel: a published number stays a number (a share as a fraction, formatted as a per cent),
    a mark or nothing is text."""
    value = table.cell(row, column)
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return shown(table, row, column)
    kind = table.kind(column)
    if isinstance(value, float):
        return round(value, {"mean": 1, "number": 1, "ratio": 2, "share": 4}.get(kind, 2))
    return value


def _number_format(table: Table, column: str, value) -> str:
    kind = table.kind(column)
    if kind == "number" and isinstance(value, int):
        return NUMBER_FORMATS["count"]
    return NUMBER_FORMATS.get(kind, "0.00" if isinstance(value, float) else "#,##0")


def _headline_sheet(book: Workbook, used: set[str], heading: str, headline: list[tuple[str, object, object, str]]):
    """The headline figures first, as the dashboard's cards and the PDF show them: the target figure is in no
    table, so without it the workbook and the PDF could not be compared."""
    title = _("Headline figures")
    sheet = book.create_sheet(_sheet_name(title, used))
    sheet.append(safe_row([title]))
    sheet["A1"].font = Font(bold=True, size=12)
    sheet.append(safe_row([heading]))
    sheet.append(safe_row([_("Indicator"), _("Value"), _("Target"), _("Detail")]))
    for cell in sheet[sheet.max_row]:
        cell.font = Font(bold=True)
    for name, value, target, detail in headline:
        sheet.append(safe_row([name, value, target, detail]))
        for cell, figure in zip(sheet[sheet.max_row][1:3], (value, target)):
            cell.alignment = Alignment(horizontal="right")
            if isinstance(figure, (int, float)):
                cell.number_format = "0.0" if isinstance(figure, float) else "#,##0"
    sheet.column_dimensions["A"].width = 40
    sheet.column_dimensions["D"].width = 50


def workbook_of(tables: Iterable[Table], labeller: Labeller, heading: str,
                headline: list[tuple[str, object, object, str]] | None = None) -> bytes:
    """Every table on a sheet of its own: its title and the report's heading, the header row (frozen, with
    the row names), the figures as numbers with formats, then its note and the legend of its marks; the
    headline figures first when given."""
    book = Workbook()
    book.remove(book.active)
    used: set[str] = set()
    if headline:
        _headline_sheet(book, used, heading, headline)
    right = Alignment(horizontal="right")
    for table in tables:
        sheet = book.create_sheet(_sheet_name(labeller.title(table), used))
        sheet.append(safe_row([labeller.title(table)]))
        sheet["A1"].font = Font(bold=True, size=12)
        sheet.append(safe_row([heading]))
        header = [labeller.corner(table), *[labeller.header(c) for c in table.columns]]
        sheet.append(safe_row(header))
        header_row = sheet.max_row
        for i, cell in enumerate(sheet[header_row]):
            cell.font = Font(bold=True)
            if i:
                cell.alignment = right
        for row in table.rows:
            values = [_excel_value(table, row.key, c.key) for c in table.columns]
            sheet.append(safe_row([labeller.header(row), *values]))
            for cell, column, value in zip(sheet[sheet.max_row][1:], table.columns, values):
                cell.alignment = right
                if isinstance(value, (int, float)):
                    cell.number_format = _number_format(table, column.key, value)
        sheet.freeze_panes = sheet.cell(row=header_row + 1, column=2).coordinate
        sheet.append([])
        note = labeller.note(table)
        if note:
            sheet.append(safe_row([note]))
        sheet.append(safe_row([labeller.legend_line()]))
        sheet.column_dimensions["A"].width = 40
        for i in range(2, len(table.columns) + 2):
            sheet.column_dimensions[get_column_letter(i)].width = max(
                12, min(30, len(str(header[i - 1])) + 2))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
