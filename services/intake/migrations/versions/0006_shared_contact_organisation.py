"""shared contact organisation: who shared a contact, so that only its managers see it

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-06 09:00:00
"""
import sqlalchemy as sa
from alembic import op

revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('shared_contacts', schema=None) as batch_op:
        batch_op.add_column(sa.Column('client_organisation', sa.String(length=63), nullable=True))
    # A contact shared by a client this instance holds belongs to that client's organisation; one that came from
    # another instance stays unknown (NULL) and is shown only to the partner's own users.
    op.execute("UPDATE shared_contacts SET client_organisation = (SELECT clients.organisation FROM clients "
               "WHERE clients.id = shared_contacts.client_id)")


def downgrade() -> None:
    with op.batch_alter_table('shared_contacts', schema=None) as batch_op:
        batch_op.drop_column('client_organisation')
