"""case notes on clients, meetings on path steps (time, place, video link, participants), calendar feeds"""
import sqlalchemy as sa
from alembic import op

revision, down_revision = 'desk_0001', 'privacy_0001'

UUID = sa.String(length=36)


def upgrade() -> None:
    op.create_table('client_notes',
    sa.Column('id', UUID, nullable=False),
    sa.Column('client_id', UUID, nullable=False),
    sa.Column('organisation', sa.String(length=63), nullable=False),
    sa.Column('noted_on', sa.Date(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('author', UUID, nullable=True),
    sa.Column('author_name', sa.String(length=200), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['client_id'], ['clients.id'], name=op.f('fk_client_notes_client_id_clients'),
                            ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_client_notes')))
    with op.batch_alter_table('client_notes', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_client_notes_client_id'), ['client_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_client_notes_organisation'), ['organisation'], unique=False)
    op.create_table('calendar_feeds',
    sa.Column('user_id', UUID, nullable=False),
    sa.Column('organisation', sa.String(length=63), nullable=False),
    sa.Column('token_hash', sa.String(length=64), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('user_id', name=op.f('pk_calendar_feeds')),
    sa.UniqueConstraint('token_hash', name=op.f('uq_calendar_feeds_token_hash')))
    with op.batch_alter_table('path_steps', schema=None) as batch_op:
        batch_op.add_column(sa.Column('starts_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('ends_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('place', sa.String(length=200), nullable=True))
        batch_op.add_column(sa.Column('video_link', sa.String(length=500), nullable=True))
        batch_op.add_column(sa.Column('participants', sa.String(length=500), nullable=True))
        batch_op.create_index(batch_op.f('ix_path_steps_starts_at'), ['starts_at'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('path_steps', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_path_steps_starts_at'))
        for name in ('participants', 'video_link', 'place', 'ends_at', 'starts_at'):
            batch_op.drop_column(name)
    op.drop_table('calendar_feeds')
    with op.batch_alter_table('client_notes', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_client_notes_organisation'))
        batch_op.drop_index(batch_op.f('ix_client_notes_client_id'))
    op.drop_table('client_notes')
