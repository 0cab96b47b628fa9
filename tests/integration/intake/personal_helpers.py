"""Helpers of the needs, path, metrics and profile tests: a network per database, clients, consents, tables."""
from __future__ import annotations

import re

from sqlalchemy import func, select

from tests.integration.intake.client_helpers import as_role, as_student, network_on, outbox, register
from tests.support import network as net

__all__ = ["HTML", "as_role", "as_student", "consent", "events_of", "field_errors", "network_on", "outbox",
           "register", "rows", "scoping_clients", "setup_network", "token"]


def setup_network(request, tmp_path_factory):
    """The network on SQLite, or with intake on PostgreSQL when the fixture's param says so."""
    postgres = request.getfixturevalue("postgres") if request.param == "postgresql" else None
    return network_on(tmp_path_factory, postgres)


def consent(api, client_id: str, purpose: str, given: bool = True) -> None:
    response = api.post(f"/intake/api/v1/clients/{client_id}/consents", json={"purpose": purpose, "given": given})
    assert response.status_code == 201, response.get_json()


def events_of(network, client_id: str, type_: str) -> list[dict]:
    """Events of one type about a client in intake's outbox, oldest first."""
    return [e for e in outbox(network, client_id) if e["type"] == type_]


def rows(network, table, **where) -> int:
    """How many rows of an intake table match."""
    runtime = network.runtimes["intake"]
    query = select(func.count()).select_from(table)
    for column, value in where.items():
        query = query.where(table.c[column] == value)
    with runtime.db.session() as session:
        return session.execute(query).scalar_one()


def scoping_clients(network, *, students_allowed: bool = True) -> dict:
    """Who must not reach a client of sataedu: another organisation's manager and another student (404 where
    students may use the endpoint for themselves, else 403), partners and the coordinator (403)."""
    return {"other_manager": (net.client_as(network, "manager2"), 404),
            "partner": (net.client_as(network, "partner1"), 403),
            "coordinator": (net.client_as(network, "coordinator"), 403),
            "other_student": (as_student(network, "00000000-0000-4000-8000-000000000000"),
                              404 if students_allowed else 403)}




HTML = {"Accept": "text/html"}


def field_errors(page: str) -> dict[str, str]:
    """The errors shown beside each field of a page, by the field's id."""
    return {field: " ".join(re.sub(r"<[^>]+>", " ", text).split())
            for field, text in re.findall(r'<ul class="field__errors" id="([\w-]+)-error">(.*?)</ul>', page, re.S)}


def token(page: str) -> str:
    """The CSRF token of a rendered page (the same for every form of the session)."""
    found = re.search(r'name="[\w-]*csrf_token" type="hidden" value="([^"]+)"|name="csrf_token" value="([^"]+)"',
                      page)
    return found.group(1) or found.group(2)
