"""imports from spreadsheets: staged batches and where each imported record came from; catalogue entries the
coordinator hid
"""
import sqlalchemy as sa
from alembic import op

revision, down_revision = 'people_i0001', 'figures_i0001'

UUID = sa.String(length=36)
ORG = sa.String(length=63)
ID = sa.BigInteger().with_variant(sa.Integer(), 'sqlite')


def upgrade() -> None:
    with op.batch_alter_table('services', schema=None) as batch_op:
        batch_op.add_column(sa.Column('hidden_at', sa.DateTime(timezone=True), nullable=True))
    op.create_table(
        'import_batches',
        sa.Column('id', UUID, nullable=False),
        sa.Column('organisation', ORG, nullable=False),
        sa.Column('kind', sa.String(length=20), nullable=False),
        sa.Column('filename', sa.String(length=200), nullable=False),
        sa.Column('rows', sa.JSON(), nullable=True),
        sa.Column('created_by', UUID, nullable=True),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('expires_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('imported_at', sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_import_batches')))
    op.create_index(op.f('ix_import_batches_organisation'), 'import_batches', ['organisation'])
    op.create_table(
        'import_sources',
        sa.Column('id', ID, autoincrement=True, nullable=False),
        sa.Column('batch_id', UUID, nullable=False),
        sa.Column('kind', sa.String(length=20), nullable=False),
        sa.Column('object_id', UUID, nullable=False),
        sa.Column('client_id', UUID, nullable=True),
        sa.Column('filename', sa.String(length=200), nullable=False),
        sa.Column('row_number', sa.Integer(), nullable=False),
        sa.Column('imported_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['client_id'], ['clients.id'], name=op.f('fk_import_sources_client_id_clients'),
                                ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_import_sources')))
    op.create_index(op.f('ix_import_sources_batch_id'), 'import_sources', ['batch_id'])
    op.create_index(op.f('ix_import_sources_object_id'), 'import_sources', ['object_id'])
    op.create_index(op.f('ix_import_sources_client_id'), 'import_sources', ['client_id'])


def downgrade() -> None:
    op.drop_table('import_sources')
    op.drop_table('import_batches')
    with op.batch_alter_table('services', schema=None) as batch_op:
        batch_op.drop_column('hidden_at')
