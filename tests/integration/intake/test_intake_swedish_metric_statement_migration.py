"""The migration that relabels the Swedish default teamwork statement (mångprofessionellt -> mångvetenskapligt team),
leaving a statement an organisation reworded as it is; on SQLite and PostgreSQL."""
from __future__ import annotations

import pytest
from alembic import command
from sqlalchemy import insert, select

from services.intake.db import metric_scales
from shared.embedded import definition
from tests.support.databases import migrated

pytestmark = pytest.mark.integration

OLD = "Jag fungerar bra i ett mångprofessionellt team"
NEW = "Jag fungerar bra i ett mångvetenskapligt team"


def labels(sv: str) -> dict[str, str]:
    return {"fi": "Toimin hyvin monialaisessa tiimissä", "sv": sv, "en": "I work well in a multidisciplinary team"}


@pytest.mark.parametrize("stored, after", [(OLD, NEW), ("Jag trivs i ett team med olika utbildningar",
                                                        "Jag trivs i ett team med olika utbildningar")])
def test_the_default_statement_is_relabelled_and_a_reworded_one_kept(database_url, stored, after):
    with migrated(definition("intake"), database_url, "wkc_0001") as (connection, cfg):
        connection.execute(insert(metric_scales).values(key="multidisciplinary_team", labels=labels(stored),
                                                        minimum=1, maximum=5, position=3, active=True))
        connection.commit()
        command.upgrade(cfg, "head")
        connection.commit()
        read = connection.execute(select(metric_scales.c.labels)
                                  .where(metric_scales.c.key == "multidisciplinary_team")).scalar_one()
        assert read == labels(after)
        command.downgrade(cfg, "wkc_0001")
        connection.commit()
        back = connection.execute(select(metric_scales.c.labels)
                                  .where(metric_scales.c.key == "multidisciplinary_team")).scalar_one()
    assert back == labels(stored)
