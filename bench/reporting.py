"""Benchmark of reporting on PostgreSQL: rebuild of the raw log, the dashboard's queries, freshness.

1. Writes a deterministic synthetic history (`services/reporting/handlers/synthetic.py`, seed 7) of --events events
   straight into the raw log of a fresh database.
2. `rebuild`: replays the whole log into fresh projections (target: 1,000,000 events in ≤ 5 min).
3. The dashboard: builds every indicator for a mix of filters and breakdowns, as the page does, and
   times each query (target: p95 ≤ 300 ms) and each whole dashboard.
4. Freshness: the embedded network with this database as reporting's; intake publishes a new client
   through its outbox, the relay and the consumer, and the time until the dashboard's count shows it is
   measured (target: ≤ 5 s).

Run: `python bench/reporting.py` (`--events 100000` for a shorter run). Needs the local PostgreSQL
(BENCH_PG_ADMIN); creates its own database and drops it afterwards.
"""
from __future__ import annotations

import argparse
import os
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
from services.reporting.db import clients, raw_events  # noqa: E402
from services.reporting.domain.filters import Filters  # noqa: E402
from services.reporting.handlers import indicators  # noqa: E402
from services.reporting.handlers.rebuild import rebuild  # noqa: E402
from services.reporting.handlers.synthetic import generate, write_raw  # noqa: E402
from shared.config import Config  # noqa: E402
from shared.events.catalogue import SERVICES  # noqa: E402

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
                t0 = time.perf_counter()
                with runtime.db.session() as session:
                    indicators.build(session, filters, breakdown=breakdown, today=TODAY)
                dashboards.append((time.perf_counter() - t0) * 1000)
    finally:
        event.remove(engine, "before_cursor_execute", before)
        event.remove(engine, "after_cursor_execute", after)
    return {"statements": statements, "dashboards": dashboards}


def freshness(url: str, samples: int) -> list[float]:
    """Seconds from intake's commit of a new client to reporting's dashboard count showing it."""
    from shared import embedded

    tmp = Path(tempfile.mkdtemp())
    configs = {name: Config(service=name, database_url=url if name == "reporting" else
                            f"sqlite:///{tmp / (name + '.sqlite3')}", testing=True)
               for name in (*SERVICES, "portal")}
    network = embedded.build(configs).start()
    intake, reporting = network.runtimes["intake"], network.runtimes["reporting"]
    latencies = []
    try:
        for i in range(samples):
            with reporting.db.session() as session:
                before = session.execute(select(func.count()).select_from(clients).where(
                    clients.c.counted.is_(True))).scalar()
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
            while True:  # the dashboard's count of clients served, read from the projection it uses
                with reporting.db.session() as session:
                    now = session.execute(select(func.count()).select_from(clients).where(
                        clients.c.counted.is_(True))).scalar()
                if now > before or time.perf_counter() - t0 > 30:
                    break
                time.sleep(0.02)
            latencies.append(time.perf_counter() - t0)
            time.sleep(0.2 if i % 2 else 0.05)
    finally:
        network.shutdown()
    return latencies


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--rounds", type=int, default=3, help="times each dashboard view is built")
    parser.add_argument("--samples", type=int, default=20, help="freshness samples")
    parser.add_argument("--keep", action="store_true", help="keep the database (prints its URL)")
    parser.add_argument("--database", help="a kept database to use again (its raw log is not written anew)")
    parser.add_argument("--no-rebuild", action="store_true", help="with --database: keep its projections")
    args = parser.parse_args()
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
        dashboard_queries(runtime, 1)  # warm the caches as a running service has them
        timing = dashboard_queries(runtime, args.rounds)
        st, db = timing["statements"], timing["dashboards"]
        print(f"dashboard queries: {len(st)} statements over {len(db)} dashboards")
        print(f"  per query: p50 {percentile(st, .5):.1f} ms, p95 {percentile(st, .95):.1f} ms, "
              f"max {max(st):.1f} ms; target p95 ≤ 300 ms")
        print(f"  per whole dashboard ({len(st) // len(db)} queries): p50 {percentile(db, .5):.0f} ms, "
              f"p95 {percentile(db, .95):.0f} ms, max {max(db):.0f} ms")
        runtime.close()
        lat = freshness(url, args.samples)
        print(f"freshness (intake commit → in the dashboard's projection, embedded network): "
              f"p50 {statistics.median(lat):.2f} s, p95 {percentile(lat, .95):.2f} s, max {max(lat):.2f} s")
        print(f"  + one dashboard build: p95 {percentile(lat, .95) + percentile(db, .95) / 1000:.2f} s; target ≤ 5 s")
    finally:
        runtime.close()
        if args.keep or args.database:
            print(f"kept {url}")
        else:
            drop_database(url)


if __name__ == "__main__":
    main()
