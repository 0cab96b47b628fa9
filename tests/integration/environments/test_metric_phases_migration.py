"""The migration that leaves environments only the phases a participant answered (mone_0001): each answered phase
is kept once, with its answer time, the answer values go; on SQLite and PostgreSQL."""
from __future__ import annotations

import uuid
from datetime import UTC, datetime

import pytest
from alembic import command
from sqlalchemy import column, insert, inspect, select, table

from services.environments.db import environments, participant_metric_phases, participants, roles
from shared.embedded import definition
from tests.support.databases import migrated

pytestmark = pytest.mark.integration

OLD = table("participant_metrics", column("participant_id"), column("phase"), column("scale"), column("value"),
            column("answered_at"))


def test_the_answered_phases_stay_and_the_answers_go(database_url):
    now = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)
    env_id, role_id, aino, eero = (str(uuid.uuid4()) for _ in range(4))
    with migrated(definition("environments"), database_url, "idem_0001") as (connection, cfg):
        connection.execute(insert(environments).values(
            id=env_id, name="Mittapaja", host_organisation="sataedu", institutions=[], fields_of_education=[],
            capacity=4, status="running", created_at=now, updated_at=now))
        connection.execute(insert(roles).values(id=role_id, environment_id=env_id, title="Tekijä", seats=2,
                                                fields=[], skills=[], position=0))
        for person in (aino, eero):
            connection.execute(insert(participants).values(
                id=person, environment_id=env_id, role_id=role_id, client_organisation="sataedu",
                status="enrolled", demonstrated_skills=[], created_at=now, updated_at=now))
        later = datetime(2026, 3, 3, 10, 0, tzinfo=UTC)
        connection.execute(insert(OLD), [  # Aino answered two statements at the start, one a day later; Eero none
            {"participant_id": aino, "phase": "start", "scale": "job_search", "value": 2, "answered_at": now},
            {"participant_id": aino, "phase": "start", "scale": "know_wanted_work", "value": 3,
             "answered_at": later}])
        connection.commit()
        command.upgrade(cfg, "head")
        connection.commit()
        kept = connection.execute(select(participant_metric_phases)).all()
        assert [(r.participant_id, r.phase) for r in kept] == [(aino, "start")]
        assert kept[0].answered_at.replace(tzinfo=UTC) == later
        assert "participant_metrics" not in inspect(connection).get_table_names()
        command.downgrade(cfg, "idem_0001")
        connection.commit()
        assert connection.execute(select(OLD)).all() == [], "the values cannot come back"
        assert "participant_metric_phases" not in inspect(connection).get_table_names()
