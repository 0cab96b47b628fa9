"""Before and after in one process, taking turns: an endpoint of bench/api.py measured with a change switched off
and on in alternate blocks of requests, on databases that `bench/api.py --keep` seeded.

    python bench/api_ab.py --reuse bench_api_1a2b3c4d --switch translations --only "client list page"

Each switch names a change of the code and how to undo it in this process (the fifth round's, issue 18). The
machine's load moves both halves alike, so the ratio of their CPU times per request is what compares; the
setting is bench/api_profile.py's (the portal under gunicorn, the service under Flask's test client).
"""
from __future__ import annotations

import argparse
import importlib
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

# The code a switch replaces in a module, kept the first time it is switched in this process (not per app: the
# endpoints of one run each have their own app, and a block may leave a switch off).
_KEPT: dict[str, Any] = {}


def _translations(app, on: bool) -> None:
    """shared.web.ui.RequestDomain (a request's translations looked up once) against Flask-Babel's Domain."""
    from flask_babel import Domain

    from shared.web.ui import RequestDomain

    app.extensions["babel"].instance.domain_instance = (RequestDomain if on else Domain)(domain="messages")


def _findings(app, on: bool) -> None:
    """Parts.findings kept once per Parts (cached_property) against a property that checks on every ask."""
    from services.environments.handlers import views

    kept = _KEPT.setdefault("AB_KEPT_FINDINGS", views.Parts.__dict__["findings"])
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


def _answers(app, on: bool) -> None:
    """The lists' answers built by hand (the sixth round: client_out, summary_out, suggestion_out) against what they
    were: the compiled dumper (shared.web.dump) of the schema, and for the candidates marshmallow's own dump."""
    from services.environments.api import environments as environments_api
    from services.environments.api import schemas as environments_schemas
    from services.intake.api import client_schemas
    from services.intake.api import clients as clients_api
    from services.intake.handlers.clients import client_view
    from services.matching.api import candidates as candidates_api
    from services.matching.api import schemas as matching_schemas
    from services.matching.api import suggestions as suggestions_api
    from shared.web.dump import dumper

    client, summary = dumper(client_schemas.ClientSchema), dumper(environments_schemas.EnvironmentSummary)
    suggestion, marshmallow_suggestion = dumper(matching_schemas.SuggestionOut), matching_schemas.SuggestionOut().dump
    clients_api.client_out = client_schemas.client_out if on else lambda row: client(client_view(row))
    environments_api.summary_out = environments_schemas.summary_out if on else summary  # type: ignore[assignment]
    suggestions_api.suggestion_out = matching_schemas.suggestion_out if on else suggestion  # type: ignore[assignment]
    candidates_api.suggestion_out = matching_schemas.suggestion_out if on else marshmallow_suggestion  # type: ignore[assignment]


def _titles(app, on: bool) -> None:
    """Suggestions read with their targets' titles in one statement (suggestion_list.titled) against the rows, then
    the titles of their needs and roles in one more statement per kind (suggestion_list.target_titles)."""
    from sqlalchemy import and_, func, select

    from services.matching.db import suggestions
    from services.matching.handlers import suggestion_list as sl

    def page(session, principal, filters):  # the fifth round's, for the filters bench/api.py uses
        where = and_(suggestions.c.organisation == principal.organisation)
        total = session.execute(select(func.count()).select_from(suggestions).where(where)).scalar_one()
        per_page, number = filters.get("per_page") or 25, filters.get("page") or 1
        rows = session.execute(select(suggestions).where(where)
                               .order_by(suggestions.c.made_at.desc(), suggestions.c.rank, suggestions.c.id)
                               .limit(per_page).offset((number - 1) * per_page)).all()
        titles = sl.target_titles(session, rows)
        sl.log_read(session, principal, rows)
        return {"items": [sl.as_item(r, titles) for r in rows], "total": total, "page": number, "per_page": per_page}

    def for_target(session, principal, kind, target_id):
        wanted = (suggestions.c.target_kind == kind, suggestions.c.target_id == str(target_id),
                  suggestions.c.status.in_(("new", "accepted")))
        rows = session.execute(select(suggestions).where(*wanted, suggestions.c.organisation == principal.organisation)
                               .order_by(suggestions.c.score.desc(), suggestions.c.id)).all()
        network = session.execute(select(func.count()).select_from(suggestions).where(*wanted)).scalar_one()
        titles = sl.target_titles(session, rows) if rows else {}
        sl.log_read(session, principal, rows)
        return {"target_kind": kind, "target_id": str(target_id), "network_suggested": network,
                "items": [sl.as_item(r, titles) for r in rows]}

    kept = _KEPT.setdefault("AB_KEPT_TITLES", (sl.page, sl.for_target))
    sl.page, sl.for_target = kept if on else (page, for_target)


def _one_statement(app, on: bool) -> None:
    """A client list's page read as its columns with a window count (one statement) against every column of the
    rows, then a count of all that match (two)."""
    from sqlalchemy import and_, func, select

    from services.intake.db import clients as table
    from services.intake.domain.clients import search_key
    from services.intake.handlers import access
    from services.intake.handlers import clients as handler

    def search(session, organisation, *, q=None, page=1, per_page=25, **_filters):  # bench/api.py's filters only
        conditions = [table.c.organisation == organisation, table.c.status.not_in(access.HIDDEN_STATUSES)]
        for word in search_key(q or "").split():
            conditions.append(table.c.search_name.like(handler._like(word), escape="\\"))
        where = and_(*conditions)
        total = session.execute(select(func.count()).select_from(table).where(where)).scalar_one()
        rows = session.execute(select(table).where(where).order_by(table.c.last_name, table.c.first_name, table.c.id)
                               .limit(per_page).offset((page - 1) * per_page)).all()
        return rows, total

    kept = _KEPT.setdefault("AB_KEPT_SEARCH", handler.search)
    handler.search = kept if on else search


def _listed(app, on: bool) -> None:
    """The environment list reads only what it shows (views.LISTED: two statements and the rows' texts, roles'
    skills, needs and review less) against the whole rows and parts."""
    from services.environments.handlers import queries

    kept = _KEPT.setdefault("AB_KEPT_LIST", queries.list_environments)
    queries.list_environments = kept if on else (
        lambda session, principal, query, lang: [env for env, _p in queries._listed(session, principal, query, lang)])


def _lists(app, on: bool) -> None:
    """Every change of the sixth round (the lists) at once."""
    for switch in (_answers, _listed, _titles, _one_statement):
        switch(app, on)


SIGNED = re.compile(rb"[\w-]{20,}\.[\w-]{4,}\.[\w-]{10,}")
SWITCHES = {"translations": _translations, "findings": _findings, "worklist": _worklist, "answers": _answers,
            "listed": _listed,
            "titles": _titles, "one-statement": _one_statement,
            "lists": _lists}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reuse", required=True)
    parser.add_argument("--switch", required=True, choices=sorted(SWITCHES))
    parser.add_argument("--only", action="append", required=True, help="endpoint name (repeatable)")
    parser.add_argument("--blocks", type=int, default=10, help="blocks of each half, taking turns")
    parser.add_argument("--requests", type=int, default=20, help="requests a block")
    args = parser.parse_args()

    with portal_beside(args.reuse, "bench-api-ab-") as (facts, toks):
        for ep in bench.endpoints(facts):
            if ep.name not in args.only:
                continue
            app = importlib.import_module(f"services.{ep.service}").create_app()
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
                SWITCHES[args.switch](app, on)
                for _ in range(5):
                    pages[on] = call()
            same = pages[False] == pages[True]
            cpu: dict[bool, list[float]] = {False: [], True: []}
            for block in range(args.blocks):
                for on in ((False, True) if block % 2 == 0 else (True, False)):
                    SWITCHES[args.switch](app, on)
                    started = time.process_time()
                    for _ in range(args.requests):
                        call()
                    cpu[on].append((time.process_time() - started) / args.requests * 1000)
            before, after = statistics.median(cpu[False]), statistics.median(cpu[True])
            print(f"== {ep.name} ({args.switch}): before {before:.2f} ms CPU, after {after:.2f} ms CPU a request "
                  f"(medians of {args.blocks} blocks of {args.requests}; after/before {after / before:.3f}); "
                  f"the same page both ways: {same}", flush=True)


if __name__ == "__main__":
    main()
