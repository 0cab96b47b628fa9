"""the login organisation of the network's partners (from intake.partner.registered): an introduction's
conversation takes in the partner's users

Revision ID: gaps_i0001
Revises: people_i0001
Create Date: 2026-12-06 17:00:00
"""
import sqlalchemy as sa
from alembic import op

revision = 'gaps_i0001'
down_revision = 'people_i0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('partner_names', schema=None) as batch_op:
        batch_op.add_column(sa.Column('organisation', sa.String(length=63), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('partner_names', schema=None) as batch_op:
        batch_op.drop_column('organisation')
