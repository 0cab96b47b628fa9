"""intake: ix_clients_org_listed, an organisation's clients in the lists' order (a page of the client list read from
the index, not sorted from every client of the organisation)"""
from alembic import op

revision, down_revision = 'h18l_0001', 'desk7_0001'


def upgrade() -> None:
    op.create_index('ix_clients_org_listed', 'clients', ['organisation', 'last_name', 'first_name', 'id'],
                    unique=False)


def downgrade() -> None:
    op.drop_index('ix_clients_org_listed', table_name='clients')
