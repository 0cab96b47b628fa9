"""Open data as releases: draft → reviewed → published by the coordinator; the public reads only published
releases, as they were published, with no filters; no hidden cell of a release can be worked out from the
whole document; an erasure makes every unpublished release stale."""
from __future__ import annotations

from datetime import date

from werkzeug.test import Client

from services.reporting.domain.history import History
from tests.integration.reporting.reporting_helpers import feed
from tests.support.intake_partners import browser_as, csrf_of
from tests.support.recovery import intervals, recovered

OPEN = "/reporting/api/v1/open-data"
PAGES = "/reporting/open-data"


def _build(browser, period: str) -> str:
    """Build a draft through the page; the draft's page URL."""
    form = browser.get(PAGES, headers={"Accept": "text/html"})
    assert form.status_code == 200
    built = browser.post(PAGES, data={"csrf_token": csrf_of(form.text), "period": period})
    assert built.status_code == 303, built.text
    return built.headers["Location"]


def _act(browser, release_page: str, action: str):
    page = browser.get(release_page, headers={"Accept": "text/html"})
    return browser.post(f"{release_page}/{action}", data={"csrf_token": csrf_of(page.text)}), page


def test_a_release_goes_out_only_after_review_and_publication_and_never_changes(known_year):
    network = known_year[0]
    anonymous = Client(network.wsgi)
    assert anonymous.get(OPEN).json["releases"] == [] and anonymous.get(f"{OPEN}/2025").status_code == 404
    free = anonymous.get(OPEN, query_string={"start": "2025-01-01", "end": "2025-03-14"})
    assert free.status_code == 422 and "start" in free.json["error"]["fields"]
    assert anonymous.get(f"{OPEN}/2025", query_string={"gender": "woman"}).status_code == 422

    browser = browser_as(network, "coordinator")
    assert browser.post(PAGES, data={"csrf_token": csrf_of(browser.get(PAGES).text),
                                     "period": "2025-03"}).status_code == 422  # not a half-year or year
    release = _build(browser, "2025")
    assert anonymous.get(OPEN).json["releases"] == []  # a draft is not public
    published, _page = _act(browser, release, "publish")
    assert published.status_code == 303 and anonymous.get(f"{OPEN}/2025").status_code == 404  # not reviewed yet
    assert _act(browser, release, "review")[0].status_code == 303
    assert _act(browser, release, "publish")[0].status_code == 303

    listed = anonymous.get(OPEN).json
    assert listed["licence"] == "CC BY 4.0"
    assert [(r["period"], r["start"], r["end"]) for r in listed["releases"]] == [("2025", "2025-01-01", "2025-12-31")]
    document = anonymous.get(f"{OPEN}/2025").json
    assert document["release"] == "2025" and document["dimensions"] == ["organisation", "gender"]
    assert set(document["marks"]) == {"<5", "x", "..", "–"}
    keys = {t["key"] for t in document["tables"]}
    assert {"reach.organisation", "reach.gender", "esf_entry"} <= keys
    as_csv = anonymous.get(f"{OPEN}/2025", query_string={"format": "csv"})
    assert as_csv.mimetype == "text/csv" and as_csv.text.splitlines()[0] == "table,row_dimension,row,column,value"

    # Published means fixed: it cannot be reviewed, published again, discarded, nor overlapped by a half-year.
    assert _act(browser, release, "discard")[0].status_code == 303  # refused, with a message on the page
    assert _act(browser, release, "review")[0].status_code == 303
    assert anonymous.get(f"{OPEN}/2025").json == document
    overlapping = browser.post(PAGES, data={"csrf_token": csrf_of(browser.get(PAGES).text), "period": "2025-H1"})
    assert overlapping.status_code == 409
    page = browser.get(release, headers={"Accept": "text/html"}).text
    assert "Julkaistu" in page and "/publish" not in page and "/discard" not in page

    # Figures two tables share are linked: a table's totals under both breakdowns, the funnel and reach.
    linked = [tuple(tuple(cell) for cell in link["cells"]) for link in document["links"]]
    assert (("reach.organisation", "total", "clients_served"), ("reach.gender", "total", "clients_served")) in linked
    assert (("funnel", "clients_served", "persons"), ("reach.organisation", "total", "clients_served")) in linked

    # The recovery attack: every hidden count of the whole document, solved together.
    assert recovered(document["tables"], document["links"]) == {}
    assert intervals(document["tables"], document["links"])  # there are hidden cells to attack


def _served(network, release_page: str):
    """The network's clients served in a release (read as the coordinator's page reads it)."""
    from services.reporting.handlers import releases

    with network.runtimes["reporting"].db.session() as session:
        document = releases.one(session, release_page.rsplit("/", 1)[1])["document"]
    reach = next(t for t in document["tables"] if t["key"] == "reach.organisation")
    return next(r["cells"]["clients_served"] for r in reach["rows"] if r["key"] == "total")


def test_an_erasure_makes_unpublished_releases_stale_until_built_again(known_year):
    network, _body, _coordinators, people = known_year
    browser = browser_as(network, "coordinator")
    # 2026-H1 (2025 is published by the test above): the records still open then, W4 and W5 among them.
    release = _build(browser, "2026-H1")
    before = _served(network, release)
    history = History()
    history.erase("sataedu", people["W"][5], date(2026, 1, 5))
    feed(network, history.events)
    refused, _page = _act(browser, release, "review")
    assert refused.status_code == 303
    page = browser.get(release, headers={"Accept": "text/html"}).text
    assert f"{release}/review" not in page and "poistoa" in page  # "built before an erasure" in Finnish
    rebuilt = _build(browser, "2026-H1")
    assert f"{rebuilt}/review" in browser.get(rebuilt, headers={"Accept": "text/html"}).text  # a fresh draft offers it
    assert _served(network, rebuilt) == before - 1  # the erased person is gone from the new draft at once
    assert rebuilt != release and _act(browser, rebuilt, "review")[0].status_code == 303
    assert "/publish" in browser.get(rebuilt, headers={"Accept": "text/html"}).text
    assert browser.get(release, headers={"Accept": "text/html"}).status_code == 404  # replaced by the new draft
