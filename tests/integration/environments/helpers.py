"""Helpers of the environments tests: a network, intake's events fed in, environments built step by step."""
from __future__ import annotations

import re
import uuid

from sqlalchemy import func, select

from shared.bus.inbox import InboxProcessor
from shared.events.catalogue import REGISTRY
from shared.events.envelope import new_event
from tests.support import network as net
from tests.support.databases import network_with

API = "/environments/api/v1"
PYTHON = "http://data.europa.eu/esco/skill/ccd0a1d9-afda-43d9-b901-96344886e14d"
MUSIC = "http://data.europa.eu/esco/skill/0005c151-5b5a-4a66-8aac-60e734beb1ab"
HTML = {"Accept": "text/html"}


def network_on(tmp_path_factory, postgres=None):
    """The embedded network on SQLite, or with environments on a fresh PostgreSQL database."""
    return network_with(tmp_path_factory.mktemp("env"), "environments", postgres)


def read_settings_again(network, monkeypatch) -> None:
    """Build environments' settings again from its Config and the environment as they are now (for this test)."""
    from services.environments.config import KEY, EnvironmentsSettings

    monkeypatch.setitem(network.apps["environments"].extensions, KEY,
                        EnvironmentsSettings.from_config(runtime(network).config))


def runtime(network):
    return network.runtimes["environments"]


def feed(network, type_: str, payload: dict, organisation: str = "sataedu"):
    """Deliver an intake event to environments through its inbox, as the bus would."""
    envelope = REGISTRY.validate(new_event(type_, payload, organisation=organisation, service="intake"))
    [outcome] = InboxProcessor(runtime(network)).process_batch([envelope])
    assert outcome.status == "applied", outcome.error
    return envelope


def answered(network, client_id: str, environment_id: str, phase: str, organisation: str = "sataedu",
             at: str = "2026-03-02T09:30:00+00:00"):
    """Intake tells that a client answered the personal metrics of `phase` in the environment (never what)."""
    return feed(network, "intake.metric.phase_answered", {"client_id": client_id, "environment_id": environment_id,
                                                          "phase": phase, "answered_at": at},
                organisation=organisation)


def register_partner(network, name: str = "Konepaja Virtanen Oy", organisation: str | None = "konepaja-virtanen",
                     kind: str = "company") -> str:
    partner_id = str(uuid.uuid4())
    feed(network, "intake.partner.registered", {"partner_id": partner_id, "name": name, "kind": kind,
                                                "business_id": None, "municipality": "214", "industry": None,
                                                "organisation": organisation})
    return partner_id


def publish_need(network, partner_id: str, title: str = "Verkkokaupan kehittäjä") -> str:
    need_id = str(uuid.uuid4())
    feed(network, "intake.need.published", {
        "need_id": need_id, "partner_id": partner_id, "title": title, "description": None,
        "skills": [{"uri": PYTHON, "essential": True, "level": 3}], "work_type": "part_time", "hours_per_week": 10,
        "municipality": "214", "start_date": None, "end_date": None, "people": 2, "hidden_job": True,
        "languages": ["fi"], "driving_licence": False, "status": "open"})
    return need_id


def body(partner_ids=(), **overrides) -> dict:
    data = {"name": "Verkkokauppa kuntoon", "description": "Opiskelijat uudistavat yrityksen verkkokaupan.",
            "fields_of_education": ["04", "06"], "municipality": "214", "starts_on": "2026-03-01",
            "ends_on": "2026-05-31", "capacity": 4, "learning_goals": "Asiakaslähtöinen kehittäminen.",
            "partner_ids": list(partner_ids),
            "roles": [{"title": "Ohjelmoija", "seats": 2, "fields": ["06"], "skills": [{"uri": PYTHON, "level": 3}]},
                      {"title": "Myyjä", "seats": 2, "fields": ["04"], "skills": [{"uri": MUSIC, "level": 2}]}]}
    data.update(overrides)
    return data


def create(api, partner_ids=(), **overrides) -> dict:
    response = api.post(f"{API}/environments", json=body(partner_ids, **overrides))
    assert response.status_code == 201, response.get_json()
    return response.get_json()


def pass_review(api, environment_id: str, note: str | None = None) -> dict:
    from services.environments.domain.review import KEYS

    response = api.put(f"{API}/environments/{environment_id}/review",
                       json={"items": [{"item": key, "checked": True, "note": note} for key in KEYS]})
    assert response.status_code == 200, response.get_json()
    return response.get_json()


def move(api, environment_id: str, to: str, reason: str | None = None):
    return api.post(f"{API}/environments/{environment_id}/transitions", json={"to": to, "reason": reason})


def known_client(network_or_api, organisation: str = "sataedu", client_id: str | None = None) -> str:
    """A client id that environments knows as `organisation`'s: intake's `intake.client.registered` fed in, as the
    organisation's intake announces every client it registers. Takes the network or a test client of it."""
    client_id = client_id or str(uuid.uuid4())
    envelope = REGISTRY.validate(new_event("intake.client.registered", {"client_id": client_id,
                                                                        "entered_on": "2026-01-05"},
                                           organisation=organisation, service="intake"))
    [outcome] = InboxProcessor(_environments_runtime(network_or_api)).process_batch([envelope])
    assert outcome.status == "applied", outcome.error
    return client_id


def _environments_runtime(network_or_api):
    if hasattr(network_or_api, "runtimes"):
        return runtime(network_or_api)
    # A test client of the network's WSGI dispatcher: the environments app mounted at /environments.
    return network_or_api.application.mounts["/environments"].extensions["kampus"]


def enrol(api, environment: dict, role_index: int = 0, client_id: str | None = None, organisation: str = "sataedu",
          known: bool = True, **extra):
    """Enrol a client of `organisation` (the manager `api`'s own) into a role; unless `known` is False, the
    client is first made known to environments as intake's announcement would."""
    role_id = environment["roles"][role_index]["id"]
    client_id = client_id or str(uuid.uuid4())
    if known:
        known_client(api, organisation, client_id)
    return api.post(f"{API}/environments/{environment['id']}/participants",
                    json={"client_id": client_id, "role_id": role_id, **extra})


def opened(api, network, partner_ids=None, **overrides) -> dict:
    """An environment with a partner, reviewed and open."""
    partner_ids = partner_ids if partner_ids is not None else [register_partner(network)]
    environment = create(api, partner_ids, **overrides)
    pass_review(api, environment["id"])
    response = move(api, environment["id"], "open")
    assert response.status_code == 200, response.get_json()
    return response.get_json()


def events(network, type_: str | None = None) -> list[dict]:
    """Every event environments has put in its outbox (of one type, if given), oldest first."""
    return [e for e in net.outbox_events(runtime(network)) if type_ is None or e["type"] == type_]


def count(network, table) -> int:
    with runtime(network).db.session() as session:
        return session.execute(select(func.count()).select_from(table)).scalar_one()


def csrf_of(page: str) -> str:
    return re.search(r'name="csrf_token" (?:type="hidden" )?value="([^"]+)"', page).group(1)
