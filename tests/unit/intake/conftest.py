"""Intake's handler tests: a runtime on its own SQLite file, principals and a registered client."""
from __future__ import annotations

import uuid
from datetime import date

import pytest

from services.intake import SERVICE
from services.intake.handlers import registration
from shared.auth import Principal
from shared.config import Config

TODAY = date(2025, 3, 3)


def manager(organisation: str = "sataedu") -> Principal:
    return Principal(user_id=str(uuid.uuid4()), username=f"manager-{organisation}", organisation=organisation,
                     roles=frozenset({"manager"}))


def student(client_id: str, organisation: str = "sataedu") -> Principal:
    return Principal(user_id=str(uuid.uuid4()), username="student", organisation=organisation,
                     roles=frozenset({"student"}), client_id=client_id)


def client_data(**overrides) -> dict:
    """A client's data as the registration schema loads it (a name of its own, so person keys differ)."""
    data = {"first_name": "Aino" + uuid.uuid4().hex[:6], "last_name": "Äijälä", "birth_date": date(2004, 5, 17),
            "home_municipality": "214", "email": "aino@example.fi", "gender": "woman", "mother_tongue": "fi",
            "education_status": "interrupted", "field_of_education": "07", "employment_status": "long_term_unemployed",
            "education_level": 3}
    data.update(overrides)
    return data


@pytest.fixture
def runtime(tmp_path):
    """Intake's runtime, migrated, on SQLite (the shared Config with this test's own settings)."""
    config = Config(service="intake", database_url=f"sqlite:///{tmp_path / 'intake.sqlite3'}", testing=True,
                    organisation="sataedu").with_(person_key_secret="k" * 40)
    runtime = SERVICE.runtime(config)
    runtime.migrate()
    yield runtime
    runtime.close()


@pytest.fixture
def register(runtime):
    """Register a client (consent to service given, others as asked) and return the row."""
    def _register(principal: Principal | None = None, decisions: dict | None = None, **data):
        with runtime.work() as work:
            return registration.register(work, principal or manager(), client_data(**data),
                                         {"service": True, **(decisions or {})}, today=TODAY)
    return _register
