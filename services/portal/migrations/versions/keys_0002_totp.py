"""time-based one-time passwords of users"""
import sqlalchemy as sa
from alembic import op

revision, down_revision = 'keys_0002', 'keys_0001'


def upgrade() -> None:
    op.create_table('totp_credentials',
                    sa.Column('user_id', sa.String(length=36), nullable=False),
                    sa.Column('secret', sa.String(length=64), nullable=False),
                    sa.Column('confirmed_at', sa.DateTime(timezone=True), nullable=True),
                    sa.Column('last_step', sa.Integer(), nullable=True),
                    sa.Column('recovery_hashes', sa.Text(), server_default='', nullable=False),
                    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
                    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_totp_credentials_user_id_users'),
                                            ondelete='CASCADE'),
                    sa.PrimaryKeyConstraint('user_id', name=op.f('pk_totp_credentials')))


def downgrade() -> None:
    op.drop_table('totp_credentials')
