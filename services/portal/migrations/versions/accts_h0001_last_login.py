"""users.last_login_at: when an account last logged in, so the administrator tells unused invitations apart"""
import sqlalchemy as sa
from alembic import op

revision, down_revision = 'accts_h0001', 'notify_0001'


def upgrade() -> None:
    op.add_column('users', sa.Column('last_login_at', sa.DateTime(timezone=True), nullable=True))


def downgrade() -> None:
    op.drop_column('users', 'last_login_at')
