"""Before and after in one process, taking turns: an endpoint of bench/api.py measured with a change switched off
and on in alternate blocks of requests, on databases that `bench/api.py --keep` seeded.

    python bench/api_ab.py --reuse bench_api_1a2b3c4d --switch translations --only "client list page"

Each switch names a change of the code and how to undo it in this process (the fifth and sixth rounds', issue 18;
`--switch` again to switch several together). The
machine's load moves both halves alike, so the ratio of their CPU times per request is what compares; the
setting is bench/api_profile.py's (the portal under gunicorn, the service under Flask's test client).
"""
from __future__ import annotations

import argparse
import os
import re
import statistics
import sys
import time
import uuid
from pathlib import Path
from typing import Any

os.environ.setdefault("BENCH_API_PORT", "18400")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import api as bench  # noqa: E402  (bench/api.py)
from api_profile import portal_beside  # noqa: E402


def _translations(app, on: bool) -> None:
    """shared.web.ui.RequestDomain (a request's translations looked up once) against Flask-Babel's Domain."""
    from flask_babel import Domain

    from shared.web.ui import RequestDomain

    app.extensions["babel"].instance.domain_instance = (RequestDomain if on else Domain)(domain="messages")


def _findings(app, on: bool) -> None:
    """Parts.findings kept once per Parts (cached_property) against a property that checks on every ask."""
    from services.environments.handlers import views

    kept = app.config.setdefault("AB_KEPT_FINDINGS", views.Parts.__dict__["findings"])
    views.Parts.findings = kept if on else property(  # type: ignore[method-assign,assignment]
        lambda self: views.language_findings(self.row, self.roles))


def _worklist(app, on: bool) -> None:
    """The partner's page read at once (queries.partner_worklist) against environment by environment."""
    from flask import render_template

    from services.environments.context import lang, runtime
    from services.environments.handlers import access as acl
    from services.environments.handlers import evaluation, queries
    from shared.auth import allow, current_principal

    @allow("partner")
    def one_by_one():  # services/environments/web/assessments.py before the fifth round
        principal = current_principal()
        with runtime().db.session() as session:
            found = queries.list_environments(session, principal, {}, lang())
            for env in found:
                row, access = acl.load_environment(session, principal, env["id"])
                env["reminders"] = [r for r in evaluation.reminders_for(session, row)
                                    if r["partner_id"] and r["partner_id"] in access.partner_ids]
        return render_template("environments/my_assessments.html", environments=found)

    endpoint = "assessment_pages.my_assessments"
    new = app.config.setdefault("AB_NEW_VIEW", app.view_functions[endpoint])
    app.view_functions[endpoint] = new if on else one_by_one


ORIGINAL: dict[str, Any] = {}  # what a switch of module state replaces, as the process began


def _desk_counts(app, on: bool) -> None:
    """The navigation's desk count statement built once a day per person (desk._count_statement keeps it)
    against built for every request (the sixth round)."""
    from services.intake.handlers import desk

    kept = ORIGINAL.setdefault("desk._count_statement", desk._count_statement)  # module state: the first app's

    def built_each_time(principal, today):
        desk._built.clear()
        return kept(principal, today)

    desk._count_statement = kept if on else built_each_time


def _gc_freeze(app, on: bool) -> None:
    """What a worker holds once its app is built kept out of the garbage collector's scans (gc.freeze() in
    deploy/gunicorn.conf.py's post_worker_init) against scanned with the rest (the sixth round)."""
    import gc

    gc.freeze() if on else gc.unfreeze()


def _desk_reading(app, on: bool) -> None:
    """The navigation's desk counts read outside a transaction (ServiceRuntime.reading: one round trip) against in
    a unit of work's transaction (BEGIN, the count, COMMIT) (the sixth round)."""
    from shared.runtime import ServiceRuntime

    kept = ORIGINAL.setdefault("reading", ServiceRuntime.reading)
    ServiceRuntime.reading = kept if on else ServiceRuntime.work  # type: ignore[method-assign]


SIGNED = re.compile(rb"[\w-]{20,}\.[\w-]{4,}\.[\w-]{10,}")
SWITCHES = {"translations": _translations, "findings": _findings, "worklist": _worklist,
            "desk_counts": _desk_counts, "gc_freeze": _gc_freeze,
            "desk_reading": _desk_reading}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reuse", required=True)
    parser.add_argument("--switch", action="append", required=True, choices=sorted(SWITCHES),
                        help="repeatable: the changes switched together")
    parser.add_argument("--only", action="append", required=True, help="endpoint name (repeatable)")
    parser.add_argument("--blocks", type=int, default=10, help="blocks of each half, taking turns")
    parser.add_argument("--requests", type=int, default=20, help="requests a block")
    args = parser.parse_args()

    with portal_beside(args.reuse, "bench-api-ab-") as (facts, toks):
        for ep in bench.endpoints(facts):
            if ep.name not in args.only:
                continue
            app = bench.service_app(ep.service)
            client = app.test_client()
            headers = {"Accept": "text/html" if ep.html else "application/json"}
            if toks.get(ep.user):
                headers["Authorization"] = f"Bearer {toks[ep.user]}"

            def call(ep=ep, client=client, headers=headers):
                response = client.open(ep.path, method=ep.method, headers=dict(headers,
                                                                             **{"Idempotency-Key": uuid.uuid4().hex}))
                if response.status_code >= 300:
                    raise SystemExit(f"{ep.name}: {response.status_code}")
                return SIGNED.sub(b"<token>", response.get_data())  # a CSRF token is signed anew each second

            pages = {}
            for on in (False, True):
                for name in args.switch:
                    SWITCHES[name](app, on)
                for _ in range(5):
                    pages[on] = call()
            same = pages[False] == pages[True]
            cpu: dict[bool, list[float]] = {False: [], True: []}
            wall: dict[bool, list[float]] = {False: [], True: []}  # with the database's work (on this machine)
            for block in range(args.blocks):
                for on in ((False, True) if block % 2 == 0 else (True, False)):
                    for name in args.switch:
                        SWITCHES[name](app, on)
                    started, clock = time.process_time(), time.perf_counter()
                    for _ in range(args.requests):
                        call()
                    cpu[on].append((time.process_time() - started) / args.requests * 1000)
                    wall[on].append((time.perf_counter() - clock) / args.requests * 1000)
            before, after = statistics.median(cpu[False]), statistics.median(cpu[True])
            print(f"== {ep.name} ({', '.join(args.switch)}): before {before:.2f} ms CPU, after {after:.2f} ms CPU "
                  "a request "
                  f"(medians of {args.blocks} blocks of {args.requests}; after/before {after / before:.3f}); "
                  f"wall {statistics.median(wall[False]):.2f} -> {statistics.median(wall[True]):.2f} ms; "
                  f"the same page both ways: {same}", flush=True)


if __name__ == "__main__":
    main()
