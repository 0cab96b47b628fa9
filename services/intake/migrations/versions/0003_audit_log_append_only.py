"""audit log is append-only

The audit trail of personal-data reads must not be edited or removed: the database itself
refuses UPDATE and DELETE on audit_log (PostgreSQL and SQLite alike).
"""

from shared.migrations import drop_append_only, make_append_only

revision, down_revision = '0003', '0002'


def upgrade() -> None:
    make_append_only("audit_log")


def downgrade() -> None:
    drop_append_only("audit_log")
