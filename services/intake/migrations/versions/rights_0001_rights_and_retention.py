"""rights and retention: rights requests, restrictions and objections, erasure decisions, archived clients,
and audit-log entries deletable past their retention period

The audit log stays append-only for everyone but the retention job: a DELETE passes only for entries
older than a cutoff the job writes into audit_log_purges in the same transaction (and removes again).
"""
import sqlalchemy as sa
from alembic import op

revision, down_revision = 'rights_0001', 'idem_0001'

UUID = sa.String(length=36)
ORG = sa.String(length=63)
ID = sa.BigInteger().with_variant(sa.Integer(), 'sqlite')


def upgrade() -> None:
    with op.batch_alter_table('clients', schema=None) as batch_op:
        batch_op.add_column(sa.Column('archived_at', sa.DateTime(timezone=True), nullable=True))
    op.create_table(
        'rights_requests',
        sa.Column('id', UUID, nullable=False),
        sa.Column('organisation', ORG, nullable=False),
        sa.Column('client_id', UUID, nullable=False),
        sa.Column('kind', sa.String(length=20), nullable=False),
        sa.Column('purpose', sa.String(length=30), nullable=True),
        sa.Column('received_on', sa.Date(), nullable=False),
        sa.Column('due_on', sa.Date(), nullable=False),
        sa.Column('extended_to', sa.Date(), nullable=True),
        sa.Column('extension_reason', sa.String(length=500), nullable=True),
        sa.Column('state', sa.String(length=12), nullable=False),
        sa.Column('decision', sa.String(length=2000), nullable=True),
        sa.Column('decided_on', sa.Date(), nullable=True),
        sa.Column('decided_by', UUID, nullable=True),
        sa.Column('created_by', UUID, nullable=True),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['client_id'], ['clients.id'], name=op.f('fk_rights_requests_client_id_clients'),
                                ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_rights_requests')))
    op.create_index(op.f('ix_rights_requests_organisation'), 'rights_requests', ['organisation'])
    op.create_index(op.f('ix_rights_requests_client_id'), 'rights_requests', ['client_id'])
    op.create_table(
        'processing_restrictions',
        sa.Column('id', ID, autoincrement=True, nullable=False),
        sa.Column('client_id', UUID, nullable=False),
        sa.Column('request_id', UUID, nullable=True),
        sa.Column('kind', sa.String(length=12), nullable=False),
        sa.Column('purpose', sa.String(length=30), nullable=False),
        sa.Column('decision', sa.String(length=12), nullable=False),
        sa.Column('reason', sa.String(length=2000), nullable=False),
        sa.Column('decided_by', UUID, nullable=True),
        sa.Column('started_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('lifted_at', sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(['client_id'], ['clients.id'],
                                name=op.f('fk_processing_restrictions_client_id_clients'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_processing_restrictions')))
    op.create_index(op.f('ix_processing_restrictions_client_id'), 'processing_restrictions', ['client_id'])
    op.create_table(
        'erasure_decisions',
        sa.Column('id', UUID, nullable=False),
        sa.Column('client_id', UUID, nullable=False),
        sa.Column('request_id', UUID, nullable=True),
        sa.Column('controller_kind', sa.String(length=12), nullable=False),
        sa.Column('items', sa.JSON(), nullable=False),
        sa.Column('state', sa.String(length=10), nullable=False),
        sa.Column('made_by', UUID, nullable=True),
        sa.Column('made_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('executed_by', UUID, nullable=True),
        sa.Column('executed_at', sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(['client_id'], ['clients.id'], name=op.f('fk_erasure_decisions_client_id_clients'),
                                ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_erasure_decisions')))
    op.create_index(op.f('ix_erasure_decisions_client_id'), 'erasure_decisions', ['client_id'])
    op.create_table(
        'audit_log_purges',
        sa.Column('cutoff', sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint('cutoff', name=op.f('pk_audit_log_purges')))
    if op.get_bind().dialect.name == "postgresql":
        op.execute("""
            CREATE OR REPLACE FUNCTION kampus_audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
              IF TG_OP = 'DELETE' AND EXISTS (SELECT 1 FROM audit_log_purges p WHERE OLD.at < p.cutoff) THEN
                RETURN OLD;
              END IF;
              RAISE EXCEPTION 'audit_log is append-only';
            END $$""")
    else:
        op.execute("DROP TRIGGER audit_log_no_delete")
        op.execute("""
            CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
            WHEN NOT EXISTS (SELECT 1 FROM audit_log_purges p WHERE old."at" < p.cutoff)
            BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END""")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("""
            CREATE OR REPLACE FUNCTION kampus_audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN RAISE EXCEPTION 'audit_log is append-only'; END $$""")
    else:
        op.execute("DROP TRIGGER audit_log_no_delete")
        op.execute("""
            CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
            BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END""")
    op.drop_table('audit_log_purges')
    op.drop_table('erasure_decisions')
    op.drop_table('processing_restrictions')
    op.drop_table('rights_requests')
    with op.batch_alter_table('clients', schema=None) as batch_op:
        batch_op.drop_column('archived_at')
