"""bus tables

Revision ID: 0001
Revises:
Create Date: 2026-11-28 17:26:20.045405

The first revision of every service (not the identity store's: its own 0001 made these tables too).
"""
from shared.bus.migrations import create_tables, drop_tables

revision = '0001'
down_revision = None
branch_labels = ('bus',)
depends_on = None


def upgrade() -> None:
    create_tables()


def downgrade() -> None:
    drop_tables()
