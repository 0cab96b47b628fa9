"""need holder organisation"""
import sqlalchemy as sa
from alembic import op

revision, down_revision = '0005', '0004'


def upgrade() -> None:
    with op.batch_alter_table('need_partners', schema=None) as batch_op:
        batch_op.add_column(sa.Column('holder_organisation', sa.String(length=63), nullable=True))



def downgrade() -> None:
    with op.batch_alter_table('need_partners', schema=None) as batch_op:
        batch_op.drop_column('holder_organisation')

