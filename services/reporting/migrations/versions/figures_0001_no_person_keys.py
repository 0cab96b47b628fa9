"""reporting keeps no network person keys: persons are known by reporting's own pseudonym

The person keys that overlap detection compares used to reach reporting (`intake.person_key.published`);
reporting now counts persons by the pseudonym in `intake.statistics.recorded`. The old key events leave
the raw log and the keys leave the client records. Afterwards run `kampus intake announce-clients` in
every member intake (it sends the entry facts again with the pseudonym) and `kampus reporting rebuild`.
"""
import sqlalchemy as sa
from alembic import op

revision, down_revision = 'figures_0001', 'dialogue_r0001'


def upgrade() -> None:
    op.execute(sa.text("DELETE FROM raw_events WHERE type = 'intake.person_key.published'"))
    op.execute(sa.text("UPDATE clients SET person_key = NULL"))


def downgrade() -> None:
    """Nothing to restore: the keys are gone by design."""
