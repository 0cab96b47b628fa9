"""open-data releases: drafts, reviews and immutable published releases"""
import sqlalchemy as sa
from alembic import op

revision, down_revision = 'opendata_0001', 'rights_0001'


def upgrade() -> None:
    op.create_table(
        'open_data_releases',
        sa.Column('release_id', sa.String(length=36), nullable=False),
        sa.Column('period', sa.String(length=7), nullable=False),
        sa.Column('period_start', sa.Date(), nullable=False),
        sa.Column('period_end', sa.Date(), nullable=False),
        sa.Column('status', sa.String(length=12), nullable=False),
        sa.Column('stale', sa.Boolean(), nullable=False),
        sa.Column('document', sa.JSON(), nullable=False),
        sa.Column('built_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('built_by', sa.String(length=120), nullable=False),
        sa.Column('reviewed_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('reviewed_by', sa.String(length=120), nullable=True),
        sa.Column('published_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('published_by', sa.String(length=120), nullable=True),
        sa.PrimaryKeyConstraint('release_id', name=op.f('pk_open_data_releases')),
    )
    op.create_index('ux_open_data_releases_published_period', 'open_data_releases', ['period'], unique=True,
                    postgresql_where=sa.text("status = 'published'"), sqlite_where=sa.text("status = 'published'"))


def downgrade() -> None:
    op.drop_index('ux_open_data_releases_published_period', table_name='open_data_releases')
    op.drop_table('open_data_releases')
