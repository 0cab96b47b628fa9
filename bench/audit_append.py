"""Concurrent appends to a scratch audit store on PostgreSQL: appends a second and each append's wall time, with
PROCESSES x THREADS appending at once (as gunicorn's 2 workers x 4 threads do), then the chain verified.

    python bench/audit_append.py 2 4 --seconds 4 --subjects 50 --way before --way after --rounds 3

The database h18_audit_append_bench_<pid> is made for the run and dropped after it. Every audited request appends
one entry under one advisory lock per store, so this is the store's ceiling. `--way` (repeatable; the ways take turns,
`--rounds` times) chooses how: `before` as before the eighth round (each thread its own statement, the commit
flushed while the chain is locked), `flush` (the flush after the lock), `turns` (one statement at a time per
process, taking every entry waiting), `after` (both, what the store does now).
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
import threading
import time
import uuid
from multiprocessing import Process, Queue
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import create_engine, text  # noqa: E402

from shared.audit import Actor, AuditStore, Entry  # noqa: E402

SERVER = "postgresql+psycopg://postgres@127.0.0.1:5432"
NAME = f"h18_audit_append_bench_{os.getpid()}"  # of this run: two runs at once do not share it
MANAGER = Actor("u-1", "sataedu", "manager")


def store() -> AuditStore:
    return AuditStore(f"{SERVER}/{NAME}", service="intake", organisation="sataedu", key=b"k" * 32)


WAYS = {"before": (False, False), "flush": (True, False), "turns": (False, True), "after": (True, True)}


def appender(out: Queue, way: str, threads: int, seconds: float, subjects: int) -> None:
    mine = store()
    mine.flushed_after_lock, mine.in_turns = WAYS[way]
    mine.ready()
    times: list[float] = []
    sent = [0]
    send = mine._send

    def counted(fragments: list[dict], passed_on) -> None:  # how many statements carried the entries
        sent[0] += 1
        send(fragments, passed_on)

    mine._send = counted  # type: ignore[method-assign]
    stop = time.perf_counter() + seconds

    def run() -> None:
        ids = [str(uuid.uuid4()) for _ in range(subjects)]  # a client list's page: one entry naming them all
        while time.perf_counter() < stop:
            started = time.perf_counter()
            mine.append([Entry("read", "client_list", "guidance", MANAGER, subject_ids=ids)])
            times.append(time.perf_counter() - started)

    running = [threading.Thread(target=run) for _ in range(threads)]
    for thread in running:
        thread.start()
    for thread in running:
        thread.join()
    out.put((times, sent[0]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("processes", type=int)
    parser.add_argument("threads", type=int)
    parser.add_argument("--seconds", type=float, default=4)
    parser.add_argument("--subjects", type=int, default=50)
    parser.add_argument("--way", action="append", choices=sorted(WAYS), help="repeatable (default: after)")
    parser.add_argument("--rounds", type=int, default=1, help="how many times the ways take turns")
    args = parser.parse_args()
    admin = create_engine(f"{SERVER}/postgres", isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f"DROP DATABASE IF EXISTS {NAME}"))
        conn.execute(text(f"CREATE DATABASE {NAME}"))
    owner = store()
    owner.ensure_schema(force=True)
    rates: dict[str, list[float]] = {}
    for _ in range(args.rounds):
        for way in args.way or ["after"]:
            out: Queue = Queue()
            workers = [Process(target=appender, args=(out, way, args.threads, args.seconds, args.subjects))
                       for _ in range(args.processes)]
            for worker in workers:
                worker.start()
            answers = [out.get() for _ in workers]
            times = sorted(t for each, _ in answers for t in each)
            statements = sum(count for _, count in answers)
            rates.setdefault(way, []).append(len(times) / args.seconds)
            for worker in workers:
                worker.join()
            print(f"{way:>6} {args.processes}x{args.threads}, {args.subjects} subjects an entry: "
                  f"{len(times) / args.seconds:.0f} appends/s, p50 {statistics.median(times) * 1000:.2f} ms, "
                  f"p99 {times[int(len(times) * .99)] * 1000:.2f} ms, {len(times) / statements:.1f} entries a "
                  f"statement; load average {os.getloadavg()[0]:.1f}",
                  flush=True)
    if args.rounds > 1:
        print("medians:", ", ".join(f"{way} {statistics.median(each):.0f}/s" for way, each in rates.items()))
    print(f"the chain: {owner.verify()}")
    owner.dispose()
    with admin.connect() as conn:
        conn.execute(text(f"DROP DATABASE {NAME}"))


if __name__ == "__main__":
    main()
