"""external logins linked to student logins (OIDC first-login mapping)"""
import sqlalchemy as sa
from alembic import op

revision, down_revision = 'oidc_h0001', 'people_0001'


def upgrade() -> None:
    op.create_table('external_logins',
                    sa.Column('issuer', sa.String(length=255), nullable=False),
                    sa.Column('subject', sa.String(length=255), nullable=False),
                    sa.Column('user_id', sa.String(length=36), nullable=False),
                    sa.Column('organisation', sa.String(length=63), nullable=False),
                    sa.Column('proof', sa.String(length=10), nullable=False),
                    sa.Column('linked_at', sa.DateTime(timezone=True), nullable=False),
                    sa.ForeignKeyConstraint(['user_id'], ['users.id'],
                                            name=op.f('fk_external_logins_user_id_users'), ondelete='CASCADE'),
                    sa.PrimaryKeyConstraint('issuer', 'subject', name=op.f('pk_external_logins')),
                    sa.UniqueConstraint('user_id', name=op.f('uq_external_logins_user_id')))


def downgrade() -> None:
    op.drop_table('external_logins')
