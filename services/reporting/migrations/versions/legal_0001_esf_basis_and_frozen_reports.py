"""the funder's figures on their own legal basis, and reports frozen when sent to the funder

Client records keep the basis their entry facts came on (statistics, ESF reporting) and whether they
count in the funder's figures (`esf`); persons whether they count in statistics. Run
`kampus reporting rebuild` once after upgrading, so records logged before get them.
"""
import sqlalchemy as sa
from alembic import op

revision, down_revision = 'legal_0001', 'idem_0001'


def upgrade() -> None:
    with op.batch_alter_table('clients') as batch_op:
        batch_op.add_column(sa.Column('statistics_basis', sa.String(length=20), nullable=True))
        batch_op.add_column(sa.Column('esf_basis', sa.String(length=20), nullable=True))
        batch_op.add_column(sa.Column('esf', sa.Boolean(), nullable=False, server_default=sa.false()))
    with op.batch_alter_table('persons') as batch_op:
        batch_op.add_column(sa.Column('statistics', sa.Boolean(), nullable=False, server_default=sa.true()))
    op.create_table(
        'frozen_reports',
        sa.Column('id', sa.String(length=36), nullable=False),
        sa.Column('period_start', sa.Date(), nullable=False),
        sa.Column('period_end', sa.Date(), nullable=False),
        sa.Column('frozen_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('frozen_by', sa.String(length=36), nullable=True),
        sa.Column('filters', sa.JSON(), nullable=False),
        sa.Column('figures', sa.JSON(), nullable=False),
        sa.Column('document', sa.LargeBinary(), nullable=False),
        sa.Column('filename', sa.String(length=200), nullable=False),
        sa.PrimaryKeyConstraint('id'),
    )
    with op.batch_alter_table('frozen_reports') as batch_op:
        batch_op.create_index('ix_frozen_reports_frozen_at', ['frozen_at'], unique=False)


def downgrade() -> None:
    op.drop_table('frozen_reports')
    with op.batch_alter_table('persons') as batch_op:
        batch_op.drop_column('statistics')
    with op.batch_alter_table('clients') as batch_op:
        batch_op.drop_column('esf')
        batch_op.drop_column('esf_basis')
        batch_op.drop_column('statistics_basis')
