"""The generic-plan trap, statement by statement: each read statement an endpoint of bench/api.py sends, prepared as
psycopg prepares it (from its fifth execution on a connection) and explained with PostgreSQL's generic plan (made
without the parameters' values) and with a custom plan (made for them), on databases `bench/api.py --keep` seeded.

    python bench/generic_plans.py --reuse bench_api_1a2b3c4d --only "suggestions list" --only "reminders"

With `plan_cache_mode = auto` PostgreSQL plans a prepared statement for its values five times, then keeps the generic
plan from then on where its estimated cost is below the custom plans' average (with a charge for planning). A statement
whose constants are parameters can get a generic plan that estimates few rows where there are many and costs far
more than the plan made for the values (issue 18, the ninth round: the client list's hidden statuses, 7.1 ms against
0.5 ms). For each statement this prints, for a custom and a generic plan, the median planning and execution time of
`EXPLAIN (ANALYZE, BUFFERS) EXECUTE` and the top of the plan, and how many of eleven executions `auto` planned each
way (its first five are custom). The audit stores' statements (an append, a flush) are left out: they write.
"""
from __future__ import annotations

import argparse
import os
import re
import statistics
import sys
from pathlib import Path

os.environ.setdefault("BENCH_API_PORT", "18400")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import api as bench  # noqa: E402  (bench/api.py)
from api_profile import caller, portal_beside, statements_of  # noqa: E402

NAMED = re.compile(r"%\((\w+)\)s")
TIME = re.compile(r"(Planning|Execution) Time: ([\d.]+) ms")
READ = ("SELECT", "WITH")


def _placeholders(statement: str, params) -> tuple[list, str]:
    """The parameters' values in the order psycopg numbers them ($1, $2 ... by first appearance of a name), and the
    statement as a psycopg ClientCursor renders `EXECUTE name(...)`'s arguments from (one %s a value)."""
    if isinstance(params, dict):
        order: list[str] = []
        for name in NAMED.findall(statement):
            if name not in order:
                order.append(name)
        return [params[name] for name in order], ", ".join(["%s"] * len(order))
    values = list(params or ())
    return values, ", ".join(["%s"] * len(values))


def _explained(conn, execute: str, runs: int) -> tuple[float, float, list[str]]:
    """Median planning and execution time (ms) of `runs` EXPLAIN ANALYZE EXECUTEs, and the plan's lines."""
    planning, execution, lines = [], [], []
    for _ in range(runs):
        lines = [line for (line,) in conn.execute(f"EXPLAIN (ANALYZE, BUFFERS) {execute}")]
        found = dict(TIME.findall("\n".join(lines)))
        planning.append(float(found.get("Planning", 0.0)))
        execution.append(float(found["Execution"]))
    return statistics.median(planning), statistics.median(execution), lines


def check(database: str, statement: str, params, runs: int, plans: bool) -> None:
    """Prepare `statement` on a new connection as psycopg does and compare its custom and generic plans."""
    import psycopg

    url = bench.pg_url(database).replace("postgresql+psycopg", "postgresql")
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(statement, params or None, prepare=True)  # psycopg's own PREPARE, its own parameter types
        name, types = conn.execute("SELECT name, parameter_types::text FROM pg_prepared_statements "
                                   "WHERE NOT from_sql ORDER BY prepare_time DESC LIMIT 1").fetchone()
        values, marks = _placeholders(statement, params)
        arguments = psycopg.ClientCursor(conn).mogrify(marks, values) if values else ""
        execute = f"EXECUTE {name}({arguments})" if values else f"EXECUTE {name}"
        for _ in range(10):  # plan_cache_mode = auto: custom plans for the first five, then its choice
            conn.execute(execute).fetchall()
        generic, custom = conn.execute("SELECT generic_plans, custom_plans FROM pg_prepared_statements "
                                       "WHERE name = %s", (name,)).fetchone()
        got = {}
        for mode in ("force_custom_plan", "force_generic_plan"):
            conn.execute(f"SET plan_cache_mode = {mode}")
            got[mode] = _explained(conn, execute, runs)
    (c_plan, c_exec, c_lines), (g_plan, g_exec, g_lines) = got["force_custom_plan"], got["force_generic_plan"]
    print(f"   custom: planning {c_plan:.3f} + execution {c_exec:.3f} ms | generic: planning {g_plan:.3f} + "
          f"execution {g_exec:.3f} ms | generic/custom {(g_plan + g_exec) / max(c_plan + c_exec, 1e-3):.2f} | "
          f"auto, of 11 executions: generic {generic}, custom {custom} (parameters {types})", flush=True)
    for label, lines in (("custom", c_lines), ("generic", g_lines)):
        shown = lines if plans else lines[:1]
        for line in shown:
            print(f"      {label}: {line}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reuse", required=True, help="the prefix of databases kept by bench/api.py --keep")
    parser.add_argument("--only", action="append", required=True, help="endpoint name (repeatable)")
    parser.add_argument("--runs", type=int, default=7, help="EXPLAIN ANALYZE EXECUTEs of each plan (median)")
    parser.add_argument("--plans", action="store_true", help="print both plans in full")
    args = parser.parse_args()

    with portal_beside(args.reuse, "bench-generic-plans-") as (facts, toks):
        for ep in bench.endpoints(facts):
            if ep.name not in args.only:
                continue
            call = caller(ep, bench.service_app(ep.service).test_client(), toks)
            for _ in range(5):
                call()
            given: list = []
            seen = set()
            print(f"== {ep.name}", flush=True)
            for (database, statement), params in zip(statements_of(call, given), given, strict=True):
                if (not statement.lstrip().upper().startswith(READ) or database.endswith("_audit")
                        or (database, statement) in seen):
                    continue
                seen.add((database, statement))
                print(f"-- {database}: {' '.join(statement.split())[:600]}", flush=True)
                check(database, statement, params, args.runs, args.plans)


if __name__ == "__main__":
    main()
