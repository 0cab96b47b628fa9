"""Helpers of the client, consent and GDPR tests: networks, registrations and the intake outbox."""
from __future__ import annotations

import json
import re
import uuid

import pytest
from sqlalchemy import func, select

from tests.support import network as net
from tests.support import privacy
from tests.support.databases import network_with
from tests.support.factories import audit_entries

API = "/intake/api/v1/clients"
CLIENT = {
    "first_name": "Aino", "last_name": "Äijälä", "birth_date": "2004-05-17", "home_municipality": "214",
    "email": "aino.aijala@example.fi", "phone": "+358 40 123 4567", "gender": "woman", "mother_tongue": "fi",
    "languages": [{"code": "en", "level": "good"}, {"code": "sv", "level": "basic"}],
    "education_status": "interrupted", "institution": "Sataedu", "field_of_education": "07",
    "employment_status": "long_term_unemployed", "education_level": 3, "disadvantaged": True,
    "consents": {"service": True},
}
PERSONAL_VALUES = ("Aino", "Äijälä", "2004-05-17", "aino.aijala@example.fi", "+358 40 123 4567")


def network_on(tmp_path_factory, postgres=None, bases: dict[str, str] | None = None):
    """The embedded network on SQLite, or with intake on a fresh PostgreSQL database; with `bases`, the
    members' legal bases in its network file (tests/support/privacy.py)."""
    directory = tmp_path_factory.mktemp("net")
    overrides = {"network_file": privacy.network_file(directory, bases)} if bases else {}
    return network_with(directory, "intake", postgres, **overrides)


def unique_client(**overrides) -> dict:
    """A valid registration body with a name of its own (so searches and person keys do not collide)."""
    body = json.loads(json.dumps(CLIENT))
    body["first_name"] = "Aino" + uuid.uuid4().hex[:6]
    body.update(overrides)
    return body


def register(api, **overrides) -> dict:
    response = api.post(API, json=unique_client(**overrides))
    assert response.status_code == 201, response.get_json()
    return response.get_json()


def as_student(network, client_id: str, organisation: str = "sataedu"):
    """A test client signed in as a student whose own client record is `client_id`."""
    return net.student_client(network, client_id, organisation)


def as_role(network, role: str, organisation: str = "sataedu"):
    return with_token(network, net.token_with(network, roles=[role], organisation=organisation,
                                              user_id=str(uuid.uuid4())))


with_token = net.client_with_token  # a test client of the whole network sending this bearer token


def intake(network):
    return network.runtimes["intake"]


def outbox(network, client_id: str | None = None) -> list[dict]:
    """Every event intake has put in its outbox (about one client, if given), oldest first."""
    return [e for e in net.outbox_events(intake(network))
            if client_id is None or e["payload"].get("client_id") == client_id]


def types(events: list[dict]) -> list[str]:
    return [e["type"] for e in events]


def event_types(network, client_id: str | None = None) -> list[str]:
    """The types of the events intake has put in its outbox (about one client, if given), oldest first."""
    return types(outbox(network, client_id))


def stored(network, *tables) -> tuple[int, ...]:
    """What intake holds: the rows of each of `tables`, the events in its outbox and the entries of its audit log.
    The same before and after a refused request: nothing was stored half-way."""
    return (*(count(network, table) for table in tables), len(outbox(network)), len(audit_entries(intake(network))))


def count(network, table) -> int:
    with intake(network).db.session() as session:
        return session.execute(select(func.count()).select_from(table)).scalar_one()


def csrf_of(page: str) -> str:
    """The CSRF token of a rendered page."""
    return re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)


def browser(api_client):
    """The same signed-in caller, asking for HTML pages as a browser does."""
    class _Browser:
        def open(self, *args, **kwargs):
            headers = dict(kwargs.pop("headers", None) or {})
            headers.setdefault("Accept", "text/html")
            return api_client.open(*args, headers=headers, **kwargs)

        def get(self, url, **kwargs):
            return self.open(url, method="GET", **kwargs)

        def post(self, url, **kwargs):
            return self.open(url, method="POST", **kwargs)

    return _Browser()


# A module's mark when it runs on the network with intake on SQLite only (the conftest's `network`).
SQLITE_ONLY = pytest.mark.parametrize("network", ["sqlite"], indirect=True, scope="module")
