"""projection state: the projections' version, one row, raised by every transaction that changes them"""
import sqlalchemy as sa
from alembic import op

revision, down_revision = 'funder_0001', 'figures_0001'


def upgrade() -> None:
    table = op.create_table(
        'projection_state',
        sa.Column('id', sa.Integer(), autoincrement=False, nullable=False),
        sa.Column('version', sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_projection_state')),
    )
    op.bulk_insert(table, [{'id': 1, 'version': 0}])


def downgrade() -> None:
    op.drop_table('projection_state')
