"""when an introduced candidate's contact details went to the partner (the way to the introduction's conversation)"""
import sqlalchemy as sa
from alembic import op

revision, down_revision = 'h16_m0001', 'dialogue_m0001'


def upgrade() -> None:
    with op.batch_alter_table('suggestions') as batch:
        batch.add_column(sa.Column('contact_disclosed_at', sa.DateTime(timezone=True), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('suggestions') as batch:
        batch.drop_column('contact_disclosed_at')
