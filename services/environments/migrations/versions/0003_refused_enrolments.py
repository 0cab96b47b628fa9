"""refused enrolments of accepted suggestions"""
import sqlalchemy as sa
from alembic import op

revision, down_revision = '0003', '0002'


def upgrade() -> None:
    op.create_table('refused_enrolments',
    sa.Column('suggestion_id', sa.String(length=36), nullable=False),
    sa.Column('environment_id', sa.String(length=36), nullable=False),
    sa.Column('role_id', sa.String(length=36), nullable=False),
    sa.Column('client_id', sa.String(length=36), nullable=True),
    sa.Column('client_organisation', sa.String(length=63), nullable=False),
    sa.Column('reason', sa.String(length=200), nullable=False),
    sa.Column('refused_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['environment_id'], ['environments.id'], name=op.f('fk_refused_enrolments_environment_id_environments'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('suggestion_id', name=op.f('pk_refused_enrolments'))
    )
    with op.batch_alter_table('refused_enrolments', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_refused_enrolments_client_id'), ['client_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_refused_enrolments_environment_id'), ['environment_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('refused_enrolments', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_refused_enrolments_environment_id'))
        batch_op.drop_index(batch_op.f('ix_refused_enrolments_client_id'))

    op.drop_table('refused_enrolments')
