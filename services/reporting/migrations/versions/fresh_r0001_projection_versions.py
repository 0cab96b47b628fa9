"""projection versions: one version per projection table (and for persons with facts), raised with
projection_state, so a report after an event queries again only what the event changed

Revision ID: fresh_r0001
Revises: funder_0001
Create Date: 2026-12-06 17:00:00
"""
import sqlalchemy as sa
from alembic import op

revision = 'fresh_r0001'
down_revision = 'funder_0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'projection_versions',
        sa.Column('name', sa.String(length=40), nullable=False),
        sa.Column('version', sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint('name', name=op.f('pk_projection_versions')),
    )


def downgrade() -> None:
    op.drop_table('projection_versions')
