"""Imports from a spreadsheet (issue 17, item 7): every row previewed with its problems beside it, nothing stored
until every row is valid or the manager imports only the valid ones, each record's source remembered.

On SQLite and on PostgreSQL (intake's database), through the pages as a manager's browser uses them.
"""
from __future__ import annotations

import csv
import io
import re
from datetime import date, timedelta

import pytest
from sqlalchemy import func, select, update
from werkzeug.test import Client

from services.intake.db import clients, competence_needs, import_batches, import_sources, partners
from tests.support import network as net

pytestmark = pytest.mark.integration
HTML = {"Accept": "text/html"}
# File rows (the header is row 1) with a wrong cell: (column, value): a date, a place, a missing last name.
BAD_ROWS = {51: (2, "31.2.2004"), 121: (3, "Atlantis"), 191: (1, "")}


network = net.network_per_test("intake")


def browser_of(network, username: str = "manager1") -> Client:
    browser = Client(network.wsgi)
    browser.set_cookie("kampus_token", net.token_for(network, username))
    return browser


def csrf(browser, path: str = "/intake/imports") -> str:
    page = browser.get(path, headers=HTML).get_data(as_text=True)
    return re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page).group(1)


def clients_csv(count: int = 200, bad: dict[int, tuple[int, str]] | None = None) -> bytes:
    """`count` clients; the rows of `bad` (by file row) carry the given wrong value in the given column."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow(["first_name", "last_name", "birth_date", "home_municipality", "consent_statistics"])
    places = ("Pori", "609", "Kankaanpää", "214")
    for i in range(count):
        row = 2 + i
        born = (date(2000, 1, 1) + timedelta(days=i)).strftime("%-d.%-m.%Y")
        cells = [f"Tuotu{i:03d}", "Tuontinen", born, places[i % 4], "kyllä" if i % 2 else "ei"]
        if bad and row in bad:
            column, value = bad[row]
            cells[column] = value
        writer.writerow(cells)
    return out.getvalue().encode()


def read(browser, kind: str, name: str, data: bytes):
    return browser.post("/intake/imports", headers=HTML, data={
        "csrf_token": csrf(browser), "kind": kind, "file": (io.BytesIO(data), name)})


def count(network, table, *where) -> int:
    with network.runtimes["intake"].db.session() as session:
        return session.execute(select(func.count()).select_from(table).where(*where)).scalar_one()


def decide(browser, preview_url: str, action: str):
    return browser.post(preview_url, headers=HTML, data={"csrf_token": csrf(browser, preview_url), "action": action})


def test_three_bad_rows_of_two_hundred_are_shown_and_nothing_is_imported_until_fixed(network):
    browser = browser_of(network)
    staged = read(browser, "clients", "asiakkaat.csv", clients_csv(bad=BAD_ROWS))
    assert staged.status_code == 303
    preview_url = staged.headers["Location"]
    assert re.fullmatch(r"/intake/imports/[0-9a-f-]{36}", preview_url)  # no name in the address
    page = browser.get(preview_url, headers=HTML).get_data(as_text=True)
    assert 'data-import-errors="3"' in page
    assert sorted(int(n) for n in re.findall(r'data-row-error="(\d+)"', page)) == sorted(BAD_ROWS)
    assert "Anna päivämäärä" in page or "14.3.2005" in page  # the reason beside the row, in Finnish or its form
    before = count(network, clients)
    refused = decide(browser, preview_url, "all")
    assert refused.status_code == 409
    assert count(network, clients) == before and count(network, import_sources) == 0

    fixed = read(browser, "clients", "asiakkaat-korjattu.csv", clients_csv())
    fixed_url = fixed.headers["Location"]
    assert 'data-import-errors="0"' in browser.get(fixed_url, headers=HTML).get_data(as_text=True)
    done = decide(browser, fixed_url, "all")
    assert done.status_code == 303
    assert count(network, clients) == before + 200
    with network.runtimes["intake"].db.session() as session:
        sources = session.execute(select(import_sources.c.filename, import_sources.c.row_number,
                                         import_sources.c.client_id, import_sources.c.kind)).all()
        rows = session.execute(select(import_batches.c.rows).where(import_batches.c.imported_at.is_not(None))).all()
    assert {s.filename for s in sources} == {"asiakkaat-korjattu.csv"} and {s.kind for s in sources} == {"clients"}
    assert sorted(s.row_number for s in sources) == list(range(2, 202)) and all(s.client_id for s in sources)
    assert rows == [(None,)]  # the imported batch keeps no copy of the file
    assert browser.get(fixed_url, headers=HTML).status_code == 404  # imported once only


def test_the_manager_may_import_only_the_valid_rows(network):
    browser = browser_of(network)
    url = read(browser, "clients", "a.csv", clients_csv(20, bad={2: (1, ""), 5: (2, "32.1.2004")})).headers["Location"]
    assert decide(browser, url, "valid").status_code == 303
    assert count(network, import_sources) == 18


def test_another_organisation_cannot_see_or_import_a_staged_file(network):
    url = read(browser_of(network), "clients", "a.csv", clients_csv(3)).headers["Location"]
    other = browser_of(network, "manager3")
    assert other.get(url, headers=HTML).status_code == 404
    assert decide(other, url, "all").status_code == 404
    assert browser_of(network, "partner1").get(url, headers=HTML).status_code == 403
    assert count(network, import_sources) == 0


def test_an_expired_file_is_gone(network):
    browser = browser_of(network)
    url = read(browser, "clients", "a.csv", clients_csv(3)).headers["Location"]
    with network.runtimes["intake"].db.transaction() as session:
        session.execute(update(import_batches).values(expires_at=date(2020, 1, 1)))
    assert browser.get(url, headers=HTML).status_code == 404


def test_partners_and_their_needs_from_excel_with_the_y_tunnus_checked(network):
    from openpyxl import Workbook

    def xlsx(rows) -> bytes:
        book = Workbook()
        for row in rows:
            book.active.append(row)
        data = io.BytesIO()
        book.save(data)
        return data.getvalue()

    browser = browser_of(network)
    header = ["name", "kind", "business_id", "municipality"]
    bad = read(browser, "partners", "kumppanit.xlsx", xlsx([header, ["Paja Oy", "company", "2464491-8", "Pori"],
                                                           ["Seura ry", "association", "", "Ulvila"]]))
    page = browser.get(bad.headers["Location"], headers=HTML).get_data(as_text=True)
    assert re.findall(r'data-row-error="(\d+)"', page) == ["2"]  # the check digit is wrong
    good = read(browser, "partners", "kumppanit.xlsx", xlsx([header, ["Paja Oy", "company", "2464491-9", "Pori"],
                                                            ["Seura ry", "association", "", "Ulvila"]]))
    assert decide(browser, good.headers["Location"], "all").status_code == 303
    assert count(network, partners, partners.c.name.in_(["Paja Oy", "Seura ry"])) == 2
    needs = read(browser, "needs", "tarpeet.xlsx", xlsx([
        ["partner_business_id", "title", "work_type", "people", "start_date"],
        ["2464491-9", "Hitsaaja", "summer", 2, date(2027, 6, 1)],
        ["0000000-0", "Maalari", "summer", 1, None]]))
    page = browser.get(needs.headers["Location"], headers=HTML).get_data(as_text=True)
    assert re.findall(r'data-row-error="(\d+)"', page) == ["3"]
    assert decide(browser, needs.headers["Location"], "valid").status_code == 303
    assert count(network, competence_needs, competence_needs.c.title == "Hitsaaja") == 1
    again = read(browser, "needs", "tarpeet.xlsx", xlsx([  # the same open need: its row is refused by the title
        ["partner_business_id", "title", "work_type", "people", "start_date"],
        ["2464491-9", "hitsaaja", "summer", 1, None], ["2464491-9", "Hiomakoneen käyttäjä", "summer", 1, None]]))
    page = browser.get(again.headers["Location"], headers=HTML).get_data(as_text=True)
    assert re.findall(r'data-row-error="(\d+)"', page) == ["2"]
    assert "The partner already has an open need with this title" in page or "Kumppanilla on jo avoin tarve" in page


def test_templates_download_as_excel_and_csv(network):
    browser = browser_of(network)
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(browser.get("/intake/imports/template/clients.xlsx").data))
    header = [c.value for c in next(book.active.iter_rows(max_row=1))]
    assert header[:4] == ["first_name", "last_name", "birth_date", "home_municipality"]
    text = browser.get("/intake/imports/template/needs.csv").get_data(as_text=True)
    assert text.lstrip("\ufeff").startswith("partner_business_id;title;work_type")
    assert browser.get("/intake/imports/template/secrets.csv").status_code == 404
