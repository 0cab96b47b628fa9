"""shared contact organisation: who shared a contact, so that only its managers see it"""
import sqlalchemy as sa
from alembic import op

revision, down_revision = '0006', '0005'


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
