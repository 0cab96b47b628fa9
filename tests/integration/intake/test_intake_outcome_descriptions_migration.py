"""The migration that takes the kind code ("… (part_time)") off the descriptions of outcomes an environment reported."""
from __future__ import annotations

import uuid
from datetime import UTC, date, datetime

import pytest
from alembic import command
from sqlalchemy import insert, select

from services.intake.db import clients, outcomes
from shared.embedded import definition
from tests.support.databases import migrated

pytestmark = pytest.mark.integration


def test_an_environments_outcome_loses_its_kind_code_and_others_keep_their_words(database_url):
    now = datetime(2026, 12, 1, tzinfo=UTC)
    client = str(uuid.uuid4())
    written = {  # description as stored before -> as read after
        "Konepajan tuotannon digiloikka (part_time)": ("environments", "Konepajan tuotannon digiloikka"),
        "Varaston datapolku (fixed_term)": ("environments", "Varaston datapolku"),
        "Kahvila (part_time)": ("intake", "Kahvila (part_time)"),  # a manager's own words stay as written
        "Tapahtumaviikko (kesä)": ("environments", "Tapahtumaviikko (kesä)"),
    }
    with migrated(definition("intake"), database_url, "s11p_0001") as (connection, cfg):
        connection.execute(insert(clients).values(id=client, organisation="sataedu", entered_on=date(2026, 9, 1),
                                                  created_at=now, updated_at=now))
        ids = {}
        for description, (source, _after) in written.items():
            ids[description] = str(uuid.uuid4())
            connection.execute(insert(outcomes).values(
                id=ids[description], client_id=client, kind="work", work_form="part_time", hidden_job=False,
                description=description, qualification=False, started_on=date(2026, 10, 1), source=source,
                created_at=now))
        connection.commit()
        command.upgrade(cfg, "head")
        connection.commit()
        read = {str(i): d for i, d in connection.execute(select(outcomes.c.id, outcomes.c.description))}
    assert {d: read[i] for d, i in ids.items()} == {d: after for d, (_source, after) in written.items()}
