"""environments: participant_metric_phases (only that a participant answered at the start or the end) replaces
participant_metrics; the answers themselves are intake's alone.

The phases already answered are kept; the old answer values are dropped (they were never counted anywhere:
docs/operations.md). A downgrade brings the table back empty of values: they cannot be restored.
"""
import sqlalchemy as sa
from alembic import op

revision, down_revision = 'mone_0001', 'idem_0001'


def upgrade() -> None:
    op.create_table('participant_metric_phases',
    sa.Column('participant_id', sa.String(length=36), nullable=False),
    sa.Column('phase', sa.String(length=5), nullable=False),
    sa.Column('answered_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['participant_id'], ['participants.id'],
                            name=op.f('fk_participant_metric_phases_participant_id_participants'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('participant_id', 'phase', name=op.f('pk_participant_metric_phases'))
    )
    op.execute("INSERT INTO participant_metric_phases (participant_id, phase, answered_at) "
               "SELECT participant_id, phase, max(answered_at) FROM participant_metrics GROUP BY participant_id, phase")
    op.drop_table('participant_metrics')


def downgrade() -> None:
    op.create_table('participant_metrics',
    sa.Column('participant_id', sa.String(length=36), nullable=False),
    sa.Column('phase', sa.String(length=5), nullable=False),
    sa.Column('scale', sa.String(length=60), nullable=False),
    sa.Column('value', sa.SmallInteger(), nullable=False),
    sa.Column('answered_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['participant_id'], ['participants.id'],
                            name=op.f('fk_participant_metrics_participant_id_participants'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('participant_id', 'phase', 'scale', name=op.f('pk_participant_metrics'))
    )
    op.drop_table('participant_metric_phases')
