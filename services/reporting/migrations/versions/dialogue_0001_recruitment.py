"""the dialogue: introductions and what partners told after them per suggestion, and needs' titles"""
import sqlalchemy as sa
from alembic import op

revision, down_revision = 'dialogue_r0001', 'opendata_0001'
DAYS = ('introduction_requested_on', 'contacted_on', 'interviewed_on', 'trial_on', 'hired_on', 'not_suitable_on')


def upgrade() -> None:
    with op.batch_alter_table('suggestions', schema=None) as batch_op:
        for column in DAYS:
            batch_op.add_column(sa.Column(column, sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('employment', sa.String(length=12), nullable=True))
    op.create_table('need_titles',
                    sa.Column('need_id', sa.String(length=36), nullable=False),
                    sa.Column('title', sa.String(length=200), nullable=False),
                    sa.Column('hidden_job', sa.Boolean(), nullable=False),
                    sa.PrimaryKeyConstraint('need_id', name=op.f('pk_need_titles')))


def downgrade() -> None:
    op.drop_table('need_titles')
    with op.batch_alter_table('suggestions', schema=None) as batch_op:
        batch_op.drop_column('employment')
        for column in reversed(DAYS):
            batch_op.drop_column(column)
