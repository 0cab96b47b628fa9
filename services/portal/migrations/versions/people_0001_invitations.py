"""invitations of clients to the service (student accounts)"""
import sqlalchemy as sa
from alembic import op

revision, down_revision = 'people_0001', 'notify_0001'


def upgrade() -> None:
    op.create_table('invitations',
                    sa.Column('id', sa.String(length=36), nullable=False),
                    sa.Column('user_id', sa.String(length=36), nullable=False),
                    sa.Column('code_hash', sa.String(length=64), nullable=False),
                    sa.Column('invited_by', sa.String(length=36), nullable=True),
                    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
                    sa.Column('expires_at', sa.DateTime(timezone=True), nullable=False),
                    sa.Column('used_at', sa.DateTime(timezone=True), nullable=True),
                    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_invitations_user_id_users'),
                                            ondelete='CASCADE'),
                    sa.PrimaryKeyConstraint('id', name=op.f('pk_invitations')),
                    sa.UniqueConstraint('code_hash', name=op.f('uq_invitations_code_hash')))
    op.create_index(op.f('ix_invitations_user_id'), 'invitations', ['user_id'], unique=False)


def downgrade() -> None:
    op.drop_index(op.f('ix_invitations_user_id'), table_name='invitations')
    op.drop_table('invitations')
