"""Helpers for tests of intake's partners, overlaps, referrals and outcomes: clients, events, pages."""
from __future__ import annotations

import hashlib
import json
import re
import uuid
from datetime import date

from sqlalchemy import insert, select

from services.intake.db import clients, consents
from shared import clock
from shared.events.envelope import utcnow


def person_key(first: str, last: str, birth: date) -> str:
    """A stand-in for registration's keyed hash: the same person gives the same key."""
    return hashlib.sha256(f"{first.lower()}|{last.lower()}|{birth.isoformat()}".encode()).hexdigest()


def add_client(runtime, organisation: str, first: str = "Aino", last: str = "Virtanen",
               birth: date = date(2001, 2, 3), consents_given=("service",), publish_key: bool = True) -> str:
    """Register a client the way registration does: row, consents and (by default) the published person key."""
    client_id, now = str(uuid.uuid4()), utcnow()
    key = person_key(first, last, birth)
    with runtime.work() as work:
        work.session.execute(insert(clients).values(
            id=client_id, organisation=organisation, first_name=first, last_name=last, birth_date=birth,
            languages=[], entered_on=clock.today(), status="active", person_key=key, created_at=now, updated_at=now))
        for purpose in consents_given:
            work.session.execute(insert(consents).values(client_id=client_id, purpose=purpose, version="2026-1",
                                                         given=True, decided_at=now, method="in_person"))
        if publish_key:
            work.emit("intake.person_key.published", {"client_id": client_id, "person_key": key,
                                                      "overlap": "overlap" in consents_given},
                      organisation=organisation)
    return client_id


def events(runtime, type_: str) -> list[dict]:
    """Envelopes of one type in a runtime's outbox, oldest first."""
    table = runtime.tables.outbox
    with runtime.db.session() as session:
        bodies = session.execute(select(table.c.body).where(table.c.type == type_).order_by(table.c.id)).scalars()
        return [json.loads(body) for body in bodies]


def some_skill(n: int = 0) -> str:
    """The URI of a real ESCO skill (the n-th of the taxonomy)."""
    from shared.reference import esco

    return esco.load_taxonomy().uris[n]


def csrf_of(page: str) -> str:
    """The CSRF token of the first form on a page."""
    return re.search(r'name="(?:[\w-]*-)?csrf_token"[^>]*value="([^"]+)"', page).group(1)


def browser_as(network, username: str):
    """A werkzeug client that signs in with the network cookie, as a browser does (forms need CSRF)."""
    from werkzeug.test import Client

    from shared.auth.web import TOKEN_COOKIE
    from tests.support.network import token_for

    client = Client(network.wsgi)
    client.set_cookie(TOKEN_COOKIE, token_for(network, username))
    return client


PARTNERS_API = "/intake/api/v1/partners"


def link_partner(network, partner_id: str, organisation: str | None) -> dict:
    """An administrator links a partner to the login organisation whose users act for it (only they may)."""
    from tests.support.network import client_as

    response = client_as(network, "admin").put(f"{PARTNERS_API}/{partner_id}/organisation",
                                               json={"organisation": organisation})
    assert response.status_code == 200, response.get_json()
    return response.get_json()


def record_service(manager, name: str) -> dict:
    """A service of the manager's organisation's catalogue, recorded through the API."""
    response = manager.post("/intake/api/v1/services", json={"name": name})
    assert response.status_code == 201, response.get_json()
    return response.get_json()


def record_partner(network, manager, **body) -> dict:
    """A partner recorded through the API by `manager` (a manager's test client); with `organisation`, an
    administrator then links it to that login organisation, as a manager may not."""
    organisation = body.pop("organisation", None)
    response = manager.post(PARTNERS_API, json=body)
    assert response.status_code == 201, response.get_json()
    partner = response.get_json()
    if organisation is not None:
        link_partner(network, partner["id"], organisation)
        partner = manager.get(f"{PARTNERS_API}/{partner['id']}").get_json()
    return partner
