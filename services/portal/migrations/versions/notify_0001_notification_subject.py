"""notifications name what they are about: the subject's name (an environment, an organisation)"""
import sqlalchemy as sa
from alembic import op

revision, down_revision = 'notify_0001', 'oidc_h0001'


def upgrade() -> None:
    with op.batch_alter_table('notifications') as batch:
        batch.add_column(sa.Column('subject', sa.String(length=200), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('notifications') as batch:
        batch.drop_column('subject')
