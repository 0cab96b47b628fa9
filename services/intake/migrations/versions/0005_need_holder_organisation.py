"""need holder organisation

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-28 20:37:05.244341
"""
import sqlalchemy as sa
from alembic import op

revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('need_partners', schema=None) as batch_op:
        batch_op.add_column(sa.Column('holder_organisation', sa.String(length=63), nullable=True))



def downgrade() -> None:
    with op.batch_alter_table('need_partners', schema=None) as batch_op:
        batch_op.drop_column('holder_organisation')

