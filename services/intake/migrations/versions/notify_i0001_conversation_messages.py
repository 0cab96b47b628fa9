"""messages of conversations about a referral or an environment"""
import sqlalchemy as sa
from alembic import op

revision, down_revision = 'notify_i0001', 'desk_0001'


def upgrade() -> None:
    op.create_table('conversation_messages',
                    sa.Column('id', sa.String(length=36), nullable=False),
                    sa.Column('subject_kind', sa.String(length=20), nullable=False),
                    sa.Column('subject_id', sa.String(length=36), nullable=False),
                    sa.Column('client_id', sa.String(length=36), nullable=True),
                    sa.Column('organisation', sa.String(length=63), nullable=False),
                    sa.Column('author_id', sa.String(length=36), nullable=False),
                    sa.Column('author_name', sa.String(length=200), nullable=False),
                    sa.Column('author_role', sa.String(length=20), nullable=False),
                    sa.Column('body', sa.Text(), nullable=False),
                    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
                    sa.PrimaryKeyConstraint('id', name=op.f('pk_conversation_messages')))
    op.create_index('ix_conversation_messages_subject', 'conversation_messages',
                    ['subject_kind', 'subject_id', 'created_at'])
    op.create_index(op.f('ix_conversation_messages_client_id'), 'conversation_messages', ['client_id'])
    op.create_index(op.f('ix_conversation_messages_organisation'), 'conversation_messages', ['organisation'])


def downgrade() -> None:
    op.drop_index(op.f('ix_conversation_messages_organisation'), table_name='conversation_messages')
    op.drop_index(op.f('ix_conversation_messages_client_id'), table_name='conversation_messages')
    op.drop_index('ix_conversation_messages_subject', table_name='conversation_messages')
    op.drop_table('conversation_messages')
