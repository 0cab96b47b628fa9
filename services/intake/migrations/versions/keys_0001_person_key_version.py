"""person key version of each client; other organisations' person keys no longer kept"""
import sqlalchemy as sa
from alembic import op

revision, down_revision = 'keys_i0001', 'minors_0001'


def upgrade() -> None:
    with op.batch_alter_table('clients', schema=None) as batch_op:
        batch_op.add_column(sa.Column('person_key_version', sa.Integer(), server_default='1', nullable=False))
    op.drop_table('network_person_keys')


def downgrade() -> None:
    op.create_table('network_person_keys',
                    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
                    sa.Column('person_key', sa.String(length=64), nullable=False),
                    sa.Column('organisation', sa.String(length=63), nullable=False),
                    sa.Column('client_id', sa.String(length=36), nullable=False),
                    sa.Column('received_at', sa.DateTime(timezone=True), nullable=False),
                    sa.PrimaryKeyConstraint('id', name=op.f('pk_network_person_keys')),
                    sa.UniqueConstraint('organisation', 'client_id',
                                        name=op.f('uq_network_person_keys_organisation')))
    op.create_index(op.f('ix_network_person_keys_person_key'), 'network_person_keys', ['person_key'], unique=False)
    with op.batch_alter_table('clients', schema=None) as batch_op:
        batch_op.drop_column('person_key_version')
