"""A report is kept per projection version and served again until an event (or a rebuild) changes the
projections (issue 15, item 11); a new event shows on the next report at once."""
from __future__ import annotations

from datetime import date

from services.reporting.domain.filters import Filters
from services.reporting.domain.history import History
from services.reporting.domain.viewer import Viewer
from services.reporting.handlers import queries, report_cache
from services.reporting.handlers.rebuild import rebuild
from shared.auth.principal import Principal
from tests.integration.reporting import known_history
from tests.integration.reporting.reporting_helpers import feed

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
