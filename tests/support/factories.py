"""Factories for the data tests build by hand: principals, a client's registration data, matching's profiles
and needs, and what a runtime put in its outbox. Defaults are plain and valid; a test names only what matters.
"""
from __future__ import annotations

import json
import uuid
from datetime import date

from sqlalchemy import select

from services.matching.domain import CompetenceNeed, Profile, RequiredSkill
from shared.auth import Principal


def manager(organisation: str = "sataedu") -> Principal:
    return Principal(user_id=str(uuid.uuid4()), username=f"manager-{organisation}", organisation=organisation,
                     roles=frozenset({"manager"}))


def student(client_id: str, organisation: str = "sataedu") -> Principal:
    return Principal(user_id=str(uuid.uuid4()), username="student", organisation=organisation,
                     roles=frozenset({"student"}), client_id=client_id)


def client_data(**overrides) -> dict:
    """A client's data as intake's registration schema loads it (a name of its own, so person keys differ)."""
    data = {"first_name": "Aino" + uuid.uuid4().hex[:6], "last_name": "Äijälä", "birth_date": date(2004, 5, 17),
            "home_municipality": "214", "email": "aino@example.fi", "gender": "woman", "mother_tongue": "fi",
            "education_status": "interrupted", "field_of_education": "07", "employment_status": "long_term_unemployed",
            "education_level": 3}
    data.update(overrides)
    return data


def need(*skills: RequiredSkill, need_id: str = "n1", **kw) -> CompetenceNeed:
    """A partner's competence need of the given skills (matching's domain)."""
    return CompetenceNeed(need_id, tuple(skills), **kw)


def profile(skills: dict[int, int], pid: str = "p1", **kw) -> Profile:
    """A student's competence profile: skill -> level, 20 h a week, Finnish, unless told otherwise."""
    return Profile(pid, skills, **{"hours_per_week": 20, "languages": frozenset({"fi"}), **kw})


def outbox(runtime, client_id: str | None = None) -> list[dict]:
    """The events a runtime put in its outbox (about one client, if given), oldest first."""
    table = runtime.tables.outbox
    with runtime.db.session() as session:
        events = [json.loads(b) for b in session.execute(select(table.c.body).order_by(table.c.id)).scalars()]
    return [e for e in events if client_id is None or e["payload"].get("client_id") == client_id]


def audit_entries(runtime, client_id: str | None = None) -> list[dict]:
    """The entries of a runtime's audit store (about one client, if given), oldest first."""
    if client_id is None:
        return list(runtime.audit.between())
    return list(reversed(runtime.audit.trail(str(client_id))))
