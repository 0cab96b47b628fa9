"""A worker started again, measured: what it costs before it answers, and its first requests, with the twelfth
round's changes switched off and on in turn, on databases that `bench/api.py --keep` seeded.

    python bench/cold_worker.py --reuse bench_api_1a2b3c4d --only "dashboard page" --rounds 3

Each trial is a process of its own, as a worker forked from gunicorn's master: it first does what the master does
(deploy/gunicorn.conf.py: preload_reference_data, preload_code; not measured), then builds the service's app and
runs post_worker_init (the start, measured), then asks the endpoint THREADS times at once (a gthread worker's
threads: the first requests), then STEADY times one after the other. "off" switches off the compiled templates kept
between workers (TEMPLATE_CACHE=0), the navigation read by the master (PRELOAD_NAVIGATION=0), the warming
(WARM_WORKER=0) and reporting's one maker (report_cache.ONE_MAKER); "on" is the tree as it is, its template folder
filled by a worker before it (a first trial, not counted). CPU is this process's: the machine's load does not
move it; the first requests' wall times are printed too.
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

os.environ.setdefault("BENCH_API_PORT", "18400")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import api as bench  # noqa: E402  (bench/api.py)

THREADS = 4  # GUNICORN_THREADS of the deployment
STEADY = 20
OFF = {"TEMPLATE_CACHE": "0", "PRELOAD_NAVIGATION": "0", "WARM_WORKER": "0"}


class Worker:
    """What post_worker_init reads of gunicorn's worker."""

    def __init__(self, app, tmp_dir: str, master: int) -> None:
        self.wsgi, self.ppid = app, master
        self.cfg = type("cfg", (), {"worker_tmp_dir": tmp_dir})
        self.log = type("log", (), {"info": print, "warning": print, "exception": print})()


def child(spec: dict) -> None:
    """One worker's start and first requests (printed as JSON)."""
    import importlib.util

    from api_profile import caller

    service, ep = spec["service"], bench.Endpoint(**spec["endpoint"])
    os.environ["SERVICE"] = service
    conf_spec = importlib.util.spec_from_file_location("kampus_gunicorn_conf", ROOT / "deploy" / "gunicorn.conf.py")
    assert conf_spec is not None and conf_spec.loader is not None
    conf = importlib.util.module_from_spec(conf_spec)
    conf_spec.loader.exec_module(conf)
    conf.preload_reference_data(service)  # the master's part
    conf.preload_code(service, f"bench.api:service_app({service!r})")
    if spec["off"]:
        from services.reporting.handlers import report_cache

        report_cache.ONE_MAKER = False

    started = time.process_time()
    app = bench.service_app(service)
    conf.post_worker_init(Worker(app, spec["tmp_dir"], spec["master"]))
    boot = time.process_time() - started

    call = caller(ep, app.test_client(), spec["tokens"])
    walls: list[float] = []

    def first() -> None:
        began = time.perf_counter()
        call()
        walls.append(time.perf_counter() - began)

    started = time.process_time()
    threads = [threading.Thread(target=first) for _ in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    firsts = time.process_time() - started
    started = time.process_time()
    for _ in range(STEADY):
        call()
    steady = (time.process_time() - started) / STEADY
    print("JSON " + json.dumps({"boot_ms": boot * 1000, "first_cpu_ms": firsts * 1000,
                                "first_wall_ms": sorted(w * 1000 for w in walls), "steady_ms": steady * 1000}))


def trial(spec: dict, off: bool) -> dict:
    env = dict(os.environ, **(OFF if off else {}))
    out = subprocess.run([sys.executable, __file__, "--child", json.dumps({**spec, "off": off})], env=env, cwd=ROOT,
                         capture_output=True, text=True)
    lines = [line for line in out.stdout.splitlines() if line.startswith("JSON ")]
    if not lines:
        raise SystemExit(f"the trial gave no answer:\n{out.stdout[-2000:]}\n{out.stderr[-4000:]}")
    return json.loads(lines[-1][5:])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reuse", help="the prefix of databases kept by bench/api.py --keep")
    parser.add_argument("--only", action="append", help="endpoint name (repeatable)", default=[])
    parser.add_argument("--rounds", type=int, default=3, help="off and on trials of each endpoint, in turn")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        return child(json.loads(args.child))
    from dataclasses import asdict

    from api_profile import portal_beside

    with portal_beside(args.reuse, "bench-cold-worker-") as (facts, toks), \
            tempfile.TemporaryDirectory(prefix="bench-cold-worker-templates-") as tmp_dir:
        for ep in bench.endpoints(facts):
            if ep.name not in args.only:
                continue
            spec = {"service": ep.service, "endpoint": asdict(ep), "tokens": toks, "tmp_dir": tmp_dir,
                    "master": os.getpid()}
            trial(spec, off=False)  # a worker before: its compiled templates are kept for the next ones
            found: dict[str, list[dict]] = {"off": [], "on": []}
            for _ in range(args.rounds):
                for side in ("off", "on"):
                    found[side].append(trial(spec, off=side == "off"))
            for side, runs in found.items():
                walls = [max(r["first_wall_ms"]) for r in runs]
                print(f"{ep.name:<22} {side:>3}: start {statistics.median(r['boot_ms'] for r in runs):6.0f} ms CPU, "
                      f"first {THREADS} at once {statistics.median(r['first_cpu_ms'] for r in runs):6.0f} ms CPU "
                      f"(the slowest {statistics.median(walls):6.0f} ms wall), then "
                      f"{statistics.median(r['steady_ms'] for r in runs):5.1f} ms CPU a request", flush=True)
            ratio = (statistics.median(r["first_cpu_ms"] for r in found["on"])
                     / statistics.median(r["first_cpu_ms"] for r in found["off"]))
            print(f"{ep.name:<22} first requests' CPU on ÷ off: {ratio:.2f}", flush=True)


if __name__ == "__main__":
    main()
