"""audit log is append-only

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-28

The audit trail of personal-data reads must not be edited or removed: the database itself
refuses UPDATE and DELETE on audit_log (PostgreSQL and SQLite alike).
"""

from shared.migrations import drop_append_only, make_append_only

revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    make_append_only("audit_log")


def downgrade() -> None:
    drop_append_only("audit_log")
