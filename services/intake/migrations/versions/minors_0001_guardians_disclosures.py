"""minors: guardians, guardian requests and objections, the young person's disclosure decisions, erasure requests"""
import sqlalchemy as sa
from alembic import op

revision, down_revision = 'minors_0001', 'rights_0001'

ID = sa.BigInteger().with_variant(sa.Integer(), 'sqlite')
UUID = sa.String(length=36)


def _client_fk(table: str):
    return sa.ForeignKeyConstraint(['client_id'], ['clients.id'], name=op.f(f'fk_{table}_client_id_clients'),
                                   ondelete='CASCADE')


def _index(table: str, column: str, unique: bool = False) -> None:
    with op.batch_alter_table(table, schema=None) as batch_op:
        batch_op.create_index(batch_op.f(f'ix_{table}_{column}'), [column], unique=unique)


def upgrade() -> None:
    op.create_table('guardians',
    sa.Column('id', UUID, nullable=False),
    sa.Column('client_id', UUID, nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('email', sa.String(length=254), nullable=True),
    sa.Column('phone', sa.String(length=40), nullable=True),
    sa.Column('relation', sa.String(length=20), nullable=False),
    sa.Column('informed_on', sa.Date(), nullable=True),
    sa.Column('created_by', UUID, nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    _client_fk('guardians'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_guardians'))
    )
    _index('guardians', 'client_id')
    op.create_table('guardian_requests',
    sa.Column('id', UUID, nullable=False),
    sa.Column('client_id', UUID, nullable=False),
    sa.Column('guardian_id', UUID, nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('received_on', sa.Date(), nullable=False),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('recorded_by', UUID, nullable=True),
    sa.Column('decided_by', UUID, nullable=True),
    sa.Column('decided_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    _client_fk('guardian_requests'),
    sa.ForeignKeyConstraint(['guardian_id'], ['guardians.id'], name=op.f('fk_guardian_requests_guardian_id_guardians'),
                            ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_guardian_requests'))
    )
    _index('guardian_requests', 'client_id')
    _index('guardian_requests', 'guardian_id')
    op.create_table('guardian_objections',
    sa.Column('id', ID, autoincrement=True, nullable=False),
    sa.Column('client_id', UUID, nullable=False),
    sa.Column('objects', sa.Boolean(), nullable=False),
    sa.Column('decided_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('recorded_by', UUID, nullable=True),
    sa.Column('method', sa.String(length=20), nullable=False),
    _client_fk('guardian_objections'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_guardian_objections'))
    )
    _index('guardian_objections', 'client_id')
    op.create_table('disclosure_requests',
    sa.Column('id', UUID, nullable=False),
    sa.Column('client_id', UUID, nullable=False),
    sa.Column('suggestion_id', UUID, nullable=False),
    sa.Column('need_id', UUID, nullable=False),
    sa.Column('partner_id', UUID, nullable=False),
    sa.Column('partner_name', sa.String(length=200), nullable=True),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('basis', sa.String(length=200), nullable=True),
    sa.Column('asked_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('decided_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('disclosed_at', sa.DateTime(timezone=True), nullable=True),
    _client_fk('disclosure_requests'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_disclosure_requests')),
    sa.UniqueConstraint('suggestion_id', name=op.f('uq_disclosure_requests_suggestion_id'))
    )
    _index('disclosure_requests', 'client_id')
    op.create_table('partner_names',
    sa.Column('partner_id', UUID, nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('received_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('partner_id', name=op.f('pk_partner_names'))
    )
    op.create_table('erasure_requests',
    sa.Column('id', ID, autoincrement=True, nullable=False),
    sa.Column('client_id', UUID, nullable=False),
    sa.Column('requested_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('requested_by', UUID, nullable=True),
    _client_fk('erasure_requests'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_erasure_requests'))
    )
    _index('erasure_requests', 'client_id')


def downgrade() -> None:
    for table in ('erasure_requests', 'partner_names', 'disclosure_requests', 'guardian_objections',
                  'guardian_requests', 'guardians'):
        op.drop_table(table)
