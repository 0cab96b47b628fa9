"""intake: environment_reminders, what each environment still misses (the desk's environments needing action)"""
import sqlalchemy as sa
from alembic import op

revision, down_revision = 'desk7_0001', 'h16e_0001'


def upgrade() -> None:
    op.create_table('environment_reminders',
    sa.Column('environment_id', sa.String(length=36), nullable=False),
    sa.Column('host_organisation', sa.String(length=63), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('missing', sa.JSON(), nullable=False),
    sa.Column('outstanding', sa.Integer(), nullable=False),
    sa.Column('announced_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('environment_id', name=op.f('pk_environment_reminders'))
    )
    op.create_index('ix_environment_reminders_host', 'environment_reminders', ['host_organisation', 'outstanding'],
                    unique=False)


def downgrade() -> None:
    op.drop_index('ix_environment_reminders_host', table_name='environment_reminders')
    op.drop_table('environment_reminders')
