"""the young person's erasure requests move into the register of rights requests"""
import calendar
import uuid
from datetime import date, datetime

import sqlalchemy as sa
from alembic import op

revision, down_revision = 'privacy_0001', 'keys_i0001'


def _month_later(day: date) -> date:
    """The same date a month later, or that month's last day (as services/intake/domain/rights.py counts)."""
    year, month = (day.year + 1, 1) if day.month == 12 else (day.year, day.month + 1)
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def upgrade() -> None:
    bind = op.get_bind()
    rows = bind.execute(sa.text(
        "SELECT e.client_id, e.requested_at, e.requested_by, c.organisation FROM erasure_requests e "
        "JOIN clients c ON c.id = e.client_id WHERE c.status <> 'erased' ORDER BY e.requested_at")).all()
    register = sa.table('rights_requests', *(sa.column(name) for name in (
        'id', 'organisation', 'client_id', 'kind', 'received_on', 'due_on', 'state', 'created_by', 'created_at',
        'updated_at')))
    moved = set()
    for client_id, requested_at, requested_by, organisation in rows:
        if client_id in moved:
            continue
        moved.add(client_id)
        at = requested_at if isinstance(requested_at, datetime) else datetime.fromisoformat(str(requested_at))
        # its erasure decision is drafted when a manager first opens or carries out the request
        bind.execute(register.insert().values(
            id=str(uuid.uuid4()), organisation=organisation, client_id=client_id, kind='erasure',
            received_on=at.date(), due_on=_month_later(at.date()), state='open', created_by=requested_by,
            created_at=at, updated_at=at))
    op.drop_table('erasure_requests')


def downgrade() -> None:
    op.create_table('erasure_requests',
                    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), autoincrement=True,
                              nullable=False),
                    sa.Column('client_id', sa.String(length=36), nullable=False),
                    sa.Column('requested_at', sa.DateTime(timezone=True), nullable=False),
                    sa.Column('requested_by', sa.String(length=36), nullable=True),
                    sa.ForeignKeyConstraint(['client_id'], ['clients.id'],
                                            name=op.f('fk_erasure_requests_client_id_clients'), ondelete='CASCADE'),
                    sa.PrimaryKeyConstraint('id', name=op.f('pk_erasure_requests')))
    with op.batch_alter_table('erasure_requests', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_erasure_requests_client_id'), ['client_id'], unique=False)
