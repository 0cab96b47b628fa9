"""The first report after an event runs again only the queries whose projections the event changed
(issue 15, item 11): its figures are the same as a report built from nothing, in a scenario computed by hand."""
from __future__ import annotations

from datetime import date

from services.reporting.db import PERSONS_WITH_FACTS
from services.reporting.domain.filters import Filters
from services.reporting.domain.history import History
from services.reporting.handlers import indicators, queries, report_cache
from shared import clock
from tests.integration.reporting.reporting_helpers import feed

YEAR = Filters(start=date(2025, 1, 1), end=date(2025, 12, 31))


def _kept(runtime):
    """The report as the pages build it (kept answers reused), checked equal to the same report built from
    nothing."""
    kept = queries._build(runtime, YEAR, "organisation", 20)
    with runtime.db.session() as session:
        whole = indicators.build(session, YEAR, breakdown="organisation", target=20, today=clock.today())
    assert kept.tables == whole.tables
    assert kept.cards == whole.cards and kept.progress == whole.progress and kept.curves == whole.curves
    return kept


def _deliver(network, history) -> None:
    """The history's new events, delivered to the network."""
    feed(network, history.events)
    history.events.clear()


def _column(report, table: str, column: str) -> dict[str, int]:
    t = report.tables[table]
    return {r.key: t.value(r.key, column) for r in t.rows if t.value(r.key, column)}


def _version(runtime, name: str) -> int:
    with runtime.db.session() as session:
        return report_cache.versions(session).get(name, 0)


def test_a_report_after_an_event_equals_one_built_from_nothing(network):
    runtime = network.runtimes["reporting"]
    memo = report_cache.memo_of(runtime.db)
    history = History(seed=15)
    a = history.client("samk", date(2025, 2, 1), gender="woman")
    history.client("sataedu", date(2025, 4, 1), gender="man")
    environment = history.environment("samk", date(2025, 2, 10))
    history.move(environment, "opened", date(2025, 2, 20))
    history.move(environment, "started", date(2025, 3, 1))
    history.enrol(environment, "samk", a, date(2025, 3, 1))
    _deliver(network, history)

    # Two persons served (A at SAMK, B at Sataedu); A takes part in the environment.
    kept = _kept(runtime)
    assert _column(kept, "reach", "clients_served") == {"samk": 1, "sataedu": 1, "total": 2}
    assert _column(kept, "reach", "participants") == {"samk": 1, "total": 1}

    # C registers at Sataedu: a client record without facts. Persons with facts keep their version, so the
    # queries of facts are answered again from what was kept; the persons' own queries run again.
    facts_before = _version(runtime, PERSONS_WITH_FACTS)
    c = history.client("sataedu", date(2025, 5, 1), gender="woman")
    _deliver(network, history)
    assert _version(runtime, PERSONS_WITH_FACTS) == facts_before
    hits, earlier = memo.hits, kept
    kept = _kept(runtime)
    assert memo.hits > hits  # e.g. the participants' query was not run again
    assert _column(kept, "reach", "clients_served") == {"samk": 1, "sataedu": 2, "total": 3}
    assert _column(kept, "funnel", "persons") == {"clients_served": 3, "participants": 1}
    # What was derived from unchanged answers is the same table, not made again; the persons' tables are new.
    assert kept.tables["environments"] is earlier.tables["environments"]
    assert kept.tables["reach"] is not earlier.tables["reach"]

    # C enrols: the participants' query runs again, and the tables made from it are made again.
    history.enrol(environment, "sataedu", c, date(2025, 6, 1))
    _deliver(network, history)
    earlier = kept
    kept = _kept(runtime)
    assert kept.tables["reach"] is not earlier.tables["reach"]
    assert kept.tables["experience"] is earlier.tables["experience"]  # survey answers: unchanged
    assert _column(kept, "reach", "participants") == {"samk": 1, "sataedu": 1, "total": 2}
    assert _column(kept, "funnel", "persons") == {"clients_served": 3, "participants": 2}

    # D at Sataedu is the same person as A, and came there first (15 January): the person of a record with
    # facts changed, so the queries of facts run again, and A's participation now counts at Sataedu.
    history.client("sataedu", date(2025, 1, 15), gender="woman", person_key=history.pseudonyms[a])
    _deliver(network, history)
    assert _version(runtime, PERSONS_WITH_FACTS) > facts_before
    kept = _kept(runtime)
    assert _column(kept, "reach", "clients_served") == {"sataedu": 3, "total": 3}
    assert _column(kept, "reach", "participants") == {"sataedu": 2, "total": 2}
    assert _column(kept, "funnel", "persons") == {"clients_served": 3, "participants": 2}


def test_what_a_query_depends_on():
    """Client records and persons read through a fact's join depend on persons with facts; read as the
    query's own rows, on every change to them."""
    from sqlalchemy import func, select

    from services.reporting.db import clients, participations, persons

    of_persons = select(func.count()).select_from(persons)
    of_participants = select(func.count(func.distinct(persons.c.person_id))).select_from(
        participations.join(clients, clients.c.client_id == participations.c.client_id)
        .join(persons, persons.c.person_id == clients.c.person_key))
    of_both = of_participants.where(persons.c.person_id.in_(select(persons.c.person_id)))
    assert report_cache._dependencies(of_persons) == ("clients", "persons")
    assert report_cache._dependencies(of_participants) == ("participations", PERSONS_WITH_FACTS)
    assert report_cache._dependencies(of_both) == ("clients", "participations", "persons")


def test_what_is_derived_is_kept_for_the_versions_it_read(tmp_path):
    """A derivation is made again only when a version it read changed; one that read past the memo, or inside
    which another derivation did, is never kept; an outer derivation depends on what its inner ones read."""
    from sqlalchemy import create_engine, func, select, text
    from sqlalchemy.orm import Session

    from services.reporting.db import metadata, participations, persons

    engine = create_engine(f"sqlite:///{tmp_path / 'r.sqlite3'}")
    metadata.create_all(engine, tables=[persons, participations])
    memo = report_cache.QueryMemo()
    made: list[str] = []

    def count(session, table, name):
        made.append(name)
        return session.execute(select(func.count()).select_from(table)).scalar()

    def build(at: dict[str, int]) -> dict:
        with Session(engine) as plain:
            s = report_cache.MemoSession(plain, memo, at)
            people = s.derived(("people",), lambda: count(s, persons, "people"))
            both = s.derived(("both",), lambda: (
                s.derived(("inner",), lambda: count(s, participations, "inner")), count(s, persons, "outer")))
            raw = s.derived(("raw",), lambda: (made.append("raw"), s.execute(text("select 1")).scalar())[1])
            past = s.derived(("past",), lambda: (made.append("past"), s.scalar(select(1)))[1])
            return {"people": people, "both": both, "raw": raw, "past": past}

    first = {"persons": 1, "clients": 1, "participations": 1}
    assert build(first) == {"people": 0, "both": (0, 0), "raw": 1, "past": 1}
    assert made == ["people", "inner", "outer", "raw", "past"]
    made.clear()
    build(first)  # nothing changed: only what read past the memo is made again
    assert made == ["raw", "past"]
    made.clear()
    build({**first, "participations": 2})  # the inner derivation's read changed: it and the outer one
    assert made == ["inner", "outer", "raw", "past"]
    made.clear()
    build({**first, "participations": 2, "persons": 2})
    assert made == ["people", "outer", "raw", "past"]
    made.clear()
    memo.clear()
    build({**first, "participations": 2, "persons": 2})
    assert made == ["people", "inner", "outer", "raw", "past"]
