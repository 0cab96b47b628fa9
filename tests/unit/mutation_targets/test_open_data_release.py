"""The open-data release and the people's files (services/reporting/domain/open_data.py and
services/reporting/web/exports.py), cell by cell (issue 22)."""
from __future__ import annotations

import csv
import io

from openpyxl import load_workbook

from services.reporting.domain.open_data import open_data_csv
from services.reporting.domain.tables import Header, Table
from services.reporting.web import exports
from services.reporting.web.labels import Labeller

ROWS = [Header("sataedu", "organisation"), Header("samk", "organisation")]
COLUMNS = [Header("persons"), Header("mean_age")]


def table(note: str | None = "Counts of 1–4 are shown as <5.") -> Table:
    values = {("sataedu", "persons"): 12, ("sataedu", "mean_age"): 19.25, ("samk", "persons"): 3,
              ("samk", "mean_age"): None}
    return Table("people", "People", ROWS, COLUMNS, values, hidden={("samk", "persons")},
                 kinds={"mean_age": "mean"}, note=note, row_dimension="organisation")


LEGEND = ("Marks: <5 fewer than five persons (1–4); x hidden so that another hidden figure cannot be worked out; "
          ".. hidden, without telling its size, which would give another figure away; – nothing to show.")


def rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline="")))


def test_the_open_data_file_has_one_line_per_published_cell_with_keys():
    other = Table("t2", "Two", [Header("a", "row")], [Header("x")], {("a", "x"): 0})
    assert rows(open_data_csv([table().to_dict(), other.to_dict()])) == [
        ["table", "row_dimension", "row", "column", "value"],
        ["people", "organisation", "sataedu", "persons", "12"],
        ["people", "organisation", "sataedu", "mean_age", "19.25"],
        ["people", "organisation", "samk", "persons", "<5"],
        ["people", "organisation", "samk", "mean_age", ""],
        ["t2", "row", "a", "x", "0"]]
    assert open_data_csv([]) == "table,row_dimension,row,column,value\r\n"


def test_a_csv_for_people_has_the_header_first_and_ends_with_title_note_and_legend():
    """RFC 4180 (issue 15 item 10): no byte order mark, the header on the first line, every record as wide."""
    labeller = Labeller("en")
    text = exports.csv_of(table(), labeller)
    assert not text.startswith("\ufeff")
    lines = rows(text)
    assert lines[0] == [labeller.corner(table()), labeller.header(COLUMNS[0]), labeller.header(COLUMNS[1])]
    assert lines[1] == [labeller.header(ROWS[0]), "12", "19.2"]  # the mean 19.25 published with one decimal
    assert lines[2] == [labeller.header(ROWS[1]), "<5", "–"]
    assert lines[3] == [labeller.title(table()), "", ""]
    assert lines[4] == [labeller.note(table()), "", ""]
    assert lines[5] == [LEGEND, "", ""] and len(lines) == 6
    assert rows(exports.csv_of(table(note=None), labeller))[3:] == [[labeller.title(table()), "", ""],
                                                                    [LEGEND, "", ""]]


def test_the_excel_csv_for_finnish_excel_has_a_byte_order_mark_semicolons_and_decimal_commas():
    labeller = Labeller("en")
    text = exports.excel_csv_of(table(), labeller)
    assert text.startswith("\ufeff") and not text.startswith("\ufeff\ufeff")
    lines = list(csv.reader(io.StringIO(text[1:], newline=""), delimiter=";"))
    assert lines[0] == [labeller.corner(table()), labeller.header(COLUMNS[0]), labeller.header(COLUMNS[1])]
    assert lines[1] == [labeller.header(ROWS[0]), "12", "19,2"] and lines[2] == [labeller.header(ROWS[1]), "<5", "–"]


def test_hidden_cells_keep_their_marks_in_every_file():
    values = {("a", "n"): 3, ("b", "n"): 9, ("c", "n"): 12, ("a", "m"): 2.5}
    marked = Table("m", "M", [Header("a", "row"), Header("b", "row"), Header("c", "row")],
                   [Header("n"), Header("m")], values, hidden={("a", "n"), ("b", "n"), ("c", "n"), ("a", "m")},
                   kinds={"m": "mean"}, untold={("c", "n")})
    assert [row[1:] for row in exports.rows_of(marked, Labeller("en"))[1:]] == [["<5", "x"], ["x", "–"], ["..", "–"]]
    assert [line[3:] for line in rows(open_data_csv([marked.to_dict()]))[1:]] == [
        ["n", "<5"], ["m", "x"], ["n", "x"], ["m", ""], ["n", ".."], ["m", ""]]


def test_the_grid_keeps_counts_numbers_and_shows_the_rest_as_text():
    grid = exports.rows_of(table(), Labeller("en"))
    assert grid[1][1:] == [12, "19.2"] and grid[2][1:] == ["<5", "–"]
    assert isinstance(grid[1][1], int)


def test_sheet_names_are_cleaned_cut_and_made_unique():
    used: set[str] = set()
    assert exports._sheet_name("A[b]:c*d?e/f\\g", used) == "Abcdefg"
    assert exports._sheet_name("Xylofoni X", used) == "Xylofoni X"
    assert exports._sheet_name("x" * 40, used) == "x" * 28
    assert exports._sheet_name("x" * 40, used) == "x" * 25 + " 2"
    assert exports._sheet_name("x" * 30, used) == "x" * 25 + " 3"
    assert exports._sheet_name("[]", used) == "Table"
    assert exports._sheet_name("", used) == "Table 2"
    assert used == {"Abcdefg", "Xylofoni X", "x" * 28, "x" * 25 + " 2", "x" * 25 + " 3", "Table", "Table 2"}


def test_a_workbook_has_a_titled_sheet_per_table_with_its_heading_and_note():
    labeller = Labeller("en")
    book = load_workbook(io.BytesIO(exports.workbook_of([table(), table(note=None)], labeller, "Year 2026")))
    first, second = book.worksheets
    assert [s.title for s in book.worksheets] == ["People", "People 2"]
    cells = [[c.value for c in row] for row in first.iter_rows()]
    assert cells[0][0] == labeller.title(table()) and first["A1"].font.bold and first["A1"].font.size == 12
    assert cells[1][0] == "Year 2026" and not first["A2"].font.bold
    assert cells[2] == [labeller.corner(table()), labeller.header(COLUMNS[0]), labeller.header(COLUMNS[1])]
    assert all(c.font.bold for c in first[3]) and not any(c.font.bold for c in first[4])
    # Figures are numbers with formats (issue 15 item 10): the count 12, the mean 19.25 shown with one decimal.
    assert cells[3] == [labeller.header(ROWS[0]), 12, 19.2] and cells[4][1:] == ["<5", "–"]
    assert first["B4"].number_format == "#,##0" and first["C4"].number_format == "0.0"
    assert first.freeze_panes == "B4"  # the header row and the first column stay in view
    assert cells[5] == [None, None, None] and cells[6][0] == labeller.note(table())
    assert cells[7][0] == LEGEND and len(cells) == 8
    assert first.column_dimensions["A"].width == 40
    assert second.max_row == 7 and second["A7"].value == LEGEND


def test_a_workbook_opens_with_the_headline_figures_when_given():
    """The funder's workbook: the dashboard's cards first (the target figure is in no table), then the tables."""
    headline = [("Environments started", 3, 20, "of the target"), ("Experience", 4.25, None, "mean of 1–5"),
                ("Jobs", "<5", None, "")]
    book = load_workbook(io.BytesIO(exports.workbook_of([table()], Labeller("en"), "Year 2026", headline)))
    first, tables = book.worksheets
    assert [s.title for s in book.worksheets] == ["Headline figures", "People"]
    cells = [[c.value for c in row] for row in first.iter_rows()]
    assert cells[0][0] == "Headline figures" and first["A1"].font.bold and first["A1"].font.size == 12
    assert cells[1][0] == "Year 2026" and not first["A2"].font.bold
    assert cells[2] == ["Indicator", "Value", "Target", "Detail"] and all(c.font.bold for c in first[3])
    assert cells[3:] == [["Environments started", 3, 20, "of the target"], ["Experience", 4.25, None, "mean of 1–5"],
                         ["Jobs", "<5", None, None]]
    assert not any(c.font.bold for c in first[4])
    assert (first["B4"].number_format, first["C4"].number_format, first["B5"].number_format) == (
        "#,##0", "#,##0", "0.0")
    assert first["B6"].number_format == "General" and first["B6"].alignment.horizontal == "right"
    assert first.column_dimensions["A"].width == 40 and first.column_dimensions["D"].width == 50
    assert tables["A2"].value == "Year 2026"
    without = load_workbook(io.BytesIO(exports.workbook_of([table()], Labeller("en"), "Year 2026", [])))
    assert [s.title for s in without.worksheets] == ["People"]
