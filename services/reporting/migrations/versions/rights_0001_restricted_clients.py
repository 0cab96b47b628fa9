"""restricted clients: a client record whose statistics purpose is restricted or objected to is not counted"""
import sqlalchemy as sa
from alembic import op

revision, down_revision = 'rights_0001', 'legal_0001'


def upgrade() -> None:
    with op.batch_alter_table('clients', schema=None) as batch_op:
        batch_op.add_column(sa.Column('restricted', sa.Boolean(), nullable=False, server_default=sa.false()))


def downgrade() -> None:
    with op.batch_alter_table('clients', schema=None) as batch_op:
        batch_op.drop_column('restricted')
