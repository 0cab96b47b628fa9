"""The dashboard, exports and the funder's PDF: who may see them and that they publish the same suppressed
figures (open data: test_reporting_releases.py)."""
from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook
from werkzeug.test import Client

from tests.integration.reporting import known_history
from tests.support import network as net

PERIOD = known_history.PERIOD
HTML = {"Accept": "text/html"}


def test_bad_filters_are_422_naming_the_field(known_year):
    network = known_year[0]
    coordinator = net.client_as(network, "coordinator")
    backwards = coordinator.get("/reporting/api/v1/indicators", query_string={"start": "2025-06-01",
                                                                              "end": "2025-01-01"})
    assert backwards.status_code == 422 and set(backwards.json["error"]["fields"]) == {"end"}
    for field, value in (("area", "lappi"), ("field", "55"), ("gender", "x"), ("breakdown", "shoe_size"),
                         ("start", "yesterday")):
        response = coordinator.get("/reporting/api/v1/indicators", query_string={field: value})
        assert response.status_code == 422 and field in response.json["error"]["fields"], field
    page = coordinator.get("/reporting/", query_string={"start": "2025-06-01", "end": "2025-01-01"}, headers=HTML)
    assert page.status_code == 422 and "Jakso ei voi päättyä ennen alkamistaan." in page.text  # Finnish first


def test_exports_are_the_published_tables(known_year):
    network = known_year[0]
    coordinator = net.client_as(network, "coordinator")
    as_csv = coordinator.get("/reporting/tables/reach.csv", query_string=PERIOD, headers=HTML)
    assert as_csv.status_code == 200 and "attachment" in as_csv.headers["Content-Disposition"]
    text = as_csv.data.decode("utf-8-sig")
    assert "Satakunnan ammattikorkeakoulu (demo),5,5,<5,0" in text.replace("\r", "")  # SM0 (= W0) counted at sataedu
    book = coordinator.get("/reporting/workbook.xlsx", query_string=PERIOD, headers=HTML)
    assert book.status_code == 200
    workbook = load_workbook(io.BytesIO(book.data))
    assert len(workbook.sheetnames) >= 15
    values = [cell for sheet in workbook for row in sheet.iter_rows(values_only=True) for cell in row]
    assert "<5" in values and 18 in values  # numbers as numbers: 18 persons served
    single = coordinator.get("/reporting/tables/esf_entry.xlsx", query_string=PERIOD, headers=HTML)
    assert load_workbook(io.BytesIO(single.data)).active["A1"].value.startswith("Osallistujat")  # Finnish first
    assert coordinator.get("/reporting/tables/nothing.csv", headers=HTML).status_code == 404


def test_the_funders_pdf(known_year):
    network = known_year[0]
    coordinator = net.client_as(network, "coordinator")
    pdf = coordinator.get("/reporting/report.pdf", query_string=PERIOD, headers=HTML)
    assert pdf.status_code == 200 and pdf.mimetype == "application/pdf" and pdf.data.startswith(b"%PDF")
    assert len(pdf.data) > 20_000


@pytest.mark.parametrize("username, status", [("coordinator", 200), ("manager2", 200), ("student1", 403),
                                              ("partner1", 403), ("admin", 403)])
def test_who_sees_the_dashboard(known_year, username, status):
    network = known_year[0]
    page = net.client_as(network, username).get("/reporting/", query_string=PERIOD, headers=HTML)
    assert page.status_code == status
    if status == 200:
        assert page.text.count('role="img"') == 4 and "<style" not in page.text and " style=" not in page.text
        assert 'href="/reporting/static/reporting/reporting.css"' in page.text


def test_the_dashboard_shows_every_indicator_with_charts_and_tables(known_year):
    network = known_year[0]
    page = net.client_as(network, "coordinator").get("/reporting/", query_string={**PERIOD, "breakdown": "gender"},
                                                     headers={**HTML, "Accept-Language": "en"})
    text = page.text
    for words in ("Multidisciplinary environments", "Clients served", "Students&#39; experience", "Competence fit",
                  "Jobs that started", "Cooperation opportunities by kind", "Personal metrics",
                  "Kaplan–Meier", "Participants at entry", "Participants at exit", "Matching",
                  "The chart as a table", "&lt;5"):
        assert words in text, words
    assert network.runtimes  # the page rendered from the same projections


def test_network_page_for_the_coordinator_only(known_year):
    network = known_year[0]
    assert net.client_as(network, "coordinator").get("/reporting/network", headers=HTML).status_code == 200
    assert net.client_as(network, "manager1").get("/reporting/network", headers=HTML).status_code == 403
    anonymous = Client(network.wsgi).get("/reporting/", headers=HTML)
    assert anonymous.status_code == 302 and "/login" in anonymous.headers["Location"]
