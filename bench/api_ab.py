"""Before and after in one process, taking turns: an endpoint of bench/api.py measured with a change switched off
and on in alternate blocks of requests, on databases that `bench/api.py --keep` seeded.

    python bench/api_ab.py --reuse bench_api_1a2b3c4d --switch translations --only "client list page"

Each switch names a change of the code and how to undo it in this process (the fifth to ninth rounds', issue 18;
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
from api_profile import beside_cpu, database_cpu, portal_beside  # noqa: E402

from shared.runtime import Work  # noqa: E402

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


def _fill_desk_projection(app) -> None:
    """Once a process: intake's database migrated to the projection of environments' reminders, and the projection
    filled as a deployment would (`kampus environments announce-reminders`, delivered to intake's inbox)."""
    if ORIGINAL.get("desk_projection_filled"):
        return
    from services.environments import SERVICE as ENVIRONMENTS
    from services.environments.handlers.reminders import announce_all
    from shared.bus.inbox import InboxProcessor
    from shared.config import Config

    intake = app.extensions["kampus"]
    intake.migrate()
    environments = ENVIRONMENTS.runtime(Config.from_env("environments"))
    try:
        with environments.work() as work:
            announce_all(work)
        InboxProcessor(intake).process_batch(list(work.emitted))
    finally:
        environments.close()
    ORIGINAL["desk_projection_filled"] = True


def _desk_projection(app, on: bool) -> None:
    """The desk's environments needing action read from intake's projection of environments' announcements
    (environment_reminders), its navigation counted from the items the page collected, against the fifth round's
    desk page: the environments service's reminders asked over HTTP on every desk page (run `--beside
    environments`), and the navigation's count statement sent again (the environments counted from the answer)."""
    import json as json_
    import urllib.request
    from dataclasses import replace

    from flask import g, render_template, request

    from services.intake.handlers import desk
    from services.intake.web import desk as pages
    from shared.auth import allow, current_principal
    from shared.web.context import runtime

    _fill_desk_projection(app)
    if "desk.KINDS.environments" not in ORIGINAL:  # the seventh round's, kept before the first switch off
        ORIGINAL["desk.KINDS.environments"] = desk.KINDS["environments"]
        ORIGINAL["desk.COUNTS.environments"] = desk.COUNTS["environments"]
    kind, count = ORIGINAL["desk.KINDS.environments"], ORIGINAL["desk.COUNTS.environments"]

    def answered(work, principal, today, _rows=()):  # the fifth round's kind, from the answer asked in this request
        by_environment: dict[str, dict] = {}
        for reminder in g.get("ab_reminders") or []:
            entry = by_environment.setdefault(str(reminder.get("environment_id")), {
                "name": str(reminder.get("environment_name") or ""), "kinds": []})
            if reminder.get("kind") not in entry["kinds"]:
                entry["kinds"].append(reminder.get("kind"))
        return [desk.Item("environments", "%(environment)s: %(missing)s",
                          {"environment": entry["name"], "missing": tuple(entry["kinds"])},
                          ("environments", f"environments/{environment_id}")) for environment_id, entry in
                sorted(by_environment.items(), key=lambda e: e[1]["name"])]

    @allow("manager")
    def asked_page():  # services/intake/web/desk.py before the seventh round (its HttpReminders, 3 s timeout)
        ask = urllib.request.Request(os.environ["ENVIRONMENTS_URL"].rstrip("/") + "/api/v1/reminders", headers={
            "Accept": "application/json", "Authorization": request.headers["Authorization"]})
        with urllib.request.urlopen(ask, timeout=3.0) as answer:  # noqa: S310 - the bench's own service
            g.ab_reminders = json_.loads(answer.read() or b"[]")
        with runtime().work() as work:
            found = desk.collect(work, current_principal(), pages._today())
        return render_template("intake/desk/page.html", desk=found, sections=pages.shown(found))

    endpoint = "desk_pages.desk_page"
    new = app.config.setdefault("AB_NEW_DESK", app.view_functions[endpoint])
    app.view_functions[endpoint] = new if on else asked_page
    desk.KINDS["environments"] = kind if on else replace(kind, collect=answered)
    if on:
        desk.COUNTS["environments"] = count
    else:
        desk.COUNTS.pop("environments", None)


def _desk_texts(app, on: bool) -> None:
    """The desk's sentences and links made with the request's translations and links looked up once
    (services/intake/web/desk.py `shown`) against item by item through Flask-Babel's gettext and
    shared.web.navigation.link, as the page's template called them (text_of, href) before the seventh round."""
    from datetime import datetime

    from flask_babel import gettext

    from services.intake.web import desk as pages
    from shared import formats
    from shared.web.navigation import link

    kept = ORIGINAL.setdefault("pages.shown", pages.shown)

    def text_of(item):  # the fifth round's, with its lazy texts of what an environment misses
        values = {k: pages._shown(v, gettext) for k, v in item.values.items()}
        if "time" in item.values and isinstance(item.values["time"], datetime):
            values["time"] = formats.time(item.values["time"])
        return gettext(item.message, **values)

    def item_by_item(found):
        return [(kind, [pages.Shown(link(*item.link), item.client_name, text_of(item), item.overdue)
                        for item in items]) for kind, items in found.sections]

    pages.shown = kept if on else item_by_item


def _desk_quiet(app, on: bool) -> None:
    """The desk's quiet clients found in SQL with the navigation count's conditions (their last contacts read for
    them only) against the sixth round's: every active client's last contact of four kinds read and compared in
    Python, then the quiet ones' names."""
    from dataclasses import replace
    from datetime import timedelta

    from sqlalchemy import select

    from services.intake.db import clients
    from services.intake.handlers import desk

    kind = ORIGINAL.setdefault("desk.KINDS.quiet", desk.KINDS["quiet"])

    def every_client(work, principal, today, _rows=()):  # handlers/desk.py quiet_clients before this round
        limit = today.today - timedelta(days=today.quiet_days)
        quiet = {cid: day for cid, day in desk.last_contacts(work, principal.organisation, today.now).items()
                 if day <= limit}
        if not quiet:
            return []
        rows = work.session.execute(select(clients.c.id, clients.c.first_name, clients.c.last_name)
                                    .where(clients.c.id.in_(list(quiet)))).all()
        return sorted((desk.Item("quiet", "Last contact %(date)s: record a note of your next contact",
                                 {"date": quiet[r.id]}, ("intake", f"clients/{r.id}/notes"), r.id,
                                 desk._name(r.first_name, r.last_name), quiet[r.id], True) for r in rows),
                      key=lambda i: (i.when, i.client_name))

    desk.KINDS["quiet"] = kind if on else replace(kind, collect=every_client)


def _desk_built(app, on: bool) -> None:
    """The desk kinds' statements built once per kind, organisation and day (desk._read keeps them) against built
    for every request."""
    from services.intake.handlers import desk

    kept = ORIGINAL.setdefault("desk._kept", desk._kept)

    def built_each_time(key, build):
        desk._kept_rows.clear()
        return kept(key, build)

    desk._kept = kept if on else built_each_time
def _shell(app, on: bool) -> None:
    """The layout's parts that are the same for everyone alike and the navigation's entries, links and titles kept
    per person, roles and language (shared/web/shell.py, navigation._kept_items; the seventh round) against made
    for every page."""
    app.config["KAMPUS_SHELL_KEPT"] = on


def _argument_schemas(app, on: bool) -> None:
    """One instance per argument schema class kept by flask-smorest's parser (shared.web.schemas; the seventh round)
    against an instance built by webargs for every request."""
    from shared.web.schemas import keep_argument_schemas

    keep_argument_schemas(on)


def _need_insert(app, on: bool) -> None:
    """A new need's INSERT built once with its values as parameters (competence_needs.INSERT_NEED; the seventh
    round) against built with `.values()` for every need."""
    from sqlalchemy import insert

    from services.intake.db import competence_needs
    from services.intake.handlers import competence_needs as needs

    kept = _KEPT.setdefault("AB_KEPT_INSERT_NEED", needs.INSERT_NEED)
    original = _KEPT.setdefault("AB_KEPT_SAVE_NEED", needs.save_need)

    def save_need(work, principal, partner, data, need_id=None):
        if need_id is not None:
            return original(work, principal, partner, data, need_id)
        execute = work.session.execute

        def built_each_time(statement, params=None, *args, **kwargs):
            if statement is kept:
                return execute(insert(competence_needs).values(**params).returning(*competence_needs.c))
            return execute(statement, params, *args, **kwargs)

        work.session.execute = built_each_time
        try:
            return original(work, principal, partner, data)
        finally:
            del work.session.execute

    needs.save_need = original if on else save_need
BEFORE_SEVENTH_ROUND = "2515b31"  # main before the seventh round (issue 18)


def _audit_json(app, on: bool) -> None:
    """The audit append's entries in one JSON parameter, each with its head and tail (the seventh round), against
    the code before it: the heads and tails in two text[] parameters, which psycopg escapes element by element
    (that commit's AuditStore._append_on_server, chain.canonical_around_seq and its kampus_audit_append, created
    beside the new one)."""
    from shared.audit.store import AuditStore

    kept = _KEPT.get("AB_AUDIT_JSON")
    if kept is None:
        def old(path: str) -> types.ModuleType:
            module = types.ModuleType(f"before_seventh_{Path(path).stem}")
            sys.modules[module.__name__] = module  # its dataclasses look their module up
            source = subprocess.check_output(["git", "-C", str(ROOT), "show", f"{BEFORE_SEVENTH_ROUND}:{path}"])
            exec(compile(source, path, "exec"), module.__dict__)  # noqa: S102 (our own history)
            return module

        chain_before, store_before = old("shared/audit/chain.py"), old("shared/audit/store.py")
        store_before.chain = chain_before
        kept = _KEPT["AB_AUDIT_JSON"] = {True: AuditStore._append_on_server,
                                         False: store_before.AuditStore._append_on_server,
                                         "create": store_before._PG_APPEND}
    store = app.extensions["kampus"].audit
    if not on and not _KEPT.get(f"AB_AUDIT_JSON_{id(store)}"):
        from sqlalchemy import text

        with store.engine.begin() as conn:  # the function of three parameters, beside the new one
            conn.execute(text(kept["create"]))
        _KEPT[f"AB_AUDIT_JSON_{id(store)}"] = True
    AuditStore._append_on_server = kept[on]  # type: ignore[method-assign]


def _reading(app, on: bool) -> None:
    """The lists and the card read outside a transaction (ServiceRuntime.reading, Database.statements: no BEGIN and
    COMMIT or ROLLBACK round trips; the seventh round) against in one (ServiceRuntime.work, Database.session)."""
    from shared.db import Database
    from shared.runtime import ServiceRuntime

    reading = ORIGINAL.setdefault("reading", ServiceRuntime.reading)
    statements = ORIGINAL.setdefault("statements", Database.statements)
    ServiceRuntime.reading = reading if on else ServiceRuntime.work  # type: ignore[method-assign]
    Database.statements = statements if on else Database.session  # type: ignore[method-assign]


def _window(app, on: bool) -> None:
    """The suggestions list's page and how many match in one statement (a window count; the seventh round) against
    the count, then the page (two)."""
    from services.matching.handlers import suggestion_list as sl

    def page(session, principal, filters):  # before the seventh round
        given = tuple(name for name in sl.FILTERS if filters.get(name))
        values = {name: str(filters[name]) for name in given}
        count, rows_of = sl._page_statements(given)
        per_page, number = filters.get("per_page") or 25, filters.get("page") or 1
        total = session.execute(count, {"organisation": principal.organisation, **values}).scalar_one()
        rows = session.execute(rows_of, {"organisation": principal.organisation, **values, "limit": per_page,
                                         "offset": (number - 1) * per_page}).all()
        sl.log_read(session, principal, rows)
        return {"items": [sl.as_item(r) for r in rows], "total": total, "page": number, "per_page": per_page}

    kept = _KEPT.setdefault("AB_KEPT_WINDOW", sl.page)
    sl.page = kept if on else page


def _count_subquery(app, on: bool) -> None:
    """A client list's count as a subquery beside the page read in order from ix_clients_org_listed (the seventh
    round) against a window count (count(*) OVER ()), which reads and sorts every matching client."""
    from sqlalchemy import and_, func, select

    from services.intake.db import clients as table
    from services.intake.handlers import access
    from services.intake.handlers import clients as handler

    def search(session, organisation, *, q=None, page=1, per_page=25, **_filters):  # bench/api.py's filters only
        where = and_(table.c.organisation == organisation, table.c.status.not_in(access.HIDDEN_STATUSES),
                     *(table.c.search_name.like(handler._like(w), escape="\\")
                       for w in handler.search_key(q or "").split()))
        rows = session.execute(select(*handler.LISTED, func.count().over().label(handler.TOTAL)).where(where)
                               .order_by(table.c.last_name, table.c.first_name, table.c.id)
                               .limit(per_page).offset((page - 1) * per_page)).all()
        return rows, rows[0][-1] if rows else 0

    kept = _KEPT.setdefault("AB_KEPT_COUNT_SUBQUERY", handler.search)
    handler.search = kept if on else search


def _days(app, on: bool) -> None:
    """A day formatted once per day and language (shared.formats._day, cached; the seventh round) against Babel
    parsing the pattern and the locale for every date shown."""
    from babel import dates

    from shared import formats

    kept = _KEPT.setdefault("AB_KEPT_DAY", formats._day)
    formats._day = kept if on else (  # type: ignore[assignment]
        lambda value, in_language: dates.format_date(value, formats.DATE[in_language],
                                                     locale=formats.LOCALES[in_language]))


def _seventh(app, on: bool) -> None:
    """Every change of the seventh round at once."""
    for switch in (_audit_json, _reading, _window, _count_subquery, _days):
        switch(app, on)


def _audit_flush(app, on: bool) -> None:
    """The audit append's WAL flushed after the chain's lock is released, and the appends of a process's threads
    taking turns, each turn sending every entry waiting (the eighth round), against the commit flushed under the
    lock and each thread its own statement. (One thread here: this shows the cost a request pays for the flush's
    second statement, not what the lock's shorter hold gains under concurrency: bench/audit_append.py.)"""
    store = app.extensions["kampus"].audit
    store.flushed_after_lock = store.in_turns = on


def _page_first(app, on: bool) -> None:
    """The suggestions list's page taken first from ix_suggestions_org_made, only its rows joined to their targets'
    titles, the count a subquery beside it (the eighth round), against the seventh round's window count over every
    suggestion of the organisation joined to its target (the index present in both halves)."""
    from sqlalchemy import and_, bindparam, func, select

    from services.matching.db import suggestions
    from services.matching.handlers import suggestion_list as sl

    kept = _KEPT.setdefault("AB_KEPT_PAGE_FIRST", sl._page_statements)
    built: dict[tuple, tuple] = {}

    def window(given):  # suggestion_list._page_statements of the seventh round
        if given not in built:
            where = and_(suggestions.c.organisation == bindparam("organisation"),
                         *(c for name in given for c in sl.FILTERS[name]))
            built[given] = (select(func.count()).select_from(suggestions).where(where),
                            sl.titled(where).add_columns(func.count().over().label("listed_total"))
                            .order_by(suggestions.c.made_at.desc(), suggestions.c.rank, suggestions.c.id)
                            .limit(bindparam("limit")).offset(bindparam("offset")))
        return built[given]

    sl._page_statements = kept if on else window


def _one_array(app, on: bool) -> None:
    """The environments' ids of a list in one array parameter (views.any_of: `= ANY(%(ids)s)`; the eighth round)
    against an IN list of a placeholder per environment in each of the list's three statements on its parts. Both
    halves build their statements through SQLAlchemy each time (handlers.kept's KEPT off), as in the eighth round."""
    from sqlalchemy import bindparam

    from services.environments.handlers import views
    from services.environments.handlers.kept import KEPT
    from shared import db

    KEPT.on = False
    views.any_of = db.any_of if on else (lambda dialect, column, name: column.in_(bindparam(name, expanding=True)))


def _filters(app, on: bool) -> None:
    """The client list's filters as a GET shows them rendered once per person and language (web/clients.py
    filters_part, a {% shell %} part; the eighth round) against rendered for every page."""
    from services.intake.web import clients as pages

    kept = _KEPT.setdefault("AB_KEPT_FILTERS", pages.filters_part)
    pages.filters_part = kept if on else (lambda form: None)


def _fields_kept(app, on: bool) -> None:
    """A list's fields of education and multidisciplinarity built once per codes and language, in their dumped form
    (views._fields_shown; the eighth round) against built and dumped for every environment."""
    from services.environments.domain import environment as rules
    from services.environments.handlers import views

    kept = _KEPT.setdefault("AB_KEPT_FIELDS_SHOWN", views._fields_shown)

    def every_time(environment_fields, role_fields, lang):  # views.summary before the eighth round
        md = rules.multidisciplinarity(environment_fields, role_fields)
        return ([{"code": c, "name": views.field_name(c, lang)} for c in environment_fields],
                {"value": md.value, "fields": [{"code": c, "name": views.field_name(c, lang)} for c in md.fields],
                 "reason": md.reason % {"count": len(md.fields)}, "count": len(md.fields)})

    views._fields_shown = kept if on else every_time


FETCHED_ROW_BY_ROW = "ebabb42"  # views.py iterating its parts' and seats' results (the eighth round)


def _fetch_all(app, on: bool) -> None:
    """The environment list's parts and seats fetched at once (`.all()`; the eighth round) against iterated, which
    fetches row by row (psycopg's fetchone for each): that commit's parts_of_many and taken_seats_of_many."""
    from services.environments.handlers import views
    from shared.db import one_of

    kept = _KEPT.get("AB_FETCH_ALL")
    if kept is None:
        module = types.ModuleType("views_row_by_row")
        sys.modules[module.__name__] = module  # its dataclasses look their module up
        source = subprocess.check_output(["git", "-C", str(ROOT), "show",
                                          f"{FETCHED_ROW_BY_ROW}:services/environments/handlers/views.py"])
        exec(compile(source, "views.py", "exec"), module.__dict__)  # noqa: S102 (our own history)
        module._among = lambda session, column, ids: one_of(session.get_bind().dialect.name, column, ids)
        kept = _KEPT["AB_FETCH_ALL"] = {True: (views.parts_of_many, views.taken_seats_of_many),
                                        False: (module.parts_of_many, module.taken_seats_of_many)}
    views.parts_of_many, views.taken_seats_of_many = kept[on]


def _eighth(app, on: bool) -> None:
    """Every change of the eighth round that one process can switch (the lists' statements) at once."""
    for switch in (_page_first, _one_array, _reading, _filters, _fields_kept, _fetch_all):
        switch(app, on)


def _count_driver(app, on: bool) -> None:
    """The navigation's desk count statement kept compiled and sent as SQL text to the driver (shared.db.Compiled;
    the eighth round) against executed by SQLAlchemy on every page (the statement kept, as in the sixth round)."""
    from services.intake.handlers import desk

    kept = ORIGINAL.setdefault("desk._counted", desk._counted)

    def by_sqlalchemy(work, statement, today):
        return tuple(work.session.execute(statement.statement, {desk.NOW: today.now}).one())

    desk._counted = kept if on else by_sqlalchemy


def _count_raw(app, on: bool) -> None:
    """The navigation's desk counts read on a pooled connection through the driver alone (Compiled.first_row; the
    eighth round) against in a unit of work's session outside a transaction (ServiceRuntime.reading)."""
    from services.intake.handlers import desk

    kept = ORIGINAL.setdefault("desk.count_read", desk.count_read)
    desk.count_read = kept if on else (lambda database, principal, today: None)


def _kinds_driver(app, on: bool) -> None:
    """The desk kinds' kept statements compiled and sent as SQL text to the driver (shared.db.Compiled, on
    PostgreSQL where no column converts; the eighth round) against executed by SQLAlchemy on every page."""
    from services.intake.handlers import desk

    kept = ORIGINAL.setdefault("desk.rows_together", desk.rows_together)

    def by_sqlalchemy(connection, sent):
        return [connection.execute(statement.statement, dict(fresh)).mappings().all() for statement, fresh in sent]

    desk.rows_together = kept if on else by_sqlalchemy


def _shell_key(app, on: bool) -> None:
    """The layout's kept parts' key made once per request and locale (shared.web.shell.shell_key; the eighth round)
    against the locale asked of Flask-Babel for each part and the key made anew (the seventh round's)."""
    from flask import current_app, g, request
    from flask_babel import get_locale

    from shared.auth import current_principal
    from shared.web import navigation, shell, ui

    kept = ORIGINAL.setdefault("shell.shell_key", shell.shell_key)

    def per_part():
        who = g.get("ab_shell_who")
        if who is None:
            principal = current_principal()
            who = g.ab_shell_who = (
                request.script_root, principal.user_id, principal.username, principal.name, principal.organisation,
                ui.organisation_name(principal.organisation), principal.roles,
                navigation.own_intake(current_app.config.get("KAMPUS_INTAKES")))
        return str(get_locale() or ui.DEFAULT_LOCALE), who

    shell.shell_key = kept if on else per_part


def _accept_kept(app, on: bool) -> None:
    """The browser's Accept-Language matched once per header seen (shared.web.ui.browser_locale; the eighth round)
    against parsed and matched on every page (measure with --accept-language)."""
    from flask import request

    from shared.web import ui

    kept = ORIGINAL.setdefault("ui.browser_locale", ui.browser_locale)
    ui.browser_locale = kept if on else lambda: request.accept_languages.best_match(list(ui.LOCALES))


def _session_serializer(app, on: bool) -> None:
    """The session cookie's signing serializer made once per app (shared.web.ui.KeptSerializerSessions; the eighth
    round) against made anew to open and to save each session (Flask's SecureCookieSessionInterface)."""
    from flask.sessions import SecureCookieSessionInterface

    from shared.web.ui import KeptSerializerSessions

    app.session_interface = KeptSerializerSessions() if on else SecureCookieSessionInterface()


def _suggestions_index(app, on: bool) -> None:
    """Intake's partial index of the new suggestions (ix_suggestions_new, revision s11p_0001; the eighth round)
    against none: created and dropped in the seeded database (the index of a few hundred rows takes milliseconds)."""
    from sqlalchemy import text

    with app.extensions["kampus"].db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        if on:
            conn.execute(text("CREATE INDEX IF NOT EXISTS ix_suggestions_new ON suggestions (client_id) "
                              "INCLUDE (received_at, score, id) WHERE status = 'new'"))
        else:
            conn.execute(text("DROP INDEX IF EXISTS ix_suggestions_new"))


def _plan_constants(app, on: bool) -> None:
    """The desk's kept statements (the navigation's count, the desk's kinds) with their constants written into the
    SQL text on PostgreSQL (shared.db.Compiled's `fresh`; the ninth round), so that the server keeps one plan of each
    prepared statement, against every constant a parameter (the eighth round's), planned anew on every execution."""
    from services.intake.handlers import desk
    from shared import db

    kept = ORIGINAL.setdefault("db.constants_written", db.constants_written)
    db.constants_written = kept if on else (lambda statement, **_kw: statement)
    built = ORIGINAL.setdefault("desk built, by plan-constants", {True: ({}, {}), False: ({}, {})})
    desk._built, desk._kept_rows = built[on]  # each way's statements kept apart, each built once


def _read_commit(app, on: bool) -> None:
    """A read session (Database.session) whose statements were all SELECTs ended with COMMIT on PostgreSQL, so that
    psycopg keeps the statements it prepared (the ninth round), against ended with a ROLLBACK, at which psycopg
    forgets them all (none of a read was ever prepared)."""
    from shared import db

    kept = ORIGINAL.setdefault("db.only_read", db.only_read)
    db.only_read = kept if on else (lambda conn: False)


def _env_kept(app, on: bool) -> None:
    """The environment page's and "my assessments" page's statements built once and kept compiled, sent to the
    driver as SQL text (services/environments/handlers/kept.py, shared.db.Kept; the ninth round's environment page)
    against built and executed through SQLAlchemy on every request."""
    from services.environments.handlers.kept import KEPT

    KEPT.on = on


ENVIRONMENT_PAGE_BEFORE = "01849ab"  # the environment page before the ninth round's environment page


def _page_reads(app, on: bool) -> None:
    """The environment page reading its participants, assessments and outcomes once for its description, team,
    assessments, outcomes and reminders, and counting its seats and finding its conversation's keeper from the
    participants (views.describe; the ninth round's environment page) against that commit's page and description,
    which read them again for each (18 statements for a host's manager against 12). Both halves build every
    statement through SQLAlchemy (env-kept's before), so that this is the statements saved alone."""
    from services.environments.handlers import views
    from services.environments.handlers.kept import KEPT

    KEPT.on = False
    kept = _KEPT.get("AB_PAGE_READS")
    if kept is None:
        modules = {}
        for name, path in (("views", "services/environments/handlers/views.py"),
                           ("pages", "services/environments/web/environments.py")):
            module = modules[name] = types.ModuleType(f"environment_{name}_before")
            sys.modules[module.__name__] = module  # its dataclasses look their module up
            source = subprocess.check_output(["git", "-C", str(ROOT), "show", f"{ENVIRONMENT_PAGE_BEFORE}:{path}"])
            exec(compile(source, path, "exec"), module.__dict__)  # noqa: S102 (our own history)
        modules["pages"].views = types.SimpleNamespace(parts=views.parts, describe=modules["views"].describe)
        kept = _KEPT["AB_PAGE_READS"] = {True: app.view_functions["environment_pages.page"],
                                         False: modules["pages"].page}
    app.view_functions["environment_pages.page"] = kept[on]


def _environment_page(app, on: bool) -> None:
    """Every change of the ninth round's environment page at once: page-reads, then env-kept."""
    _page_reads(app, on)
    _env_kept(app, on)


def _page_floor(app, on: bool) -> None:
    """Every change of the eighth round (the page floor) at once."""
    for switch in (_count_driver, _count_raw, _shell_key, _accept_kept, _session_serializer):
        switch(app, on)


def _client_rows(app, on: bool) -> None:
    """A page's clients built from their rows' columns by position, looked up once per result
    (client_schemas.clients_out; the ninth round) against each client's columns read by name and dumped one by one
    (the sixth round's client_out). Also the card's and a new client's answer (client_out)."""
    from services.intake.api import client_schemas as schemas
    from services.intake.api import clients as api
    from services.intake.handlers.clients import municipality_view
    from shared.web.dump import as_day, as_int, as_moment, as_text

    def client_out(row):  # client_schemas.client_out of the sixth to eighth rounds
        return {
            "id": as_text(row.id), "organisation": as_text(row.organisation), "status": as_text(row.status),
            "first_name": as_text(row.first_name), "last_name": as_text(row.last_name),
            "birth_date": as_day(row.birth_date), "email": as_text(row.email), "phone": as_text(row.phone),
            "home_municipality": municipality_view(row.home_municipality), "gender": as_text(row.gender),
            "mother_tongue": as_text(row.mother_tongue),
            "languages": schemas._languages_of(row.languages) if type(row.languages) is str  # (languages-text)
            else [schemas._language(each) for each in row.languages or ()],
            "education_status": as_text(row.education_status), "institution": as_text(row.institution),
            "field_of_education": as_text(row.field_of_education),
            "employment_status": as_text(row.employment_status), "education_level": as_int(row.education_level),
            "disadvantaged": row.disadvantaged, "entered_on": as_day(row.entered_on),
            "closed_on": as_day(row.closed_on), "created_at": as_moment(row.created_at),
            "updated_at": as_moment(row.updated_at),
        }

    def one_by_one(rows, *, municipality=True):
        out = [client_out(row) for row in rows]
        if not municipality:
            for item in out:
                del item["home_municipality"]
        return out

    kept = _KEPT.setdefault("AB_KEPT_CLIENTS_OUT", (schemas.clients_out, api.client_out))
    schemas.clients_out, api.client_out = kept if on else (one_by_one, client_out)


def _page_json(app, on: bool) -> None:
    """A page of clients encoded with each municipality's JSON encoded once per code and put in its place
    (client_schemas.client_page_json; the ninth round) against the whole page encoded by jsonify."""
    from flask import jsonify

    from services.intake.api import client_schemas as schemas
    from services.intake.api import clients as api

    kept = _KEPT.setdefault("AB_KEPT_PAGE_JSON", api.client_page_json)
    api.client_page_json = kept if on else (
        lambda rows, page: jsonify(dict(page, items=schemas.clients_out(rows))))


def _list_compiled(app, on: bool) -> None:
    """The client lists' page statement kept compiled per shape of the filters and sent to the driver as SQL text
    (handlers.clients._page_statement on shared.db.Compiled; the ninth round) against built and executed by
    SQLAlchemy on every request (the seventh and eighth rounds')."""
    from sqlalchemy import and_, func, select

    from services.intake.db import clients as table
    from services.intake.domain.clients import search_key
    from services.intake.handlers import access
    from services.intake.handlers import clients as handler
    from shared.reference import municipalities

    def search(session, organisation, *, status=None, municipality=None, service_area=None, entered_from=None,
               entered_to=None, q=None, page=1, per_page=25, columns=handler.LISTED):
        conditions = [table.c.organisation == organisation, table.c.status.not_in(access.HIDDEN_STATUSES)]
        if status:
            conditions.append(table.c.status == status)
        if municipality:
            conditions.append(table.c.home_municipality == municipalities.normalise_code(municipality))
        if service_area:
            conditions.append(table.c.home_municipality.in_(
                municipalities.service_areas()[service_area].municipalities))
        if entered_from:
            conditions.append(table.c.entered_on >= entered_from)
        if entered_to:
            conditions.append(table.c.entered_on <= entered_to)
        for word in search_key(q or "").split():
            conditions.append(table.c.search_name.like(handler._like(word), escape="\\"))
        where = and_(*conditions)
        total = select(func.count()).select_from(table).where(where).correlate(None).scalar_subquery()
        rows = session.execute(select(*columns, total.label(handler.TOTAL)).where(where)
                               .order_by(table.c.last_name, table.c.first_name, table.c.id)
                               .limit(per_page).offset((page - 1) * per_page)).all()
        if rows:
            return rows, rows[0][-1]
        return rows, session.execute(select(func.count()).select_from(table).where(where)).scalar_one() \
            if page > 1 else 0

    kept = _KEPT.setdefault("AB_KEPT_SEARCH_COMPILED", handler.search)
    handler.search = kept if on else search


def _languages_text(app, on: bool) -> None:
    """The API's client lists read a client's languages as their JSON text, parsed and dumped once per distinct text
    (handlers.clients.LISTED_TEXTS; the ninth round), against as JSON, which the driver parses for every row."""
    from services.intake.handlers import clients as handler

    kept = _KEPT.setdefault("AB_KEPT_LISTED_TEXTS", handler.LISTED_TEXTS)
    handler.LISTED_TEXTS = kept if on else handler.LISTED


def _search_window(app, on: bool) -> None:
    """A search by name counted by a window over its one reading of the matches (handlers.clients._page_statement;
    the ninth round) against a count subquery that reads them again (as a list without words still does)."""
    from sqlalchemy import func

    from services.intake.handlers import clients as handler

    kept = _KEPT.setdefault("AB_KEPT_SEARCH_WINDOW", handler._page_statement)

    def subquery(columns, given, words, codes):
        key = ("subquery", columns, given, words, codes)
        if key not in handler._kept_pages:
            where = handler._where(given, words, codes)
            total = handler.select(func.count()).select_from(handler.clients).where(where).correlate(None)
            handler._kept_pages[key] = handler.Compiled(
                handler.select(*columns, total.scalar_subquery().label(handler.TOTAL)).where(where)
                .order_by(handler.clients.c.last_name, handler.clients.c.first_name, handler.clients.c.id)
                .limit(handler.bindparam("limit", 1, type_=handler.Integer))
                .offset(handler.bindparam("offset", 0, type_=handler.Integer)))
        return handler._kept_pages[key]

    handler._page_statement = kept if on else subquery


def _statuses_literal(app, on: bool) -> None:
    """The statuses a client list never shows written into its statement as constants (handlers.clients.HIDDEN; the
    ninth round) against sent as parameters, which a prepared statement's generic plan cannot see (PostgreSQL's
    CPU a request, which the command prints, is what changes)."""
    from services.intake.handlers import access
    from services.intake.handlers import clients as handler

    kept = _KEPT.setdefault("AB_KEPT_HIDDEN", handler.HIDDEN)
    handler.HIDDEN = kept if on else list(access.HIDDEN_STATUSES)
    handler._kept_pages.clear()  # each half builds its statements anew, once


def _suggestion_plans(app, on: bool) -> None:
    """Matching's list statements with their constants in the SQL text (shared.db.constants_written: the target
    kinds, the wanted statuses; a page's limit and offset; the ninth round's generic plans), so that PostgreSQL keeps
    one plan of each prepared statement, against sent as parameters (the eighth round's): a need's candidates then
    had a generic plan reading every wanted suggestion of the organisation, and both lists were planned anew on
    every execution."""
    from functools import lru_cache

    from sqlalchemy import and_, bindparam, func, select

    from services.matching.db import suggestions
    from services.matching.handlers import suggestion_list as listing

    @lru_cache(maxsize=2)
    def for_target(kind):  # suggestion_list._FOR_TARGET and the network's count before this round
        where = (suggestions.c.target_kind == kind, suggestions.c.target_id == bindparam("target_id"),
                 suggestions.c.status.in_(listing.WANTED))
        return (listing._TITLED.where(*where, suggestions.c.organisation == bindparam("organisation"))
                .order_by(suggestions.c.score.desc(), suggestions.c.id),
                select(func.count()).select_from(suggestions).where(*where))

    @lru_cache(maxsize=64)
    def page_statements(given):  # suggestion_list._page_statements before this round
        where = and_(suggestions.c.organisation == bindparam("organisation"),
                     *(c for name in given for c in listing.FILTERS[name]))
        count = select(func.count()).select_from(suggestions).where(where)
        taken = (select(suggestions).where(where).order_by(*listing._newest_first(suggestions))
                 .limit(bindparam("limit")).offset(bindparam("offset")).subquery("page"))
        return (count, listing._titled_from(taken).add_columns(count.scalar_subquery().label("listed_total"))
                .order_by(*listing._newest_first(taken)))

    kept = _KEPT.setdefault("AB_KEPT_SUGGESTION_PLANS", (listing._for_target, listing._page_statements))
    listing._for_target, listing._page_statements = kept if on else (for_target, page_statements)


def _ninth(app, on: bool) -> None:
    """Every change of the ninth round (the client lists and answers) at once."""
    for switch in (_client_rows, _page_json, _list_compiled, _languages_text, _search_window,
                   _statuses_literal):
        switch(app, on)


# The tree before the tenth round's desk page (main at c3cd1ee): its page template, for desk-rendered's "before"
TENTH_BEFORE = "c3cd1ee"


def _desk_rendered(app, on: bool) -> None:
    """The desk's list entries rendered once per item, language and links and kept (web/desk.py `rendered`,
    intake/desk/item.html; the tenth round) against every item's sentence made and rendered by the page's loop on
    every request (the ninth round's `shown` and page.html, read from git)."""
    from flask import g, render_template_string

    from services.intake.handlers import desk
    from services.intake.web import desk as web
    from shared.auth import allow, current_principal

    if "AB_DESK_PAGE_BEFORE" not in _KEPT:
        _KEPT["AB_DESK_PAGE_BEFORE"] = subprocess.run(
            ["git", "show", f"{TENTH_BEFORE}:services/intake/templates/intake/desk/page.html"], cwd=ROOT,
            check=True, capture_output=True, text=True).stdout

    @allow("manager")
    def item_by_item():  # web/desk.py desk_page of the ninth round, with the reading of this build
        with web.runtime().reading() as work:  # desk-page-reading switches what this is
            found = desk.collect(work, current_principal(), web._today())
        g.desk_counts = found.counts()
        texts = web._texts()  # the ninth round's web/desk.py shown(found): every item's sentence and link
        sections = [(kind, [web._shown_item(item, *texts) for item in items]) for kind, items in found.sections]
        return render_template_string(_KEPT["AB_DESK_PAGE_BEFORE"], desk=found, sections=sections)

    endpoint = "desk_pages.desk_page"
    new = app.config.setdefault("AB_NEW_DESK_PAGE", app.view_functions[endpoint])
    app.view_functions[endpoint] = new if on else item_by_item
    web._rendered.clear()


def _desk_page_reading(app, on: bool) -> None:
    """The desk page read outside a transaction (ServiceRuntime.reading: each of its statements on its own, no BEGIN
    and COMMIT round trips; the tenth round) against in a unit of work's transaction (runtime().work())."""
    from services.intake.context import runtime
    from services.intake.web import desk as web

    kept = _KEPT.setdefault("AB_DESK_RUNTIME", web.runtime)

    class Worked:  # the page's runtime() with reading() as the unit of work
        def __getattr__(self, name):
            return getattr(runtime(), name)

        def reading(self):
            return runtime().work()

    web.runtime = kept if on else (lambda: Worked())  # type: ignore[assignment]


def _desk_fetch_all(app, on: bool) -> None:
    """The desk kinds' rows fetched at once (`.mappings().all()`; the tenth round) against iterated, which asks the
    driver for each row on its own (SQLAlchemy's fetchone per row; the ninth round's `.mappings()`)."""
    from services.intake.handlers import desk

    def iterated(connection, sent):  # each statement on its own, its `.mappings()` iterated (the ninth round's)
        return [list(statement.execute(connection, fresh).mappings()) for statement, fresh in sent]

    desk.rows_together = _each_on_its_own if on else iterated  # on: the tenth round's (not the eleventh's together)


def _each_on_its_own(connection, sent):
    """The desk kinds' statements as the tenth round sent them: one after another, each a round trip."""
    return [statement.execute(connection, fresh).mappings().all() for statement, fresh in sent]


def _desk_together(app, on: bool) -> None:
    """The desk kinds' seven statements sent together (shared.db.rows_together: psycopg's pipeline, one round trip;
    the eleventh round) against one after another (the tenth round's, seven round trips)."""
    from services.intake.handlers import desk

    kept = _KEPT.setdefault("AB_KEPT_DESK_TOGETHER", desk.rows_together)
    desk.rows_together = kept if on else _each_on_its_own


def _desk_tenth(app, on: bool) -> None:
    """Every change of the tenth round's desk page at once."""
    for switch in (_desk_page_reading, _desk_rendered, _desk_fetch_all):
        switch(app, on)
def _language_kept(app, on: bool) -> None:
    """The language check's hits of stored texts kept by the text (LanguageCheck.check(kept=True); the tenth round)
    against each word of every draft's texts matched against the word list on every request."""
    from services.environments.domain.gender_language import default_check

    check = default_check()
    kept = _KEPT.setdefault("AB_KEPT_LANGUAGE", check._kept_hits)
    check._kept_hits = kept if on else check._hits  # type: ignore[method-assign]


def _reminders_read(app, on: bool) -> None:
    """The organisation's reminders reading only what they need (the rows' status and texts, the roles' texts, the
    partners' ids, no needs), outside a transaction and answered without marshmallow (the tenth round), against the
    whole rows and every part in a read session, dumped by ReminderOut (the ninth round's)."""
    from flask import jsonify
    from sqlalchemy import select

    from services.environments.api import schemas
    from services.environments.context import runtime
    from services.environments.db import environments
    from services.environments.domain import lifecycle
    from services.environments.handlers import evaluation, views
    from shared.auth import allow, current_principal

    @allow("manager", "coordinator")
    def whole():  # api/evaluation.py AllReminders.get and queries.open_reminders before this round
        principal = current_principal()
        with runtime().db.session() as session:
            stmt = select(environments).where(environments.c.status.notin_((lifecycle.CANCELLED,
                                                                            lifecycle.EVALUATED)))
            if not principal.has("coordinator"):
                stmt = stmt.where(environments.c.host_organisation == principal.organisation)
            rows = session.execute(stmt.order_by(environments.c.name)).all()
            found = [dict(r, environment_id=row.id, environment_name=row.name) for row, missing in zip(
                rows, evaluation.reminders_of_many(session, rows, views.parts_of_many(session, rows)), strict=True)
                for r in missing]
        return jsonify(schemas.ReminderOut(many=True).dump(found))

    endpoint = "evaluation.AllReminders"
    new = app.config.setdefault("AB_NEW_REMINDERS", app.view_functions[endpoint])
    app.view_functions[endpoint] = new if on else whole


def _worklist_read(app, on: bool) -> None:
    """The partner's page reading only what it shows (the environments' names, statuses and dates; its own partners'
    assessments still to give, of the completed and evaluated environments: at most four statements, outside a
    transaction; the tenth round), against the whole list with every part and every reminder read (12 statements
    in a read session; queries.partner_worklist of the fifth to ninth rounds)."""
    from flask import render_template

    from services.environments.context import lang, runtime
    from services.environments.handlers import evaluation, queries
    from shared.auth import allow, current_principal

    @allow("partner")
    def whole():
        principal = current_principal()
        with runtime().db.session() as session:
            listed = queries._listed(session, principal, {}, lang())
            parts = [p for _env, p in listed]
            missing = evaluation.reminders_of_many(session, [p.row for p in parts], parts)
            for (env, p), found in zip(listed, missing, strict=True):
                own = {x.partner_id for x in p.partners
                       if principal.organisation and x.organisation == principal.organisation}
                env["reminders"] = [r for r in found if r["partner_id"] and r["partner_id"] in own]
        return render_template("environments/my_assessments.html", environments=[env for env, _p in listed])

    endpoint = "assessment_pages.my_assessments"
    new = app.config.setdefault("AB_NEW_WORKLIST", app.view_functions[endpoint])
    app.view_functions[endpoint] = new if on else whole


def _choices_kept(app, on: bool) -> None:
    """The municipalities' choices by name made once per language (client_forms.municipalities_by_name; the tenth
    round) against sorted and wrapped anew for every form."""
    from services.intake.web import client_forms

    kept = _KEPT.setdefault("AB_KEPT_MUNICIPALITIES", client_forms.municipalities_by_name)
    client_forms.municipalities_by_name = kept if on else kept.__wrapped__


def _list_rows(app, on: bool) -> None:
    """The client list page's rows with their card links built from one `url_for` (clients.card_links) and their
    statuses' labels translated once per language (client_forms.labels; the tenth round), against `url_for` and a
    lazy text's lookup for every row."""
    from services.intake.web import client_forms, clients

    kept = _KEPT.setdefault("AB_KEPT_LIST_ROWS", (clients.card_links, client_forms.labels))

    def card_links(ids):
        from flask import url_for
        return {client_id: url_for("client_pages.card", client_id=client_id) for client_id in ids}

    def labels(kind, code):
        return str(client_forms.LABELS[kind].get(code, code)) if code else ""

    clients.card_links, clients.labels = kept if on else (card_links, labels)


def _filters_form(app, on: bool) -> None:
    """The client list's filter form built only when a GET's kept filters are missing (shared.web.shell.kept_part;
    the eleventh round) against built with its 309 municipalities' choices on every GET (the kept part shown
    either way)."""
    from services.intake.web import clients as pages
    from shared.web.shell import kept_part

    pages.kept_part = kept_part if on else (lambda name: None)


def _rows_kept(app, on: bool) -> None:
    """The client list page's rows rendered once per language and content and kept (web/clients.py client_rows on
    shared.web.entries.KeptEntries; the eleventh round) against every row rendered by intake/clients/row.html on
    every page (nothing kept: a context that is full at once)."""
    from services.intake.web import clients as pages
    from shared.web.entries import KeptEntries

    kept = _KEPT.setdefault("AB_KEPT_ROWS", pages._rows)
    pages._rows = kept if on else KeptEntries(0)


LIST_PAGE_BEFORE = "7b68b7b"  # main before the eleventh round's client list page


def _list_page(app, on: bool) -> None:
    """Every change of the eleventh round's client list page at once (filters-form, rows-kept and the rows read as
    the statement gives them, without client_view's dict of every column) against that commit's view and
    template (the form built on every GET, each row a dict, rendered by the page's loop)."""
    from flask import request
    from flask_babel import gettext

    from services.intake.context import lang, runtime
    from services.intake.handlers import clients as handler
    from services.intake.web import clients as pages
    from services.intake.web.client_forms import SearchForm, labels
    from shared.auth import allow, current_principal
    from shared.errors import Invalid

    if "AB_LIST_PAGE_BEFORE" not in _KEPT:
        source = subprocess.run(
            ["git", "show", f"{LIST_PAGE_BEFORE}:services/intake/templates/intake/clients/list.html"], cwd=ROOT,
            check=True, capture_output=True, text=True).stdout
        _KEPT["AB_LIST_PAGE_BEFORE"] = app.jinja_env.from_string(source)  # compiled once, as a file's would be

    def card_links(items):  # the tenth round's clients.card_links, by the items
        return pages.card_links([item["id"] for item in items])

    @allow("manager")
    def tenth():  # web/clients.py client_list of the tenth round
        form = SearchForm(formdata=request.form if request.method == "POST" else None)
        form.fill_choices(lang())
        args = {"status": "active", "page": 1, "per_page": pages.PER_PAGE}
        if request.method == "POST" and form.validate():
            args = {"status": form.status.data or None, "municipality": form.municipality.data or None,
                    "service_area": form.service_area.data or None, "entered_from": form.entered_from.data,
                    "entered_to": form.entered_to.data, "q": form.q.data, "page": max(form.page.data or 1, 1),
                    "per_page": pages.PER_PAGE}
        try:
            with runtime().reading() as work:
                result = handler.client_page(work, current_principal(), args)
        except Invalid as exc:
            for name, reasons in exc.fields.items():
                form[name].errors = list(form[name].errors or []) + [gettext(reason) for reason in reasons]
            result = {"items": [], "total": 0, "page": 1, "per_page": pages.PER_PAGE}
        part = None if request.method != "GET" else pages.filters_part()
        context = {"form": form, "result": result, "pages": max((result["total"] + pages.PER_PAGE - 1)
                                                                // pages.PER_PAGE, 1),
                   "labels": labels, "lang": lang(), "filters_part": part, "cards": card_links(result["items"])}
        app.update_template_context(context)
        return _KEPT["AB_LIST_PAGE_BEFORE"].render(context)

    endpoint = "client_pages.client_list"
    new = app.config.setdefault("AB_NEW_LIST_PAGE", app.view_functions[endpoint])
    app.view_functions[endpoint] = new if on else tenth


def _page_columns(app, on: bool) -> None:
    """The client list page reading only what it shows and the special-category fields its audit looks at
    (handlers.clients.ON_PAGE, 7 columns; the eleventh round) against every listed column (LISTED, 22, a client's
    languages parsed from JSON)."""
    from services.intake.handlers import clients as handler

    kept = _KEPT.setdefault("AB_KEPT_ON_PAGE", handler.ON_PAGE)
    handler.ON_PAGE = kept if on else handler.LISTED


PAGE_SHELL_BEFORE = "e06fbdc"  # the client list page's template before its fixed parts were kept


def _page_shell(app, on: bool) -> None:
    """The client list page's fixed parts (its title, links, the form's tag, the search button, the table's head)
    kept as {% shell %} parts (the eleventh round) against rendered on every page (that commit's template, compiled
    once)."""
    import flask

    from services.intake.web import clients as pages

    if "AB_PAGE_SHELL_BEFORE" not in _KEPT:
        source = subprocess.run(
            ["git", "show", f"{PAGE_SHELL_BEFORE}:services/intake/templates/intake/clients/list.html"], cwd=ROOT,
            check=True, capture_output=True, text=True).stdout
        _KEPT["AB_PAGE_SHELL_BEFORE"] = app.jinja_env.from_string(source)

    def render_before(name, **context):
        assert name == "intake/clients/list.html", name
        app.update_template_context(context)
        return _KEPT["AB_PAGE_SHELL_BEFORE"].render(context)

    pages.render_template = flask.render_template if on else render_before


def _commit_together(app, on: bool) -> None:
    """A unit of work's last writes sent with its COMMIT in one round trip (Work.commit: the writes given to
    `write_at_commit` (a new client's consent decisions, a need's skills), the outbox's INSERT and NOTIFY in
    psycopg's pipeline; the tenth round) against each its own round trip, then COMMIT (Work.flush; the
    transaction's end commits). Switches every runtime of the process."""
    Work.commit = _COMMIT_TOGETHER if on else Work.flush  # type: ignore[method-assign]


_COMMIT_TOGETHER = Work.commit


def _key_driver(app, on: bool) -> None:
    """The Idempotency-Key's claim, kept answer and forgetting each sent through the driver alone on a pooled
    connection (shared.db.Compiled.write_alone; the eleventh round) against through a SQLAlchemy connection in
    autocommit (the tenth round's `_alone`). Switches every app of the process."""
    from shared.db import Compiled

    kept = ORIGINAL.setdefault("Compiled.write_alone", Compiled.write_alone)

    def through_sqlalchemy(self, database, fresh):
        if database.is_sqlite:
            return kept(self, database, fresh)
        with database.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.execute(self.statement, dict(fresh))

    Compiled.write_alone = kept if on else through_sqlalchemy  # type: ignore[method-assign]


def _template_texts(app, on: bool) -> None:
    """A template's `_()` and `gettext()` shown from the texts kept per language (shared.web.ui.template_gettext;
    the eleventh round) against jinja2.ext.i18n's newstyle gettext over Flask-Babel's lookup (the tenth round's)."""
    from flask_babel import get_translations
    from jinja2.ext import _gettext_alias, _make_new_gettext

    from shared.web.ui import template_gettext

    jinjas = _KEPT.setdefault("AB_JINJA_GETTEXT", _make_new_gettext(lambda s: get_translations().ugettext(s)))
    app.jinja_env.globals.update(_=template_gettext if on else _gettext_alias,
                                 gettext=template_gettext if on else jinjas)


def _move_forms(app, on: bool) -> None:
    """The environment page's move forms built for the host's managers only, the one reader the page shows them to
    (environments.move_forms; the twelfth round) against built for every reader (measure with --user coordinator:
    the bench's manager1 hosts the environment)."""
    from services.environments.domain import lifecycle
    from services.environments.web import environments as pages
    from services.environments.web import forms

    kept = _KEPT.setdefault("AB_MOVE_FORMS", pages.move_forms)

    def for_everyone(row, access):  # environments.page's dict before the twelfth round
        return {target: (forms.CancelForm if target == lifecycle.CANCELLED else forms.MoveForm)(to=target)
                for target in lifecycle.next_moves(row.status)}

    pages.move_forms = kept if on else for_everyone


def _env_ahead(app, on: bool) -> None:
    """The environment page's reads after the environment and the reader's access sent together, one round trip
    (shared.db.Kept.ahead, environments._reads; the twelfth round) against each read when its section asks (7-11
    round trips, by the reader)."""
    from services.environments.handlers.kept import ahead
    from services.environments.web import environments as pages

    pages.ahead = ahead if on else (lambda session, reads: None)


def _env_twelfth(app, on: bool) -> None:
    """Both changes of the twelfth round's environment page."""
    for switch in (_move_forms, _env_ahead):
        switch(app, on)


def _writes_text(app, on: bool) -> None:
    """A unit of work's writes (the writes with the COMMIT, the outbox's INSERT, a new client's INSERT … RETURNING)
    sent as their SQL text compiled once per statement and columns (shared.db.WRITTEN) and NOTIFY as its text
    (`exec_driver_sql`; the twelfth round) against each through the ORM session's `execute`, NOTIFY a `text()`
    there. Switches every runtime of the process."""
    from sqlalchemy import text

    from shared.bus import notify, outbox
    from shared.db import Written

    kept = _KEPT.setdefault("AB_NOTIFY_ON_COMMIT", notify.notify_on_commit)

    def notify_through_session(session):  # shared/bus/notify.py before the twelfth round
        if session.get_bind().dialect.name != "postgresql":
            return
        transaction = id(session.get_transaction())
        if session.info.get(notify._NOTIFIED) == transaction:
            return
        session.execute(text(f"NOTIFY {notify.CHANNEL}"))
        session.info[notify._NOTIFIED] = transaction

    Written.on = on
    outbox.notify_on_commit = kept if on else notify_through_session  # type: ignore[attr-defined]


def _names_folded(app, on: bool) -> None:
    """A name's accents stripped by one `str.translate` over a table filled as characters are met (intake's
    domain.clients._strip_accents; the twelfth round) against a Python loop decomposing each character."""
    import unicodedata

    from services.intake.domain import clients as rules

    kept = _KEPT.setdefault("AB_STRIP_ACCENTS", rules._strip_accents)

    def char_by_char(text, keep):  # before the twelfth round
        out = []
        for char in text:
            if char in keep:
                out.append(char)
            else:
                out.append("".join(c for c in unicodedata.normalize("NFD", char) if not unicodedata.combining(c)))
        return "".join(out)

    rules._strip_accents = kept if on else char_by_char


def _register_kept(app, on: bool) -> None:
    """An organisation's privacy register built once per network as read (shared.privacy.register._kept; the
    twelfth round) against built on every ask (six a registration)."""
    from shared.privacy import register

    kept = _KEPT.setdefault("AB_REGISTER_KEPT", register._kept)
    register._kept = kept if on else register._built  # type: ignore[assignment]


def _audit_text(app, on: bool) -> None:
    """The audit append and its flush sent as their SQL text rendered once (`exec_driver_sql`; AuditStore.as_text;
    the twelfth round) against SQLAlchemy's execution of their `text()`. Switches the app's audit store."""
    app.extensions["kampus"].audit.as_text = on


def _partner_kept(app, on: bool) -> None:
    """A partner's read by id kept compiled and sent as its SQL text (intake's handlers.partners.KEPT; the twelfth
    round) against its select built and executed by SQLAlchemy each time."""
    from services.intake.handlers import partners

    partners.KEPT.on = on


def _writes_twelfth(app, on: bool) -> None:
    """Every change of the twelfth round's writes at once."""
    for switch in (_writes_text, _names_folded, _register_kept, _audit_text, _partner_kept):
        switch(app, on)


SIGNED = re.compile(rb"[\w-]{20,}\.[\w-]{4,}\.[\w-]{10,}")
# What differs between two answers of the same POST: new ids, the body's own token (@N@), keys, times
FRESH = re.compile(rb"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[0-9a-f]{32,}"
                   rb"|\d{4}-\d\d-\d\dT[\d:.]+(?:[+-]\d\d:\d\d|Z)?")
BEFORE_ELEVENTH_ROUND = "7b68b7b"  # main before the eleventh round (issue 18)


def _audit_parse_once(app, on: bool) -> None:
    """kampus_audit_append parsing its JSON array once into typed records (json_to_recordset; the eleventh round)
    against each field read with `entry->>'field'`, which parses the whole entry anew (that commit's function,
    created in its place in the audit store: the same signature, so each switch replaces the function's body)."""
    from sqlalchemy import text

    from shared.audit import store as audit_store

    kept = _KEPT.get("AB_AUDIT_PARSE_ONCE")
    if kept is None:
        module = types.ModuleType("before_eleventh_store")
        sys.modules[module.__name__] = module
        source = subprocess.check_output(["git", "-C", str(ROOT), "show",
                                          f"{BEFORE_ELEVENTH_ROUND}:shared/audit/store.py"])
        exec(compile(source, "store.py", "exec"), module.__dict__)  # noqa: S102 (our own history)
        kept = _KEPT["AB_AUDIT_PARSE_ONCE"] = {True: audit_store._PG_APPEND, False: module._PG_APPEND}
    store = app.extensions["kampus"].audit
    if _KEPT.get(f"AB_AUDIT_PARSE_ONCE_{id(store)}") is not on:
        with store.engine.begin() as conn:
            conn.execute(text(kept[on]))
        _KEPT[f"AB_AUDIT_PARSE_ONCE_{id(store)}"] = on


def _desk_eleventh(app, on: bool) -> None:
    """Both changes of the eleventh round's desk page."""
    for switch in (_desk_together, _audit_parse_once):
        switch(app, on)


def _one_maker(app, on: bool) -> None:
    """Reporting's reports and page parts made by one thread while the others wait (ReportCache.once) against each
    asker making its own; in steady state (everything kept) the cost of the check only."""
    from services.reporting.handlers import report_cache

    report_cache.ONE_MAKER = on


SWITCHES = {"translations": _translations, "one-maker": _one_maker, "findings": _findings, "worklist": _worklist,
            "registration": _registration, "need-answer": _need_answer, "idempotency": _idempotency,
            "desk_counts": _desk_counts, "gc_freeze": _gc_freeze, "desk_reading": _desk_reading,
            "answers": _answers, "listed": _listed, "titles": _titles, "one-statement": _one_statement,
            "lists": _lists, "desk_projection": _desk_projection, "desk_texts": _desk_texts,
            "desk_quiet": _desk_quiet, "desk_built": _desk_built, "shell": _shell,
            "argument-schemas": _argument_schemas, "need-insert": _need_insert,
            "audit-json": _audit_json, "reading": _reading, "window": _window,
            "count-subquery": _count_subquery, "days": _days,
            "seventh": _seventh, "audit-flush": _audit_flush, "page-first": _page_first,
            "one-array": _one_array, "filters": _filters, "fields-kept": _fields_kept, "fetch-all": _fetch_all,
            "eighth": _eighth, "count-driver": _count_driver,
            "shell-key": _shell_key, "accept-kept": _accept_kept, "session-serializer": _session_serializer,
            "page-floor": _page_floor,
            "suggestions-index": _suggestions_index,
            "kinds-driver": _kinds_driver, "count-raw": _count_raw, "plan-constants": _plan_constants,
            "read-commit": _read_commit, "env-kept": _env_kept,
            "page-reads": _page_reads, "environment-page": _environment_page,
            "client-rows": _client_rows, "page-json": _page_json, "list-compiled": _list_compiled,
            "languages-text": _languages_text, "search-window": _search_window,
            "statuses-literal": _statuses_literal, "ninth": _ninth, "suggestion-plans": _suggestion_plans,
            "desk-rendered": _desk_rendered, "desk-page-reading": _desk_page_reading, "desk-fetch-all": _desk_fetch_all,
            "desk-tenth": _desk_tenth,
            "language-kept": _language_kept, "reminders-read": _reminders_read,
            "worklist-read": _worklist_read, "choices-kept": _choices_kept,
            "list-rows": _list_rows, "commit-together": _commit_together,
            "desk-together": _desk_together, "audit-parse-once": _audit_parse_once, "desk-eleventh": _desk_eleventh,
            "filters-form": _filters_form, "rows-kept": _rows_kept, "list-page": _list_page,
            "page-columns": _page_columns, "page-shell": _page_shell,
            "key-driver": _key_driver, "template-texts": _template_texts,
            "move-forms": _move_forms, "env-ahead": _env_ahead, "env-twelfth": _env_twelfth,
            "writes-text": _writes_text, "names-folded": _names_folded, "register-kept": _register_kept,
            "audit-text": _audit_text, "partner-kept": _partner_kept, "writes-twelfth": _writes_twelfth}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reuse", required=True)
    parser.add_argument("--switch", action="append", required=True, choices=sorted(SWITCHES),
                        help="repeatable: the changes switched together")
    parser.add_argument("--only", action="append", required=True, help="endpoint name (repeatable)")
    parser.add_argument("--beside", action="append", default=[], choices=("environments",),
                        help="also run this service under gunicorn (desk_projection's before asks environments)")
    parser.add_argument("--blocks", type=int, default=10, help="blocks of each half, taking turns")
    parser.add_argument("--requests", type=int, default=20, help="requests a block")
    parser.add_argument("--accept-language", help="send this Accept-Language header, as a browser does")
    parser.add_argument("--user", choices=bench.USERS,
                        help="send this user's token instead of the endpoint's (another reader of the same page)")
    parser.add_argument("--no-cookies", action="store_true",
                        help="send no cookies back, as wrk does (each page then starts a new session)")
    args = parser.parse_args()

    with portal_beside(args.reuse, "bench-api-ab-", tuple(args.beside)) as (facts, toks):
        for ep in bench.endpoints(facts):
            if ep.name not in args.only:
                continue
            app = bench.service_app(ep.service)
            client = app.test_client(use_cookies=not args.no_cookies)
            headers = {"Accept": "text/html" if ep.html else "application/json"}
            if args.accept_language:
                headers["Accept-Language"] = args.accept_language
            user = args.user or ep.user
            if toks.get(user):
                headers["Authorization"] = f"Bearer {toks[user]}"

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
            beside: dict[bool, list[float]] = {False: [], True: []}  # the services run --beside (their CPU)
            server: dict[bool, list[float]] = {False: [], True: []}  # PostgreSQL's, for the service's databases
            databases = f"{args.reuse}_{ep.service}"
            for block in range(args.blocks):
                for on in ((False, True) if block % 2 == 0 else (True, False)):
                    for name in args.switch:
                        SWITCHES[name](app, on)
                    started, clock, others = time.process_time(), time.perf_counter(), beside_cpu()
                    served = database_cpu(databases)
                    for _ in range(args.requests):
                        call()
                    server[on].append((database_cpu(databases) - served) / args.requests * 1000)
                    beside[on].append((beside_cpu() - others) / args.requests * 1000)
                    cpu[on].append((time.process_time() - started) / args.requests * 1000)
                    wall[on].append((time.perf_counter() - clock) / args.requests * 1000)
            before, after = statistics.median(cpu[False]), statistics.median(cpu[True])
            print(f"== {ep.name} ({', '.join(args.switch)}): before {before:.2f} ms CPU, after {after:.2f} ms CPU "
                  "a request "
                  f"(medians of {args.blocks} blocks of {args.requests}; after/before {after / before:.3f}); "
                  f"wall {statistics.median(wall[False]):.2f} -> {statistics.median(wall[True]):.2f} ms; "
                  f"the same page both ways: {same}; PostgreSQL {statistics.median(server[False]):.2f} -> "
                  f"{statistics.median(server[True]):.2f} ms CPU a request (its {databases}* backends, ticks of "
                  f"{1000 / os.sysconf('SC_CLK_TCK'):.0f} ms over a block)"
                  + (f"; {'+'.join(args.beside)} beside: {statistics.median(beside[False]):.2f} -> "
                     f"{statistics.median(beside[True]):.2f} ms CPU a request" if args.beside else ""), flush=True)


if __name__ == "__main__":
    main()
