"""The route walk's machinery: actors signed in as real users, answers read for personal data, and the tables
a request changed put back at once, so that no request of the walk changes what the next one sees.

An API route is called with the actor's bearer token and JSON, as a program would; a page with the token
cookie, the form and its CSRF token, as a browser would.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from flask import session as flask_session
from flask_wtf.csrf import generate_csrf
from sqlalchemy import delete, event, insert, select
from werkzeug.test import Client

from services.portal.handlers.identity import access_token
from shared.auth.web import SESSION_LOGIN, TOKEN_COOKIE
from tests.support.walk.scenario import PERSONAL, TEAM

WRITE = re.compile(r'^\s*(?:INSERT\s+(?:OR\s+\w+\s+)?INTO|UPDATE|DELETE\s+FROM)\s+"?(\w+)"?', re.IGNORECASE)


@dataclass(frozen=True)
class Answer:
    """What an actor got: the status, whether personal data or what the team knows showed, what was stored."""

    status: int
    personal: bool
    team: bool
    stored: frozenset[str]
    body: str
    location: str | None = None

    @property
    def refused(self) -> bool:
        """An error status, or a browser sent to sign in (to the login page with the way back)."""
        where = urlsplit(self.location or "")
        to_login = self.status == 302 and where.path.endswith("/login") and "next=" in where.query
        return self.status >= 400 or to_login


class WriteLog:
    """The tables each database committed writes to (rows inserted, updated or deleted), per service."""

    def __init__(self, runtimes: dict) -> None:
        self.committed: set[str] = set()
        for name, runtime in runtimes.items():
            self._watch(name, runtime.db.engine)

    def _watch(self, name: str, engine) -> None:
        def after(conn, cursor, statement, _parameters, _context, _executemany):
            match = WRITE.match(statement)
            if match and cursor.rowcount != 0:
                conn.info.setdefault("walk_writes", set()).add(f"{name}.{match.group(1)}")

        def commit(conn):
            self.committed |= conn.info.pop("walk_writes", set())

        def rollback(conn):
            conn.info.pop("walk_writes", None)

        event.listen(engine, "after_cursor_execute", after)
        event.listen(engine, "commit", commit)
        event.listen(engine, "rollback", rollback)

    def take(self) -> frozenset[str]:
        """The tables written since the last call."""
        written, self.committed = frozenset(self.committed), set()
        return written


def append_only(db) -> set[str]:
    """Tables a trigger guards against DELETE (audit trails): the walk cannot put them back, so leaves them."""
    with db.engine.connect() as conn:
        if db.is_sqlite:
            triggers = conn.exec_driver_sql("SELECT tbl_name, sql FROM sqlite_master WHERE type = 'trigger'")
            return {table for table, sql in triggers if re.search(r"\bBEFORE\s+(?:\w+\s+OR\s+)?DELETE\b", sql, re.I)}
        triggers = conn.exec_driver_sql("SELECT event_object_table FROM information_schema.triggers "
                                        "WHERE event_manipulation = 'DELETE'")
        return {table for (table,) in triggers}


class Snapshot:
    """Every row of one service's database, to put back the tables a request changed."""

    def __init__(self, runtime) -> None:
        self.runtime = runtime
        self.append_only = append_only(runtime.db)
        self.tables = [t for t in runtime.metadata.sorted_tables if t.name not in self.append_only]
        with runtime.db.session() as session:
            self.rows = {t.name: [dict(r._mapping) for r in session.execute(select(t))] for t in self.tables}

    def _with_dependants(self, names: set[str]) -> list:
        """The tables named and every table whose rows a foreign key ties to theirs, parents first."""
        found = set(names)
        while True:
            more = {t.name for t in self.tables for fk in t.foreign_keys if fk.column.table.name in found}
            if more <= found:
                return [t for t in self.tables if t.name in found]
            found |= more

    def restore(self, names: set[str]) -> None:
        tables = self._with_dependants(names - self.append_only)
        with self.runtime.db.transaction() as session:
            for table in reversed(tables):
                session.execute(delete(table))
            for table in tables:
                if self.rows[table.name]:
                    session.execute(insert(table), self.rows[table.name])


def is_api(path: str) -> bool:
    return path.startswith("/api/") or path == "/auth/token"


class Walker:
    """Sends each actor's requests to the embedded network and keeps its databases as the scenario left them."""

    def __init__(self, network, actors: dict[str, str | None]) -> None:
        self.network = network
        self.apps = {"portal": network.root, **network.apps}
        runtimes = {**network.runtimes, "portal": network.portal}
        self.snapshots = {name: Snapshot(runtime) for name, runtime in runtimes.items()}
        self.writes = WriteLog(runtimes)
        self.actors = dict(actors)
        self.tokens: dict[str, tuple[int, str]] = {}  # actor -> (token generation, token)
        self.csrf: dict[tuple[str, str], tuple[str, str, str]] = {}

    def token(self, actor: str) -> str | None:
        """A fresh token of the actor's user (a logout withdraws the ones issued before it)."""
        username = self.actors[actor]
        if username is None:
            return None
        user = self.network.identity.get(username)
        assert user is not None, f"no user {username}"
        known = self.tokens.get(actor)
        if known is None or known[0] != user.generation:
            token = access_token(self.network.portal.config.token_settings, user)
            self.tokens[actor] = known = (user.generation, token)
        return known[1]

    def _browser(self, actor: str, app_name: str) -> tuple[Client, str]:
        """A new browser of the actor, signed in, with a session and its CSRF token at one app."""
        client = Client(self.network.wsgi)
        token = self.token(actor)
        if token:
            client.set_cookie(TOKEN_COOKIE, token)
        key = (actor, app_name, token)
        if key not in self.csrf:
            app = self.apps[app_name]
            with app.test_request_context():
                if token:  # the session belongs to this login (shared.auth.web binds it)
                    flask_session[SESSION_LOGIN] = hashlib.sha256(token.encode()).hexdigest()[:32]
                csrf_token = generate_csrf()
                cookie = app.session_interface.get_signing_serializer(app).dumps(dict(flask_session))
            self.csrf[key] = (app.config["SESSION_COOKIE_NAME"], cookie, csrf_token)
        name, cookie, token = self.csrf[key]
        client.set_cookie(name, cookie)
        return client, token

    def send(self, actor: str, app_name: str, method: str, path: str, *, json=None, form=None,
             query: dict | None = None) -> Answer:
        """One request of an actor; the databases are put back if it stored anything."""
        url = path if app_name == "portal" else f"/{app_name}{path}"
        self.writes.take()
        if is_api(path):
            headers = {"Accept": "application/json"}
            token = self.token(actor)
            if token:
                headers["Authorization"] = f"Bearer {token}"
            client = Client(self.network.wsgi)
            response = client.open(url, method=method, headers=headers, json=json, query_string=query)
        else:
            browser, csrf_token = self._browser(actor, app_name)
            data = None if method in ("GET", "HEAD") else {**(form or {}), "csrf_token": csrf_token}
            response = browser.open(url, method=method, headers={"Accept": "text/html"}, data=data,
                                    query_string=query)
        body = response.get_data()
        response.close()
        stored = self.writes.take()
        if stored:
            self.restore(stored)
        text = body.decode("utf-8", "replace")
        return Answer(response.status_code, personal=any(c in text for c in PERSONAL),
                      team=any(c in text for c in TEAM), stored=stored, body=text,
                      location=response.headers.get("Location"))

    def restore(self, written: frozenset[str]) -> None:
        """Put back the tables written ("service.table"), and those tied to them, as the scenario left them."""
        by_service: dict[str, set[str]] = {}
        for name in written:
            service, table = name.split(".", 1)
            by_service.setdefault(service, set()).add(table)
        for service, tables in sorted(by_service.items()):
            self.snapshots[service].restore(tables)
        self.writes.take()
