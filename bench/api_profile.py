"""Profile endpoints of bench/api.py in one process, on databases that `bench/api.py --keep` seeded.

    python bench/api_profile.py --reuse bench_api_1a2b3c4d --only "client list" --requests 200
    python bench/api_profile.py --reuse bench_api_1a2b3c4d --sort tottime --top 40

The portal runs under gunicorn (as in bench/api.py: its JWKS and token check answer over HTTP); the
measured service is built in this process with the same settings (EdDSA tokens, PORTAL_INTERNAL_URL) and
driven with Flask's test client, so the profile holds everything a gunicorn worker does for a request
except gunicorn itself. Prints this process's CPU time and the wall time per request (PostgreSQL's work is in
the wall time only), and cProfile's top functions by CPU time.
"""
from __future__ import annotations

import argparse
import cProfile
import io
import json
import os
import pstats
import sys
import tempfile
import time
import uuid
from contextlib import contextmanager
from pathlib import Path

os.environ.setdefault("BENCH_API_PORT", "18400")  # beside a bench/api.py run on its default ports
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import api as bench  # noqa: E402  (bench/api.py)


def statements_of(call, parameters: list | None = None) -> list[tuple[str, str]]:
    """The statements (BEGIN and COMMIT too) that `call` sends, with each engine's database name; `parameters`:
    a list to which each statement's parameters are added, None for BEGIN and COMMIT."""
    from sqlalchemy import event
    from sqlalchemy.engine import Engine

    seen: list[tuple[str, str]] = []
    parameters = [] if parameters is None else parameters

    def statement(conn, cursor, text, params, *_args):
        seen.append((conn.engine.url.database, text))
        parameters.append(params)

    def begin(conn):
        seen.append((conn.engine.url.database, "BEGIN"))
        parameters.append(None)

    def commit(conn):
        seen.append((conn.engine.url.database, "COMMIT"))
        parameters.append(None)

    def rollback(conn):
        seen.append((conn.engine.url.database, "ROLLBACK"))
        parameters.append(None)

    hooks = [("before_cursor_execute", statement), ("begin", begin), ("commit", commit), ("rollback", rollback)]
    for name, hook in hooks:
        event.listen(Engine, name, hook)
    try:
        call()
    finally:
        for name, hook in hooks:
            event.remove(Engine, name, hook)
    return seen


BESIDE: dict[str, int] = {}  # the services run beside under gunicorn (not the portal): name -> master's pid


def beside_cpu() -> float:
    """CPU seconds the services run beside (each gunicorn master and its workers) have used so far."""
    tick = os.sysconf("SC_CLK_TCK")
    stats = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as f:
                    fields = f.read().rpartition(")")[2].split()
            except OSError:
                continue
            stats[int(entry)] = (int(fields[1]), (int(fields[11]) + int(fields[12])) / tick)  # ppid, utime+stime
    ours = set(BESIDE.values())
    ours |= {pid for pid, (ppid, _cpu) in stats.items() if ppid in ours}
    return sum(cpu for pid, (_ppid, cpu) in stats.items() if pid in ours)


def database_cpu(database_prefix: str) -> float:
    """CPU seconds PostgreSQL's server processes for the databases whose names begin with `database_prefix` have used
    so far (a backend's process title names its database: `postgres: 15/main: postgres DATABASE 127.0.0.1(...)`):
    the server's share of a request, which under gunicorn runs on the same cores as the services."""
    tick = os.sysconf("SC_CLK_TCK")
    wanted = f" {database_prefix}".encode()
    total = 0.0
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/cmdline", "rb") as f:
                    title = f.read()
                if not title.startswith(b"postgres: ") or wanted not in title:
                    continue
                with open(f"/proc/{entry}/stat") as f:
                    fields = f.read().rpartition(")")[2].split()
            except OSError:
                continue
            total += (int(fields[11]) + int(fields[12])) / tick
    return total


@contextmanager
def portal_beside(reuse: str, prefix: str, beside: tuple[str, ...] = ()):
    """The seed's facts and the users' tokens, with the portal (and the services named in `beside`) running under
    gunicorn and this process's environment set as a service's of bench/api.py (a service app built now reads it)."""
    facts = json.loads((Path(tempfile.gettempdir()) / f"{reuse}.json").read_text())
    workdir = tempfile.mkdtemp(prefix=prefix)
    env = bench.environment_for({s: bench.pg_url(f"{reuse}_{s}") for s in bench.SERVICES}, workdir)
    started = [bench.start(name, env, f"services.{name}:create_app()", workdir) for name in ("portal", *beside)]
    try:
        for name in ("portal", *beside):
            bench.wait_ready(name)
        BESIDE.update({name: proc.pid for name, proc in zip(beside, started[1:], strict=True)})
        toks = bench.tokens(env, bench.USERS)
        os.environ.clear()
        os.environ.update(env)
        yield facts, toks
    finally:
        BESIDE.clear()
        bench.stop(started)


def caller(ep, client, toks: dict):
    """A function making one request of the endpoint `ep` with the Flask test `client`, as its user (`toks`: the
    users' tokens), a new body and Idempotency-Key each time; it stops the run on an answer that is not 2xx."""

    def call():
        headers = {"Accept": "text/html" if ep.html else "application/json", "Idempotency-Key": uuid.uuid4().hex}
        if toks.get(ep.user):
            headers["Authorization"] = f"Bearer {toks[ep.user]}"
        body = json.loads(json.dumps(ep.body).replace("@N@", uuid.uuid4().hex)) if ep.body else None
        response = client.open(ep.path, method=ep.method, headers=headers, json=body)
        if response.status_code >= 300:
            raise SystemExit(f"{ep.name}: {response.status_code} {response.get_data(as_text=True)[:300]}")
        return response

    return call


def explain(database: str, statement: str, params) -> None:
    """EXPLAIN (ANALYZE, BUFFERS) of a read statement on its database, with the parameters it was sent with."""
    import psycopg

    with psycopg.connect(bench.pg_url(database).replace("postgresql+psycopg", "postgresql")) as conn:
        for (line,) in conn.execute("EXPLAIN (ANALYZE, BUFFERS) " + statement, params or None):
            print(f"      {line}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reuse", required=True, help="the prefix of databases kept by bench/api.py --keep")
    parser.add_argument("--only", action="append", help="endpoint name (repeatable); all when none")
    parser.add_argument("--requests", type=int, default=100)
    parser.add_argument("--sort", default="cumulative")
    parser.add_argument("--top", type=int, default=30)
    parser.add_argument("--no-profile", action="store_true", help="only time the requests")
    parser.add_argument("--dump", help="also write each endpoint's profile to DUMP-<endpoint>.prof (pstats)")
    parser.add_argument("--beside", action="append", default=[], choices=("environments",),
                        help="also run this service under gunicorn (the desk page asks environments' reminders)")
    parser.add_argument("--statements", action="store_true",
                        help="print the SQL statements of one request (and which database each went to)")
    parser.add_argument("--explain", action="store_true",
                        help="print EXPLAIN (ANALYZE, BUFFERS) of each SELECT of one request, run again on its "
                             "database with the request's parameters")
    args = parser.parse_args()

    with portal_beside(args.reuse, "bench-api-profile-", tuple(args.beside)) as (facts, toks):
        apps = {}
        for ep in bench.endpoints(facts):
            if args.only and ep.name not in args.only:
                continue
            if ep.service not in apps:
                apps[ep.service] = bench.service_app(ep.service).test_client()
            client = apps[ep.service]

            call = caller(ep, client, toks)
            for _ in range(5):
                call()
            if args.statements or args.explain:
                print(f"== {ep.name}: the statements of one request")
                given: list = []
                for (database, statement), params in zip(statements_of(call, given), given, strict=True):
                    print(f"   {database:<40} {' '.join(statement.split())[:150]}")
                    if args.explain and statement.lstrip().upper().startswith(("SELECT", "WITH")):
                        explain(database, statement, params)
                continue
            # CPU time of this process: on a shared machine the wall clock mostly measures the others' work
            profile = None if args.no_profile else cProfile.Profile(time.process_time)
            started, cpu = time.perf_counter(), time.process_time()
            if profile:
                profile.enable()
            for _ in range(args.requests):
                call()
            if profile:
                profile.disable()
            per = (time.perf_counter() - started) / args.requests * 1000
            per_cpu = (time.process_time() - cpu) / args.requests * 1000
            print(f"== {ep.name}: {per_cpu:.2f} ms CPU, {per:.2f} ms wall a request ({args.requests} requests"
                  f"{'' if args.no_profile else ', under cProfile'})", flush=True)
            if profile and args.dump:
                profile.dump_stats(f"{args.dump}-{ep.name.replace(' ', '_')}.prof")
            if profile:
                out = io.StringIO()
                pstats.Stats(profile, stream=out).sort_stats(args.sort).print_stats(args.top)
                print(out.getvalue(), flush=True)


if __name__ == "__main__":
    main()
