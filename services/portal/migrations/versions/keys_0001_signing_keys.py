"""signing keys of the built-in issuer

Revision ID: keys_0001
Revises: 0002
Create Date: 2026-12-06 11:00:00.000000
"""
import sqlalchemy as sa
from alembic import op

revision = 'keys_0001'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('signing_keys',
                    sa.Column('kid', sa.String(length=64), nullable=False),
                    sa.Column('private_pem', sa.Text(), nullable=False),
                    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
                    sa.Column('retired_at', sa.DateTime(timezone=True), nullable=True),
                    sa.PrimaryKeyConstraint('kid', name=op.f('pk_signing_keys')))


def downgrade() -> None:
    op.drop_table('signing_keys')
