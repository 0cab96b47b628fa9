"""The funder's report is a document the funder can file (issue 15, item 10): the project's identity and
period from configuration, every label in the reader's language, a tagged PDF/UA document with its language
and title, Excel cells that are numbers with formats, and a CSV that Finnish Excel opens in columns.

The network is fed the known year (known_history.py) and configured with a project whose period is 2025."""
from __future__ import annotations

import csv
import io

import pikepdf
import pytest
from openpyxl import load_workbook

from tests.integration.reporting import known_history
from tests.integration.reporting.reporting_helpers import feed
from tests.support import network as net

HTML = {"Accept": "text/html"}
PROJECT = {"project_name": "Sosiaalinen kampus ESR+", "project_code": "S30123", "funder": "Satakuntaliitto",
           "project_start": "2025-01-01", "project_end": "2025-12-31"}


@pytest.fixture(scope="module")
def network(tmp_path_factory):
    built = net.build(tmp_path_factory.mktemp("funder"), extra=PROJECT)
    history, _people = known_history.build()
    feed(built, history.events)
    yield built
    built.shutdown()


def get(network, path: str, lang: str = "fi", **query):
    response = net.client_as(network, "coordinator").get(path, query_string=query,
                                                          headers={**HTML, "Accept-Language": lang})
    assert response.status_code == 200, response.status_code
    return response


def test_the_default_period_is_the_projects(network):
    page = get(network, "/reporting/").text
    assert 'value="2025-01-01"' in page and 'value="2025-12-31"' in page
    assert "2000-01-01" not in page
    # The known year's figures, not an empty period: 19 clients served (known_history.py).
    book = load_workbook(io.BytesIO(get(network, "/reporting/workbook.xlsx").data))
    heading = book.worksheets[0]["A2"].value
    assert heading == "Sosiaalinen kampus ESR+ (S30123) – jakso 1.1.2025–31.12.2025"


def test_survey_items_and_criteria_are_named_in_the_readers_language(network):
    fi = get(network, "/reporting/").text
    sv = get(network, "/reporting/", lang="sv").text
    en = get(network, "/reporting/", lang="en").text
    assert "Opin työelämässä tarvittavaa" in fi and ">Learning<" not in fi
    assert "Lärde mig det arbetslivet behöver" in sv and ">Learning<" not in sv
    assert "Learned what working life needs" in en
    sheet = load_workbook(io.BytesIO(get(network, "/reporting/tables/experience.xlsx").data)).active
    assert "Opin työelämässä tarvittavaa" in [row[0] for row in sheet.iter_rows(values_only=True)]


def test_the_pdf_is_tagged_with_its_language_and_title(network):
    data = get(network, "/reporting/report.pdf", lang="sv").data
    with pikepdf.open(io.BytesIO(data)) as pdf:
        root = pdf.Root
        assert root.MarkInfo.Marked is True or bool(root.MarkInfo.Marked)
        assert str(root.Lang) == "sv"
        assert root.ViewerPreferences.DisplayDocTitle
        assert str(pdf.docinfo.Title) == "Sosiaalinen kampus ESR+: rapport till finansiären"
        with pdf.open_metadata() as xmp:
            assert "pdfuaid:part" in str(xmp) or xmp.get("pdfuaid:part") == "1"
        roles: dict[str, int] = {}

        def walk(node, depth=0):
            if depth > 200:
                return
            if isinstance(node, pikepdf.Dictionary) and "/S" in node:
                roles[str(node.S)] = roles.get(str(node.S), 0) + 1
            kids = node.get("/K") if isinstance(node, pikepdf.Dictionary) else None
            if isinstance(kids, pikepdf.Array):
                for kid in kids:
                    walk(kid, depth + 1)
            elif isinstance(kids, pikepdf.Dictionary):
                walk(kids, depth + 1)

        walk(root.StructTreeRoot)
    # The headline table, every chart's table and every indicator table are tables with header cells.
    assert roles.get("/Table", 0) >= 15 and roles.get("/TH", 0) > 100 and roles.get("/TD", 0) > 100
    assert roles.get("/H1") == 1 and roles.get("/H2", 0) >= 2


def test_excel_holds_numbers_with_formats_and_a_frozen_header(network):
    sheet = load_workbook(io.BytesIO(get(network, "/reporting/tables/experience.xlsx").data)).active
    assert sheet.freeze_panes == "B4"  # title, heading, then the header row
    assert [c.value for c in sheet[3]][:3] == ["Väittämä", "n", "Keskiarvo"]
    row = next(r for r in sheet.iter_rows(min_row=4) if r[0].value == "Opin työelämässä tarvittavaa")
    n, mean = row[1], row[2]
    # "learning": five answers, all 4 (known_history.py).
    assert n.value == 5 and isinstance(n.value, int) and n.number_format == "#,##0"
    assert mean.value == 4 and mean.data_type == "n" and mean.number_format == "0.0"  # a number, shown 4,0


def test_a_csv_for_finnish_excel_and_a_plain_one(network):
    excel = get(network, "/reporting/tables/experience.csv", dialect="excel-fi")
    assert excel.headers["Content-Disposition"].endswith('_excel.csv"')
    text = excel.data.decode("utf-8")
    assert text.startswith("\ufeffVäittämä;n;Keskiarvo;1;2;3;4;5\r\n")
    lines = text.lstrip("\ufeff").split("\r\n")
    assert "Opin työelämässä tarvittavaa;5;4,0;0;0;0;5;0" in lines
    plain = get(network, "/reporting/tables/experience.csv").data.decode("utf-8")
    assert plain.startswith("Väittämä,n,Keskiarvo,1,2,3,4,5\r\n")  # header first, no byte order mark
    records = list(csv.reader(io.StringIO(plain, newline="")))
    assert ["Opin työelämässä tarvittavaa", "5", "4.0", "0", "0", "0", "5", "0"] in records
    assert len({len(r) for r in records}) == 1  # every record as wide as the header (RFC 4180)
    assert plain.count("\r\n") == len(records)


def test_every_figure_the_dashboard_shows_is_defined_with_its_title(network):
    """Item 12: each table of every breakdown, and each card, has its entry in the registry, titled alike."""
    from services.reporting.domain import definitions

    coordinator = net.client_as(network, "coordinator")
    seen = set()
    for breakdown in ("organisation", "area", "field", "gender", "environment"):
        answer = coordinator.get("/reporting/api/v1/indicators",
                                 query_string={**known_history.PERIOD, "breakdown": breakdown}).json
        for table in answer["tables"]:
            seen.add(table["key"])
            assert definitions.BY_KEY[table["key"]].title == table["title"], table["key"]
        assert {card["key"] for card in answer["cards"]} == set(definitions.CARDS)
    assert seen == {f.key for f in definitions.FIGURES} - {"target"}


@pytest.mark.parametrize("lang, heading, title", [
    ("fi", "Mitä luvut tarkoittavat", "Monialaiset ympäristöt suhteessa tavoitteeseen"),
    ("sv", "Vad siffrorna betyder", "Mångvetenskapliga miljöer i förhållande till målet"),
    ("en", "What the figures mean", "Multidisciplinary environments against the target"),
])
def test_the_definitions_page_is_public_and_in_the_readers_language(network, lang, heading, title):
    from werkzeug.test import Client

    page = Client(network.wsgi).get("/reporting/indicators", headers={**HTML, "Accept-Language": lang})
    assert page.status_code == 200
    assert f"<h1>{heading}</h1>" in page.text and title in page.text
    assert page.text.count('class="figure-definition"') == 19  # 18 figures and issue 16's recruitment table
    assert "<code>intake.client.closed</code>" in page.text
    dashboard = get(network, "/reporting/", lang=lang).text
    assert 'href="/reporting/indicators"' in dashboard


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
def test_every_column_of_the_pdf_is_on_its_page(network, lang):
    """A table of many columns (referrals and overlaps removed: nine) was cut off at the page's right edge, so the
    funder never saw the overlaps removed: every piece of text now starts inside its page."""
    data = get(network, "/reporting/report.pdf", lang=lang).data
    with pikepdf.open(io.BytesIO(data)) as pdf:
        for number, page in enumerate(pdf.pages, start=1):
            width = float(page.MediaBox[2])
            # WeasyPrint places text in CSS pixels under a 0.75 scale (96 px to 72 pt).
            starts = [float(operands[4]) * 0.75 for operands, op in pikepdf.parse_content_stream(page)
                      if str(op) == "Tm"]
            assert starts and max(starts) < width, (lang, number, max(starts), width)


def test_a_sliced_report_says_what_it_is_limited_to(network):
    """The funder's files of one organisation and area said only the period: read as the whole network's."""
    query = {"organisation": "samk", "area": "kaakkois-satakunta", "gender": "woman", "field": "04"}
    expected = ("Sosiaalinen kampus ESR+ (S30123) – jakso 1.1.2025–31.12.2025 · Organisaatio: "
                "Satakunnan ammattikorkeakoulu (demo)"
                " · Palvelualue: Kaakkois-Satakunta · Koulutusala: 04 Kauppa, hallinto ja oikeustieteet"
                " · Sukupuoli: Naiset")
    book = load_workbook(io.BytesIO(get(network, "/reporting/workbook.xlsx", **query).data))
    assert book.worksheets[0]["A2"].value == expected
    sheet = load_workbook(io.BytesIO(get(network, "/reporting/tables/reach.xlsx", **query).data)).active
    assert sheet["A2"].value == expected
    whole = load_workbook(io.BytesIO(get(network, "/reporting/workbook.xlsx").data))
    assert whole.worksheets[0]["A2"].value == "Sosiaalinen kampus ESR+ (S30123) – jakso 1.1.2025–31.12.2025"


def test_the_reports_sent_name_their_slices(network):
    """The list of reports sent showed a sliced report's codes ("samk, woman"), not what they name."""
    from tests.support.intake_partners import browser_as, csrf_of

    browser = browser_as(network, "coordinator")
    page = browser.get("/reporting/", headers=HTML).text
    sent = browser.post("/reporting/frozen?organisation=samk&gender=woman", data={"csrf_token": csrf_of(page)})
    assert sent.status_code == 303, sent.text
    listing = browser.get("/reporting/frozen", headers={**HTML, "Accept-Language": "fi"}).text
    assert "Organisaatio: Satakunnan ammattikorkeakoulu (demo) · Sukupuoli: Naiset" in listing
    assert "samk" not in listing and "woman" not in listing


def test_the_workbook_opens_with_the_headline_figures_of_the_dashboard_and_the_pdf(network):
    """The target figure (multidisciplinary environments against 20) was in the PDF and on the dashboard only; the
    workbook's environments sheet counts every active one, so the two files seemed to disagree."""
    book = load_workbook(io.BytesIO(get(network, "/reporting/workbook.xlsx").data))
    sheet = book.worksheets[0]
    assert sheet.title == "Pääluvut" and sheet["A1"].value == "Pääluvut"
    assert [c.value for c in sheet[3]] == ["Indikaattori", "Arvo", "Tavoite", "Selite"]
    rows = {row[0]: row[1:] for row in sheet.iter_rows(min_row=4, values_only=True)}
    # Started, not cancelled, multidisciplinary: E1 (evaluated) and E4 (running) of the known year.
    assert rows["Alkaneet monialaiset ympäristöt"] == (2, 20, "tavoitteesta toteutunut (10\u00a0%)")
    cards = net.client_as(network, "coordinator").get(
        "/reporting/api/v1/indicators", query_string={"start": "2025-01-01", "end": "2025-12-31"}).json["cards"]
    names = {"jobs": "Työpaikat", "cooperation": "Yhteistyömahdollisuudet", "experience": "Opiskelijoiden kokemus",
             "fit": "Osaamisen kohdentuminen"}
    for card in cards:
        if card["key"] in names:
            assert rows[names[card["key"]]][0] == card["value"], card


@pytest.mark.parametrize("lang, status, persons", [("fi", "Päättynyt", "Suorittaneet"),
                                                   ("sv", "Avslutad", "Slutförde")])
def test_a_completed_environment_and_the_persons_who_completed_are_named_apart(network, lang, status, persons):
    """Both columns once read "Päättynyt" ("ended"): an environment has ended ("Päättynyt", as its move "Merkitse
    päättyneeksi" and the environments' own pages say), persons have completed ("Suorittaneet")."""
    page = get(network, "/reporting/", lang=lang).text
    environments = page[page.index('id="table-environments"'):page.index('id="table-reach"')]
    reach = page[page.index('id="table-reach"'):page.index('id="table-referrals"')]
    assert f'<th scope="col" class="report-table__number">{status}</th>' in environments
    assert f'<th scope="col" class="report-table__number">{persons}</th>' in reach
    assert f'>{"Suoritettu" if lang == "fi" else "Slutförd"}</th>' not in environments


@pytest.mark.parametrize("lang, card, column, definition", [
    ("fi", "Alkaneet monialaiset ympäristöt", "Niistä monialaisia", "luonnokset ja avoimet mukaan lukien"),
    ("sv", "Påbörjade mångvetenskapliga miljöer", "Varav mångvetenskapliga", "utkast och öppna medräknade"),
])
def test_the_card_and_the_environments_table_say_what_each_counts(network, lang, card, column, definition):
    """The card counted started multidisciplinary environments ("2 / 20") and the table all active ones, drafts
    and open ones too ("Monialaiset 5"), under one word: each now says what it counts, on the page, in the
    workbook and on the definitions page."""
    from werkzeug.test import Client

    page = get(network, "/reporting/", lang=lang).text
    environments = page[page.index('id="table-environments"'):page.index('id="table-reach"')]
    assert card in page and f">{column}</th>" in environments
    assert ">Monialaiset<" not in page and ">Mångvetenskapliga<" not in page
    book = load_workbook(io.BytesIO(get(network, "/reporting/workbook.xlsx", lang=lang).data))
    cells = {c for sheet in book.worksheets for row in sheet.iter_rows(values_only=True) for c in row}
    assert card in cells and column in cells
    definitions_page = Client(network.wsgi).get("/reporting/indicators", headers={**HTML, "Accept-Language": lang})
    assert definition in definitions_page.text
