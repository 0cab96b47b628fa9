"""intake: environment_parties, each environment's partners and taking-part organisations (environment threads)"""
import sqlalchemy as sa
from alembic import op

revision, down_revision = 'h16e_0001', 'gaps_i0001'


def upgrade() -> None:
    op.create_table('environment_parties',
    sa.Column('environment_id', sa.String(length=36), nullable=False),
    sa.Column('partner_ids', sa.JSON(), nullable=False),
    sa.Column('organisations', sa.JSON(), nullable=False),
    sa.Column('described_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('environment_id', name=op.f('pk_environment_parties'))
    )


def downgrade() -> None:
    op.drop_table('environment_parties')
