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
import json
import os
import re
import statistics
import subprocess
import sys
import time
import types
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


def _registration(app, on: bool) -> None:
    """Registration deciding a new client's consents from what the transaction knows (consents.NewClient) and
    taking the row from its INSERT, against reading the client back and asking the database before each decision
    and effect (its consents, restrictions, profile, skills and disclosure questions), as before the sixth round."""
    from sqlalchemy import insert

    from services.intake.db import clients
    from services.intake.domain import clients as rules
    from services.intake.domain import consent as consent_rules
    from services.intake.handlers import access, bases, person_keys, registration
    from services.intake.handlers.clients import fetch
    from shared.errors import Invalid
    from shared.events.envelope import utcnow

    def read_back(work, principal, data, decisions, *, today, version=consent_rules.CURRENT_VERSION,
                  method="in_person"):
        asked = bases.asked(work, principal.organisation)
        errors = registration.problems(work, principal, data, decisions, today=today, method=method,
                                       version=version, asked=asked)
        if errors:
            raise Invalid(errors)
        values = rules.clean(data)
        values["entered_on"] = values.get("entered_on") or today
        values["languages"] = values.get("languages") or []
        now, client_id = utcnow(), str(uuid.uuid4())
        work.session.execute(insert(clients).values(
            **values, **registration._identity(values, work), id=client_id, organisation=principal.organisation,
            status="active", created_by=principal.user_id, created_at=now, updated_at=now))
        access.audit(work, principal, client_id, "create", "client_record", "registration")
        row = fetch(work.session, client_id)
        work.emit("intake.client.registered", {"client_id": client_id, "entered_on": row.entered_on.isoformat()},
                  organisation=row.organisation)
        person_keys.publish(work, row, overlap=person_keys.overlap_basis_configured(work)
                            or bool(decisions.get(consent_rules.OVERLAP)))
        return registration.decide_consents(work, principal, row, decisions, asked, version=version,
                                            method=method, new=None)

    kept = app.config.setdefault("AB_KEPT_REGISTER", registration.register)
    registration.register = kept if on else read_back


def _need_answer(app, on: bool) -> None:
    """A recorded need's answer built from what was written, against reading the need, its skills and its
    partner's name back (three statements), as before the sixth round."""
    from services.intake.handlers import competence_needs as needs

    def read_back(work, principal, data, lang):
        partner = needs.target_partner(work.session, principal, data.get("partner_id"))
        row, _skills = needs.save_need(work, principal, partner, data)
        return needs.describe(work.session, needs.need_row(work.session, row.id), lang)

    kept = app.config.setdefault("AB_KEPT_RECORD_NEED", needs.record_need)
    needs.record_need = kept if on else read_back


def _registered_dump(app, on: bool) -> None:
    """The API module of clients answering through the compiled dumper (shared.web.dump.dumped; the sixth round
    gave it the new client's answer too), against marshmallow's dump of the same schema (what flask-smorest did)."""
    from flask import current_app

    from services.intake.api import clients as api
    from shared.web import dump

    def marshmallow(schema, data, status=200, *, many=False):
        response = current_app.json.response(schema(many=many).dump(data))
        response.status_code = status
        return response

    api.dumped = dump.dumped if on else marshmallow


BEFORE_SIXTH_ROUND = "b763e76"  # main before the sixth round (issue 18)


def _idempotency(app, on: bool) -> None:
    """The Idempotency-Key claimed, kept and forgotten with single self-committing statements built once (the
    sixth round), against the code before it (each in an ORM session's transaction, built per request), whose
    hooks are made from that commit's shared/web/idempotency.py and put in the new ones' places."""
    kept = app.config.get("AB_IDEMPOTENCY")
    if kept is None:
        source = subprocess.check_output(["git", "-C", str(ROOT), "show",
                                          f"{BEFORE_SIXTH_ROUND}:shared/web/idempotency.py"])
        before = types.ModuleType("idempotency_before")
        exec(compile(source, "idempotency_before.py", "exec"), before.__dict__)  # noqa: S102 (our own history)
        old: dict[str, object] = {}

        class Collector:  # what init_idempotency asks of an app
            view_functions = app.view_functions

            def before_request(self, f):
                old["before_request_funcs"] = f

            def after_request(self, f):
                old["after_request_funcs"] = f

            def teardown_request(self, f):
                old["teardown_request_funcs"] = f

        before.init_idempotency(Collector(), app.extensions["kampus"])
        new = {name: next(f for f in getattr(app, name)[None] if f.__module__ == "shared.web.idempotency")
               for name in old}
        kept = app.config["AB_IDEMPOTENCY"] = {True: new, False: old}
    for name, hook in kept[on].items():
        hooks = getattr(app, name)[None]
        at = next(i for i, f in enumerate(hooks) if f in (kept[True][name], kept[False][name]))
        hooks[at] = hook


SIGNED = re.compile(rb"[\w-]{20,}\.[\w-]{4,}\.[\w-]{10,}")
# What differs between two answers of the same POST: new ids, the body's own token (@N@), keys, times
FRESH = re.compile(rb"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[0-9a-f]{32,}"
                   rb"|\d{4}-\d\d-\d\dT[\d:.]+(?:[+-]\d\d:\d\d|Z)?")
SWITCHES = {"translations": _translations, "findings": _findings, "worklist": _worklist,
            "registration": _registration, "need-answer": _need_answer, "idempotency": _idempotency,
            "registered-dump": _registered_dump, "desk_counts": _desk_counts, "gc_freeze": _gc_freeze,
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
                body = json.loads(json.dumps(ep.body).replace("@N@", uuid.uuid4().hex)) if ep.body else None
                response = client.open(ep.path, method=ep.method, json=body,
                                       headers=dict(headers, **{"Idempotency-Key": uuid.uuid4().hex}))
                if response.status_code >= 300:
                    raise SystemExit(f"{ep.name}: {response.status_code} {response.get_data()[:300]!r}")
                page = SIGNED.sub(b"<token>", response.get_data())  # a CSRF token is signed anew each second
                return FRESH.sub(b"<new>", page) if ep.body else page

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
