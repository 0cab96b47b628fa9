"""cooperation opportunities with a partner, recorded without naming a participant"""
import sqlalchemy as sa
from alembic import op

revision, down_revision = 'figures_i0001', 'notify_i0001'


def upgrade() -> None:
    op.create_table(
        'partner_cooperation',
        sa.Column('id', sa.String(length=36), nullable=False),
        sa.Column('partner_id', sa.String(length=36), nullable=False),
        sa.Column('kind', sa.String(length=20), nullable=False),
        sa.Column('started_on', sa.Date(), nullable=False),
        sa.Column('description', sa.Text(), nullable=True),
        sa.Column('recorded_by_organisation', sa.String(length=63), nullable=False),
        sa.Column('recorded_by', sa.String(length=36), nullable=True),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['partner_id'], ['partners.id'], name=op.f('fk_partner_cooperation_partner_id_partners'),
                                ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_partner_cooperation')))
    with op.batch_alter_table('partner_cooperation', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_partner_cooperation_partner_id'), ['partner_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('partner_cooperation', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_partner_cooperation_partner_id'))
    op.drop_table('partner_cooperation')
