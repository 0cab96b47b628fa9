"""A report is kept per projection version and served again until an event (or a rebuild) changes the
projections (issue 15, item 11); a new event shows on the next report at once."""
from __future__ import annotations

import re
from datetime import date

from services.reporting.domain.filters import Filters
from services.reporting.domain.history import History
from services.reporting.domain.viewer import Viewer
from services.reporting.handlers import queries, report_cache
from services.reporting.handlers.rebuild import rebuild
from shared.auth.principal import Principal
from tests.integration.reporting import known_history
from tests.integration.reporting.reporting_helpers import feed

SIGNED = re.compile(r"[\w-]{20,}\.[\w-]{4,}\.[\w-]{10,}")  # an itsdangerous token: value.timestamp.signature


def unsigned(page: str) -> str:
    return SIGNED.sub("<token>", page)

COORDINATOR = Viewer(Principal(user_id="c", username="coordinator", organisation="verkosto",
                               roles=frozenset({"coordinator"})))
YEAR = Filters(start=date(2025, 1, 1), end=date(2025, 12, 31))


def served(report) -> int:
    return report.tables["funnel"].value("clients_served", "persons")


def test_a_report_is_kept_until_the_projections_change(network):
    history, _people = known_history.build()
    feed(network, history.events)
    runtime = network.runtimes["reporting"]
    with runtime.db.session() as session:
        at = report_cache.version(session)
    assert at > 0  # every fed batch raised it
    # The kept unit is the built report (queries._build); each viewer's answer is made from it.
    first = queries._build(runtime, YEAR, "organisation", 20)
    again = queries._build(runtime, YEAR, "organisation", 20)
    # known_history.py: 19 client records served in 2025, 18 persons (one registered by two organisations)
    assert again is first and served(first) == 18
    assert served(queries.report_for(runtime, COORDINATOR, YEAR, "organisation", 20)) == 18
    assert queries._build(runtime, YEAR, "gender", 20) is not first  # another view

    one_more = History(seed=99)
    one_more.client("samk", date(2025, 5, 5), gender="man")
    feed(network, one_more.events)
    after_event = queries._build(runtime, YEAR, "organisation", 20)
    assert after_event is not first and served(after_event) == 19

    rebuild(runtime.db)  # the same figures, but the projections were written anew: built again
    with runtime.db.session() as session:
        assert report_cache.version(session) > at
    rebuilt = queries._build(runtime, YEAR, "organisation", 20)
    assert rebuilt is not after_event and served(rebuilt) == 19


def test_the_cache_keeps_only_the_newest_version():
    cache = report_cache.ReportCache(size=2)
    cache.put(3, ("a",), "A3")
    assert cache.get(3, ("a",)) == "A3" and cache.get(4, ("a",)) is None and cache.get(2, ("a",)) is None
    cache.put(2, ("b",), "B2")  # built in an older snapshot: not kept
    assert cache.get(2, ("b",)) is None and cache.get(3, ("a",)) == "A3"
    cache.put(4, ("b",), "B4")  # a newer version leaves the older reports behind
    assert cache.get(3, ("a",)) is None and cache.get(4, ("b",)) == "B4"
    cache.put(4, ("c",), "C4")
    cache.put(4, ("d",), "D4")  # the least recently used goes
    assert cache.get(4, ("b",)) is None and cache.get(4, ("d",)) == "D4"


def test_requests_that_come_together_wait_for_one_making():
    import threading

    cache = report_cache.ReportCache()
    started, release = threading.Event(), threading.Event()
    made: list[str] = []

    def slow_build() -> str:
        made.append("first")
        started.set()
        assert release.wait(5)
        return "report at 7"

    def second_build() -> str:
        made.append("second")
        return "another report at 7"

    answers: dict[str, str] = {}
    first = threading.Thread(target=lambda: answers.update(first=cache.once(7, ("k",), slow_build)))
    first.start()
    assert started.wait(5)
    second = threading.Thread(target=lambda: answers.update(second=cache.once(7, ("k",), second_build)))
    second.start()
    second.join(0.2)  # the second asker waits while the first makes the same report
    assert second.is_alive() and made == ["first"]
    release.set()
    first.join(5)
    second.join(5)
    assert answers == {"first": "report at 7", "second": "report at 7"} and made == ["first"]
    # An event raised the version: the next asker makes the report anew, and it is kept for the others.
    assert cache.once(8, ("k",), second_build) == "another report at 7" and made == ["first", "second"]
    assert cache.once(8, ("k",), slow_build) == "another report at 7" and made == ["first", "second"]


def _counting(monkeypatch, module, name: str) -> list:
    """Calls of module.name from now on (each call's first argument)."""
    calls: list = []
    original = getattr(module, name)

    def counted(*args, **kwargs):
        calls.append(args[0] if args else None)
        return original(*args, **kwargs)

    monkeypatch.setattr(module, name, counted)
    return calls


def test_answers_over_http_are_kept_per_version_and_viewer(network, monkeypatch):
    from services.reporting.api import indicators as api
    from services.reporting.handlers import indicators
    from services.reporting.web import panels
    from tests.integration.reporting.reporting_helpers import cells
    from tests.support import network as net

    history, _people = known_history.build()
    feed(network, history.events)
    builds = _counting(monkeypatch, indicators, "build")
    bodies = _counting(monkeypatch, api, "report_body")
    pages = _counting(monkeypatch, panels, "tables")
    period = {"start": "2025-01-01", "end": "2025-12-31"}
    coordinator, sataedu, samk = (net.client_as(network, u) for u in ("coordinator", "manager1", "manager2"))

    def reach(client, **extra):
        response = client.get("/reporting/api/v1/indicators", query_string={**period, **extra})
        assert response.status_code == 200, response.json
        return response.data, cells(response.json)["reach"]

    first, exact = reach(coordinator)
    again, _ = reach(coordinator)
    # One build and one JSON body for two asks between events (known_history.py: 13 persons served at sataedu,
    # 5 at samk, 18 in the network).
    assert again == first and len(builds) == 1 and len(bodies) == 1
    assert (exact[("sataedu", "clients_served")], exact[("samk", "clients_served")]) == (13, 5)
    assert exact[("total", "clients_served")] == 18
    # The same report, cut for each viewer: never another's answer from the cache.
    _, protected = reach(coordinator, view="protected")
    _, own = reach(sataedu)
    _, theirs = reach(samk)
    assert len(builds) == 1 and len(bodies) == 4
    assert {row for row, _c in protected} == {"sataedu", "samk", "total"}
    assert {row for row, _c in own} == {"sataedu", "total"} and {row for row, _c in theirs} == {"samk", "total"}
    # Small cells stay protected for the managers and the protected view ("<5": 1–4 participants at samk).
    assert protected[("samk", "participants")] == own.get(("samk", "participants"), "<5") == "<5"
    assert theirs[("samk", "participants")] == "<5" and exact[("samk", "participants")] == 2
    _, exact_again = reach(coordinator)
    assert exact_again == exact and len(bodies) == 4  # the coordinator's exact answer is still their own
    assert sataedu.get("/reporting/api/v1/indicators", query_string={**period, "view": "exact"}).status_code == 403

    html = {"Accept": "text/html"}
    page = coordinator.get("/reporting/", query_string=period, headers=html)
    page_again = coordinator.get("/reporting/", query_string=period, headers=html)
    manager_page = sataedu.get("/reporting/", query_string=period, headers=html)
    assert page.status_code == page_again.status_code == manager_page.status_code == 200
    # the coordinator's figures rendered once; the page's CSRF token is signed anew each second
    assert unsigned(page_again.text) == unsigned(page.text) and len(pages) == 2
    assert "Satakunnan ammattikorkeakoulu (demo)" in page.text  # samk's row: the coordinator's only
    assert "Satakunnan ammattikorkeakoulu (demo)" not in manager_page.text.split('id="cards-title"')[1]
    before = len(builds)  # the manager's page is of their own organisation by default: a report of its own

    one_more = History(seed=99)
    one_more.client("samk", date(2025, 5, 5), gender="man")
    feed(network, one_more.events)
    _, after = reach(coordinator)
    assert len(builds) == before + 1
    assert after[("samk", "clients_served")] == 6 and after[("total", "clients_served")] == 19
    coordinator.get("/reporting/", query_string=period, headers=html)
    assert len(pages) == 3  # the page's figures rendered anew after the event


def test_a_new_worker_builds_the_default_reports_before_its_first_requests(network, monkeypatch):
    from services.reporting.handlers import indicators
    from shared.service import warm_worker
    from tests.support import network as net

    history, _people = known_history.build()
    feed(network, history.events)
    cache = report_cache.of(network.runtimes["reporting"].db)
    cache.clear()  # as a worker started again finds it
    assert warm_worker(network.apps["reporting"])
    builds = _counting(monkeypatch, indicators, "build")
    coordinator = net.client_as(network, "coordinator")
    html = {"Accept": "text/html"}
    page = coordinator.get("/reporting/", headers=html)
    body = coordinator.get("/reporting/api/v1/indicators")
    assert page.status_code == body.status_code == 200
    assert builds == []  # the dashboard's default period and the indicators' whole history: both built already

    cache.clear()  # the same requests to a worker that was not warmed: built in them, and the same answers
    assert unsigned(coordinator.get("/reporting/", headers=html).text) == unsigned(page.text)
    assert coordinator.get("/reporting/api/v1/indicators").data == body.data and len(builds) == 2
