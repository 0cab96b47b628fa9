"""users' notifications and their e-mail preferences"""
import sqlalchemy as sa
from alembic import op

revision, down_revision = 'notify_0001', 'keys_0002'


def upgrade() -> None:
    op.create_table('notifications',
                    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
                    sa.Column('user_id', sa.String(length=36), nullable=False),
                    sa.Column('kind', sa.String(length=40), nullable=False),
                    sa.Column('service', sa.String(length=20), nullable=False),
                    sa.Column('path', sa.String(length=200), nullable=False),
                    sa.Column('event_id', sa.String(length=36), nullable=False),
                    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
                    sa.Column('read_at', sa.DateTime(timezone=True), nullable=True),
                    sa.Column('emailed_at', sa.DateTime(timezone=True), nullable=True),
                    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_notifications_user_id_users'),
                                            ondelete='CASCADE'),
                    sa.PrimaryKeyConstraint('id', name=op.f('pk_notifications')))
    op.create_index('ix_notifications_user_id_id', 'notifications', ['user_id', 'id'])
    op.create_index('uq_notifications_user_id_event_id', 'notifications', ['user_id', 'event_id'], unique=True)
    op.create_table('notification_preferences',
                    sa.Column('user_id', sa.String(length=36), nullable=False),
                    sa.Column('email', sa.String(length=12), nullable=False),
                    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
                    sa.ForeignKeyConstraint(['user_id'], ['users.id'],
                                            name=op.f('fk_notification_preferences_user_id_users'),
                                            ondelete='CASCADE'),
                    sa.PrimaryKeyConstraint('user_id', name=op.f('pk_notification_preferences')))
    op.create_table('referral_sides',
                    sa.Column('referral_id', sa.String(length=36), nullable=False),
                    sa.Column('from_organisation', sa.String(length=63), nullable=False),
                    sa.Column('to_organisation', sa.String(length=63), nullable=False),
                    sa.PrimaryKeyConstraint('referral_id', name=op.f('pk_referral_sides')))


def downgrade() -> None:
    op.drop_table('referral_sides')
    op.drop_table('notification_preferences')
    op.drop_index('uq_notifications_user_id_event_id', table_name='notifications')
    op.drop_index('ix_notifications_user_id_id', table_name='notifications')
    op.drop_table('notifications')
