"""known clients: which organisation registered which client, so that managers enrol only their own

Clients announced before this read model existed are not known here; those already enrolled are (their
participants name them and their organisation), the rest become known when intake announces them again.
"""
import sqlalchemy as sa
from alembic import op

revision, down_revision = '0004', '0003'


def upgrade() -> None:
    op.create_table('known_clients',
    sa.Column('organisation', sa.String(length=63), nullable=False),
    sa.Column('client_id', sa.String(length=36), nullable=False),
    sa.Column('received_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('organisation', 'client_id', name=op.f('pk_known_clients'))
    )
    op.execute("INSERT INTO known_clients (organisation, client_id, received_at) "
               "SELECT DISTINCT client_organisation, client_id, CURRENT_TIMESTAMP FROM participants "
               "WHERE client_id IS NOT NULL")


def downgrade() -> None:
    op.drop_table('known_clients')
