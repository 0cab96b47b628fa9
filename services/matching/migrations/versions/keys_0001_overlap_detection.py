"""overlap detection: person keys under a basis, pairs told"""
import sqlalchemy as sa
from alembic import op

revision, down_revision = 'keys_m0001', 'idem_0001'


def upgrade() -> None:
    op.create_table('person_keys',
                    sa.Column('client_id', sa.String(length=36), nullable=False),
                    sa.Column('key_version', sa.Integer(), nullable=False),
                    sa.Column('person_key', sa.String(length=64), nullable=False),
                    sa.Column('organisation', sa.String(length=63), nullable=False),
                    sa.Column('received_at', sa.DateTime(timezone=True), nullable=False),
                    sa.PrimaryKeyConstraint('client_id', 'key_version', name=op.f('pk_person_keys')))
    op.create_index('ix_person_keys_version_key', 'person_keys', ['key_version', 'person_key'], unique=False)
    op.create_table('shared_clients_told',
                    sa.Column('client_id', sa.String(length=36), nullable=False),
                    sa.Column('other_client_id', sa.String(length=36), nullable=False),
                    sa.Column('told_at', sa.DateTime(timezone=True), nullable=False),
                    sa.PrimaryKeyConstraint('client_id', 'other_client_id', name=op.f('pk_shared_clients_told')))


def downgrade() -> None:
    op.drop_table('shared_clients_told')
    op.drop_index('ix_person_keys_version_key', table_name='person_keys')
    op.drop_table('person_keys')
