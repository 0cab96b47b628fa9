"""Helpers of matching's service tests: a runtime on a small taxonomy, events delivered through the inbox."""
from __future__ import annotations

import json
import uuid
from dataclasses import dataclass, replace
from datetime import datetime

from sqlalchemy import select
from werkzeug.test import Client

from services.matching import SERVICE
from services.matching.domain.synthetic import synthetic_taxonomy
from services.matching.handlers.live import LiveEngine, install
from shared.bus.inbox import InboxProcessor
from shared.config import Config
from shared.events.envelope import new_event


@dataclass(frozen=True, eq=False)
class SmallTaxonomy:
    """A synthetic skill graph with URIs and labels, shaped like shared.reference.esco.SkillTaxonomy."""

    uris: tuple[str, ...]
    index: dict
    broader: tuple
    related: tuple
    groups: tuple

    def __len__(self) -> int:
        return len(self.uris)

    def label(self, i: int, lang: str = "fi") -> str:
        return f"{lang}-taito-{i}"


def small_taxonomy(n: int = 60, seed: int = 3, related: bool = False) -> SmallTaxonomy:
    """n skills; unrelated to each other unless `related` (then a synthetic ESCO-like graph)."""
    uris = tuple(f"urn:test:skill:{i}" for i in range(n))
    index = {u: i for i, u in enumerate(uris)}
    if related:
        graph = synthetic_taxonomy(n, seed=seed)
        return SmallTaxonomy(uris, index, graph.broader, graph.related, graph.groups)
    return SmallTaxonomy(uris, index, ((),) * n, ((),) * n, tuple((f"group-{i}",) for i in range(n)))


def matching_runtime(tmp_path, taxonomy=None, k: int = 3, database_url: str | None = None):
    """Matching's runtime on its own SQLite file, with a live engine over a small taxonomy."""
    config = Config(service="matching", database_url=database_url or f"sqlite:///{tmp_path / 'matching.sqlite3'}",
                    testing=True)
    runtime = SERVICE.runtime(config)
    runtime.migrate()
    install(runtime, LiveEngine(taxonomy=taxonomy or small_taxonomy(), k=k, authoritative=True))
    return runtime


def event(type_: str, payload: dict, organisation: str = "sataedu", occurred_at: datetime | None = None):
    envelope = new_event(type_, payload, organisation=organisation, service=type_.split(".", 1)[0])
    if occurred_at is not None:
        envelope = replace(envelope, occurred_at=occurred_at)
    return envelope


def deliver(runtime, *envelopes):
    """Apply events as the consumer does (one batch); their outcomes."""
    return InboxProcessor(runtime).process_batch([runtime.registry.validate(e) for e in envelopes])


def profile_payload(client_id: str | None = None, skills: dict | None = None, **overrides) -> dict:
    """An intake.profile.shared payload; skills {uri: level}."""
    payload = {"client_id": client_id or str(uuid.uuid4()),
               "skills": [{"uri": uri, "level": level} for uri, level in (skills or {}).items()],
               "hours_per_week": 20, "available_from": None, "available_until": None, "work_types": [],
               "municipalities": ["609"], "service_areas": [], "languages": ["fi"], "driving_licence": False,
               "fields_of_education": ["07"]}
    payload.update(overrides)
    return payload


def need_payload(need_id: str | None = None, skills: list | None = None, **overrides) -> dict:
    """An intake.need.published payload; skills [(uri, essential, level)]."""
    payload = {"need_id": need_id or str(uuid.uuid4()), "partner_id": str(uuid.uuid4()), "title": "Hitsaaja",
               "description": None, "skills": [{"uri": u, "essential": e, "level": lv} for u, e, lv in skills or []],
               "work_type": "part_time", "hours_per_week": None, "municipality": "609", "start_date": None,
               "end_date": None, "people": 1, "hidden_job": False, "languages": [], "driving_licence": False,
               "status": "open"}
    payload.update(overrides)
    return payload


def outbox(runtime, type_: str | None = None) -> list[dict]:
    """Events the runtime put in its outbox, oldest first (of one type, if given)."""
    table = runtime.tables.outbox
    with runtime.db.session() as session:
        query = select(table.c.body).order_by(table.c.id)
        if type_:
            query = query.where(table.c.type == type_)
        return [json.loads(b) for b in session.execute(query).scalars()]


def rows(runtime, table, *conditions) -> list:
    with runtime.db.session() as session:
        return session.execute(select(table).where(*conditions)).all()


class WsgiIntakeApi:
    """Intake's API called in-process through the network's WSGI app (no server in tests)."""

    def __init__(self, wsgi) -> None:
        self.client = Client(wsgi)

    def add_learning_gap(self, client_id, skill_uri, lang, token):
        response = self.client.post(f"/intake/api/v1/clients/{client_id}/path/learning-gaps",
                                    json={"skill_uri": skill_uri, "lang": lang},
                                    headers={"Authorization": f"Bearer {token}"})
        return response.status_code, response.get_json()


def unrelated_skills(taxonomy, count: int) -> list[str]:
    """`count` skills of the taxonomy with nothing in common (no relation, no shared group): one a test."""
    chosen: list[int] = []
    for i in range(len(taxonomy.uris)):
        if all(not set(taxonomy.groups[i]) & set(taxonomy.groups[j]) and j not in taxonomy.broader[i]
               and i not in taxonomy.broader[j] and all(o != j for o, _ in taxonomy.related[i]) for j in chosen):
            chosen.append(i)
        if len(chosen) == count:
            return [taxonomy.uris[i] for i in chosen]
    raise AssertionError("no unrelated skills")


def register_client(api, skills: dict[str, int], sharing: bool = True, **fields) -> str:
    """A client added through intake's API with a profile and skills {uri: level}; `fields` add to the body."""
    body = {"first_name": "Aino" + uuid.uuid4().hex[:6], "last_name": "Aalto", "birth_date": "2004-05-17",
            "home_municipality": "214", "gender": "woman", "mother_tongue": "fi",
            "consents": {"service": True, "profile_sharing": sharing}, **fields}
    response = api.post("/intake/api/v1/clients", json=body)
    assert response.status_code == 201, response.get_json()
    client_id = response.get_json()["id"]
    response = api.put(f"/intake/api/v1/clients/{client_id}/profile", json={
        "hours_per_week": 20, "work_types": ["part_time"], "municipalities": ["214"], "languages": ["fi"]})
    assert response.status_code == 200, response.get_json()
    for uri, level in skills.items():
        response = api.post(f"/intake/api/v1/clients/{client_id}/profile/skills",
                            json={"skill_uri": uri, "level": level, "evidence": "self"})
        assert response.status_code == 201, response.get_json()
    return client_id
