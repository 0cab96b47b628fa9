"""intake: the default metric statement on teamwork says mångvetenskapligt team in Swedish (fi monialainen), not
mångprofessionellt (fi moniammatillinen, another concept); a statement an organisation has reworded is left alone"""
import json

import sqlalchemy as sa
from alembic import op

revision, down_revision = 'wsv_0001', 'wkc_0001'

KEY = "multidisciplinary_team"
OLD, NEW = "Jag fungerar bra i ett mångprofessionellt team", "Jag fungerar bra i ett mångvetenskapligt team"


def _relabel(old: str, new: str) -> None:
    scales = sa.table("metric_scales", sa.column("key", sa.String), sa.column("labels", sa.JSON))
    bind = op.get_bind()
    labels = bind.execute(sa.select(scales.c.labels).where(scales.c.key == KEY)).scalar()
    if isinstance(labels, str):
        labels = json.loads(labels)
    if labels and labels.get("sv") == old:
        bind.execute(sa.update(scales).where(scales.c.key == KEY).values(labels={**labels, "sv": new}))


def upgrade() -> None:
    _relabel(OLD, NEW)


def downgrade() -> None:
    _relabel(NEW, OLD)
