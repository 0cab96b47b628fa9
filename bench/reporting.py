"""Benchmark of reporting on PostgreSQL: rebuild of the raw log, the dashboard's queries, freshness.

1. Writes a deterministic synthetic history (`services/reporting/handlers/synthetic.py`, seed 7) of --events events
   straight into the raw log of a fresh database. The model, at 1,000,000 events: five member organisations over
   2024-01 – 2026-10, about 57,700 client records (48,200 persons), 1,250 environments (one per 800 events),
   2,000 partners' competence needs (one per 500 events, each open about four months, 5 % hidden jobs) and
   about 80,000 suggestions, each of a need open near its day: some forty suggestions per need, as a partner's
   need is put to many students (not one need per suggestion).
2. `rebuild`: replays the whole log into fresh projections (target: 1,000,000 events in ≤ 5 min).
3. The dashboard: builds every indicator for a mix of filters and breakdowns, as the page does, and
   times each query (target: p95 ≤ 300 ms).
4. The whole dashboard (every query and the render of the coordinator's dashboard page, through the page's
   own view), in the same run: "before", today's path (every report built anew and every hidden count proved
   by its own integer programs, pages stopped after --before-limit seconds and counted as the limit); "after,
   cold" (nothing kept, the proof by trades first: domain/bounds.py `_witnessed`); "built anew after a change"
   (every query again, proofs of unchanged tables kept); "after, warm" (the report kept for the projections'
   versions, handlers/report_cache.py) (target: p95 ≤ 500 ms).
5. Freshness: the embedded network with this database as reporting's; intake publishes a new client
   through its outbox, the relay and the consumer, and the time until a dashboard page built after it
   shows the new count is measured (target: p95 ≤ 1 s), split into the consumer's commit and the build
   after it; in the same run "before" runs every query of that build again and proves every table again,
   "after" runs again only the queries whose projections the event changed (handlers/report_cache.py,
   MemoSession) and keeps the proofs of unchanged tables.

Run: `python bench/reporting.py` (`--events 100000` for a shorter run). Needs the local PostgreSQL
(BENCH_PG_ADMIN); creates its own database and drops it afterwards (`--keep --no-freshness` seeds a database
once, `--database URL --no-rebuild` times it again).
"""
from __future__ import annotations

import argparse
import contextlib
import os
import signal
import statistics
import sys
import tempfile
import time
import uuid
from datetime import date
from pathlib import Path

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

import psycopg  # noqa: E402
from sqlalchemy import event, func, select  # noqa: E402

from services.reporting import SERVICE  # noqa: E402
from services.reporting.db import raw_events  # noqa: E402
from services.reporting.domain import bounds  # noqa: E402
from services.reporting.domain.filters import Filters  # noqa: E402
from services.reporting.handlers import (
    indicators,  # noqa: E402
    report_cache,  # noqa: E402
)
from services.reporting.handlers.rebuild import rebuild  # noqa: E402
from services.reporting.handlers.synthetic import generate, write_raw  # noqa: E402
from shared.auth.principal import Principal  # noqa: E402
from shared.config import Config  # noqa: E402
from shared.events.catalogue import SERVICES  # noqa: E402

RECORDED_BEFORE = (1900, 3000)  # the whole dashboard, ms p50 / p95, docs/benchmarks.md (2026-11-28)
ADMIN = os.environ.get("BENCH_PG_ADMIN", "postgresql://postgres@127.0.0.1:5432/postgres")
TODAY = date(2026, 11, 30)
VIEWS = [
    (Filters(end=TODAY), "organisation"),
    (Filters(start=date(2025, 1, 1), end=date(2025, 12, 31)), "organisation"),
    (Filters(start=date(2025, 1, 1), end=TODAY), "gender"),
    (Filters(end=TODAY), "area"),
    (Filters(end=TODAY), "field"),
    (Filters(start=date(2025, 1, 1), end=TODAY), "environment"),
    (Filters(end=TODAY, organisation="sataedu"), "organisation"),
    (Filters(end=TODAY, organisation="samk", gender="woman"), "area"),
    (Filters(start=date(2024, 6, 1), end=date(2025, 5, 31), area="pohjois-satakunta"), "field"),
    (Filters(end=TODAY, field="07"), "gender"),
]


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def create_database() -> str:
    name = f"bench_reporting_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(ADMIN, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    return ADMIN.rsplit("/", 1)[0].replace("postgresql://", "postgresql+psycopg://") + f"/{name}"


def drop_database(url: str) -> None:
    name = url.rsplit("/", 1)[1]
    with psycopg.connect(ADMIN, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'DROP DATABASE IF EXISTS "{name}_audit" WITH (FORCE)')  # the runtime's audit log


def dashboard_queries(runtime, rounds: int) -> dict:
    """Time every statement of building the dashboard for each view, `rounds` times over."""
    statements: list[float] = []
    dashboards: list[float] = []
    started: dict = {}

    def before(conn, cursor, statement, parameters, context, executemany):
        started[id(cursor)] = time.perf_counter()

    def after(conn, cursor, statement, parameters, context, executemany):
        statements.append((time.perf_counter() - started.pop(id(cursor), time.perf_counter())) * 1000)

    engine = runtime.db.engine
    event.listen(engine, "before_cursor_execute", before)
    event.listen(engine, "after_cursor_execute", after)
    try:
        for _ in range(rounds):
            for filters, breakdown in VIEWS:
                bounds.forget_proofs()
                t0 = time.perf_counter()
                with runtime.db.session() as session:
                    indicators.build(session, filters, breakdown=breakdown, today=TODAY)
                dashboards.append((time.perf_counter() - t0) * 1000)
    finally:
        event.remove(engine, "before_cursor_execute", before)
        event.remove(engine, "after_cursor_execute", after)
    return {"statements": statements, "dashboards": dashboards}


COORDINATOR = Principal(user_id="bench-coordinator", username="coordinator", name="Coordinator",
                        organisation="verkosto", roles=frozenset({"coordinator"}), locale="fi")


def view_args(filters: Filters, breakdown: str) -> dict:
    args = {"start": filters.start.isoformat(), "end": filters.end.isoformat(), "breakdown": breakdown}
    args.update({k: v for k in ("organisation", "area", "field", "gender") if (v := getattr(filters, k))})
    return args


def dashboard_page(app, args: dict) -> str:
    """The coordinator's dashboard page for the query arguments, rendered by the page's own view."""
    from flask import g

    from services.reporting.web import dashboard

    with app.test_request_context("/", query_string=args, headers={"Accept-Language": "fi"}):
        g.principal = COORDINATOR
        page = dashboard.index()
    html = page[0] if isinstance(page, tuple) else page
    assert "chart-progress" in html, "the dashboard did not render"
    return html


def whole_dashboards(app, runtime, rounds: int, mode: str, limit: int | None = None) -> list[float]:
    """Milliseconds per whole dashboard page (queries and render) over every view, `rounds` times over.
    mode "before": every report built and proved anew (kept reports and proofs dropped before each page:
    today's path); "changed": the report built anew with every query run again, as after an event that
    changed every projection, with the proofs of unchanged tables kept; "kept": the report kept for the
    projections' version."""
    cache, memo = report_cache.of(runtime.db), report_cache.memo_of(runtime.db)
    times = []
    for _ in range(rounds):
        for filters, breakdown in VIEWS:
            if mode != "kept":
                cache.clear()
                memo.clear()  # every query runs again, as after an event that changed every projection
            if mode == "before":
                bounds.forget_proofs()
            t0 = time.perf_counter()
            try:
                with time_limit(limit):
                    dashboard_page(app, view_args(filters, breakdown))
            except PageTooSlow:
                print(f"  ({mode}: the {breakdown} view stopped after {limit} s)", flush=True)
            times.append((time.perf_counter() - t0) * 1000)
    return times


class PageTooSlow(Exception):
    pass


@contextlib.contextmanager
def time_limit(seconds: int | None):
    """Stop a page after `seconds` (its time then counts as the limit: a lower bound)."""
    if not seconds:
        yield
        return

    def stop(signum, frame):
        raise PageTooSlow

    previous = signal.signal(signal.SIGALRM, stop)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def served_count(app) -> int:
    """Clients served in the whole network up to TODAY, as the coordinator's dashboard shows it."""
    from flask import g

    from services.reporting.web import dashboard

    with app.test_request_context("/", query_string={"end": TODAY.isoformat(), "start": "2024-01-01"}):
        g.principal = COORDINATOR
        shown = dashboard.viewers_report()
    return int(shown.tables["funnel"].value("clients_served", "persons"))


def freshness(url: str, samples: int, *, kept_answers: bool) -> dict[str, list[float]]:
    """Seconds from intake's commit of a new client to reporting's dashboard count showing it: in all, until
    the consumer committed the projections' change ("delivered"), and the dashboard's build after it.
    kept_answers False: every query of the report runs again and every table is proved again (the memo of query
    answers and the kept proofs dropped: before)."""
    from shared import embedded

    tmp = Path(tempfile.mkdtemp())
    configs = {name: Config(service=name, database_url=url if name == "reporting" else
                            f"sqlite:///{tmp / (name + '.sqlite3')}", testing=True)
               for name in (*SERVICES, "portal")}
    network = embedded.build(configs).start()
    intake, app, db = network.runtimes["intake"], network.apps["reporting"], network.runtimes["reporting"].db
    memo = report_cache.memo_of(db)

    def version() -> int:
        with db.session() as session:
            return report_cache.version(session)

    def shown() -> int:
        if not kept_answers:
            memo.clear()
            bounds.forget_proofs()
        return served_count(app)

    found: dict[str, list[float]] = {"latency": [], "delivered": [], "build": []}
    try:
        shown()  # a report kept, as a running service has one
        for i in range(samples):
            before, seen = shown(), version()
            client_id = str(uuid.uuid4())
            t0 = time.perf_counter()
            with intake.work() as work:
                work.emit("intake.client.registered", {"client_id": client_id, "entered_on": TODAY.isoformat()},
                          organisation="sataedu")
                work.emit("intake.consent.given", {"client_id": client_id, "purpose": "statistics",
                                                   "version": "2026-1"}, organisation="sataedu")
                work.emit("intake.statistics.recorded", {
                    "client_id": client_id, "entered_on": TODAY.isoformat(), "age_band": "18_24", "gender": "woman",
                    "municipality": "214", "service_area": "pohjois-satakunta", "employment_status": "unemployed",
                    "education_status": None, "education_level": 3, "field_of_education": "07",
                    "disadvantaged": None}, organisation="sataedu")
            delivered = build = 0.0
            while time.perf_counter() - t0 < 60:  # a dashboard built once the projections changed: does it show it?
                now = version()
                if now == seen:
                    time.sleep(0.01)
                    continue
                seen, delivered = now, time.perf_counter() - t0
                t1 = time.perf_counter()
                count = shown()
                build = time.perf_counter() - t1
                if count > before:
                    break
            found["latency"].append(time.perf_counter() - t0)
            found["delivered"].append(delivered)
            found["build"].append(build)
            time.sleep(0.2 if i % 2 else 0.05)
    finally:
        network.shutdown()
    return found


@contextlib.contextmanager
def proofs(kind: str):
    """kind "today": every hidden count proved by its group's integer programs alone, as before issue 15 item
    11 (every shortcut of `domain/bounds.py` declines: trades, one relation, rectangles, the network of flows,
    the local programs); "trades": as the service runs now."""
    if kind == "trades":
        yield
        return
    declines = {"_narrow": lambda *args, **kwargs: None, "_by_rectangles": lambda *args, **kwargs: None,
                "_local_width": lambda *args, **kwargs: None}
    methods = {bounds._Trades: lambda self, cell, rectangles=True: None,
               bounds._Network: lambda self, cell: None}
    real = {name: getattr(bounds, name) for name in declines}
    real_methods = {cls: cls.width for cls in methods}
    for name, stand_in in declines.items():
        setattr(bounds, name, stand_in)
    for cls, stand_in in methods.items():
        cls.width = stand_in  # type: ignore[method-assign]
    try:
        yield
    finally:
        for name, function in real.items():
            setattr(bounds, name, function)
        for cls, method in real_methods.items():
            cls.width = method  # type: ignore[method-assign]


def row(label: str, times: list[float]) -> str:
    return f"  {label}: p50 {percentile(times, .5):,.0f} ms, p95 {percentile(times, .95):,.0f} ms, " \
           f"max {max(times):,.0f} ms"


def whole_pages(app, runtime, args) -> None:
    """The whole dashboard pages, today's path and now, in the same run."""
    with proofs("trades"):
        whole_dashboards(app, runtime, 1, "kept")  # templates compiled, as in a running service
    found: dict[str, list[float]] = {}
    if not args.no_before:
        with proofs("today"):
            found["before"] = whole_dashboards(app, runtime, args.rounds, "before", args.before_limit)
    with proofs("trades"):
        found["cold"] = whole_dashboards(app, runtime, args.rounds, "before")
        whole_dashboards(app, runtime, 1, "changed")  # the first page of each view keeps its proofs
        found["changed"] = whole_dashboards(app, runtime, args.rounds, "changed")
        whole_dashboards(app, runtime, 1, "kept")  # … and its report
        found["warm"] = whole_dashboards(app, runtime, args.rounds, "kept")
    print(f"whole dashboard page (queries + render), {len(VIEWS)} views × {args.rounds}"
          f"{' without ' + ', '.join(args.without) if args.without else ''}, same run, "
          f"load average {os.getloadavg()[0]:.1f}:")
    if "before" in found:
        print(row("before, today's path (every report built anew, every hidden count proved by its own integer "
                  "programs; the same cold or warm)", found["before"]))
    print(row("after, cold (nothing kept: every query run, every table proved, by trades first)", found["cold"]))
    print(row("after, built anew after a change (every query run, proofs of unchanged tables kept)",
              found["changed"]))
    print(row("after, warm (the report kept for the projections' versions)", found["warm"])
          + "; target p95 ≤ 500 ms")
    if "before" in found:
        before = found["before"]
        for label in ("cold", "warm"):
            print(f"  ratio before / after {label}: p50 {percentile(before, .5) / percentile(found[label], .5):.1f}×, "
                  f"p95 {percentile(before, .95) / percentile(found[label], .95):.1f}×")
    print(f"  recorded before issue 15 item 11 (docs/benchmarks.md, 2026-11-28, load 4–7): "
          f"p50 {RECORDED_BEFORE[0]} ms, p95 {RECORDED_BEFORE[1]} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--rounds", type=int, default=3, help="times each dashboard view is built")
    parser.add_argument("--samples", type=int, default=20, help="freshness samples")
    parser.add_argument("--keep", action="store_true", help="keep the database (prints its URL)")
    parser.add_argument("--database", help="a kept database to use again (its raw log is not written anew)")
    parser.add_argument("--no-rebuild", action="store_true", help="with --database: keep its projections")
    parser.add_argument("--no-queries", action="store_true", help="skip timing each query (whole pages only)")
    parser.add_argument("--no-pages", action="store_true", help="skip the whole pages (freshness only)")
    parser.add_argument("--no-before", action="store_true", help="skip today's path (the proof by integer "
                                                                     "programs alone)")
    parser.add_argument("--before-limit", type=int, default=120,
                        help="stop a page of today's path after this many seconds (counted as the limit)")
    parser.add_argument("--no-freshness", action="store_true", help="skip freshness (with --keep: seed a database)")
    parser.add_argument("--without", action="append", default=[], choices=("organisation", "area", "field",
                                                                            "gender", "environment"),
                        help="leave out the views of a breakdown (e.g. environment: its suppression proof of "
                             "1,250 environments takes minutes at 1,000,000 events)")
    args = parser.parse_args()
    VIEWS[:] = [(f, b) for f, b in VIEWS if b not in args.without]
    url = args.database or create_database()
    runtime = SERVICE.runtime(Config(service="reporting", database_url=url, testing=True))
    runtime.migrate()
    try:
        t0 = time.perf_counter()
        if args.database:
            with runtime.db.session() as session:
                written = session.execute(select(func.count()).select_from(raw_events)).scalar()
        else:
            written = write_raw(runtime.db, generate(seed=7, events=args.events))
        print(f"synthetic history: {written:,} events written in {time.perf_counter() - t0:.1f} s")
        if not args.no_rebuild:
            result = rebuild(runtime.db, progress=lambda n: print(f"  rebuild: {n:,} events replayed", flush=True))
            print(f"rebuild: {result.events:,} events in {result.seconds:.1f} s "
                  f"({result.events / result.seconds:,.0f} events/s); target ≤ 300 s")
            print("  rows: " + ", ".join(f"{k} {v:,}" for k, v in result.rows.items()))
        with runtime.db.engine.connect() as conn:
            conn.exec_driver_sql("ANALYZE")
            conn.commit()
        with runtime.db.session() as session:
            assert session.execute(select(func.count()).select_from(raw_events)).scalar() == written
        print(f"load average before the dashboards: {os.getloadavg()[0]:.1f} (2 cores, shared)")
        if not args.no_queries:
            dashboard_queries(runtime, 1)  # warm the caches as a running service has them
            timing = dashboard_queries(runtime, args.rounds)
            st, db = timing["statements"], timing["dashboards"]
            print(f"dashboard queries: {len(st)} statements over {len(db)} dashboards")
            print(f"  per query: p50 {percentile(st, .5):.1f} ms, p95 {percentile(st, .95):.1f} ms, "
                  f"max {max(st):.1f} ms; target p95 ≤ 300 ms")
            print(f"  the indicators alone ({len(st) // len(db)} queries, every table proved anew): "
                  f"p50 {percentile(db, .5):.0f} ms, p95 {percentile(db, .95):.0f} ms, max {max(db):.0f} ms")
        if not args.no_pages:
            whole_pages(SERVICE.app_for(runtime), runtime, args)
        runtime.close()
        if args.no_freshness:
            return
        print("freshness (intake commit → shown by a dashboard built after it, embedded network), same run:")
        # "before" proves by trades too: today's proof of a first build takes minutes on this history (see the
        # pages' before), which would stop every sample; what is compared here is the memo of answers.
        runs = [("before (every query anew, every table proved anew)", False, "trades"),
                ("after (kept answers and proofs)", True, "trades")]
        for label, kept_answers, kind in runs[1 if args.no_before else 0:]:
            bounds.forget_proofs()
            with proofs(kind):
                found = freshness(url, args.samples, kept_answers=kept_answers)
            lat = found["latency"]
            print(f"  {label}: p50 {statistics.median(lat):.2f} s, p95 {percentile(lat, .95):.2f} s, "
                  f"max {max(lat):.2f} s; target p95 ≤ 1 s; of it: the consumer's commit p50 "
                  f"{statistics.median(found['delivered']):.2f} s, p95 {percentile(found['delivered'], .95):.2f} s; "
                  f"the dashboard's build p50 {statistics.median(found['build']):.2f} s, "
                  f"p95 {percentile(found['build'], .95):.2f} s; load average {os.getloadavg()[0]:.1f}", flush=True)
    finally:
        runtime.close()
        if args.keep or args.database:
            print(f"kept {url}")
        else:
            drop_database(url)


if __name__ == "__main__":
    main()
