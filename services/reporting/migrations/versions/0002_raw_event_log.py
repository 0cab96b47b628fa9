"""raw event log"""
import sqlalchemy as sa
from alembic import op

revision, down_revision = '0002', '0001'


def upgrade() -> None:
    op.create_table('raw_events',
    sa.Column('seq', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), autoincrement=True, nullable=False),
    sa.Column('event_id', sa.String(length=36), nullable=False),
    sa.Column('type', sa.String(length=120), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('organisation', sa.String(length=63), nullable=False),
    sa.Column('occurred_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('received_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('payload', sa.JSON(), nullable=False),
    sa.PrimaryKeyConstraint('seq', name=op.f('pk_raw_events')),
    sa.UniqueConstraint('event_id', name=op.f('uq_raw_events_event_id'))
    )
    with op.batch_alter_table('raw_events', schema=None) as batch_op:
        batch_op.create_index('ix_raw_events_type_occurred', ['type', 'occurred_at'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('raw_events', schema=None) as batch_op:
        batch_op.drop_index('ix_raw_events_type_occurred')

    op.drop_table('raw_events')
