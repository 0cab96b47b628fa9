"""matching decisions"""
import sqlalchemy as sa
from alembic import op

revision, down_revision = '0004', '0003'


def upgrade() -> None:
    op.create_table('need_partners',
    sa.Column('need_id', sa.String(length=36), nullable=False),
    sa.Column('partner_id', sa.String(length=36), nullable=False),
    sa.Column('received_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('need_id', name=op.f('pk_need_partners'))
    )
    op.create_table('contact_disclosures',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), autoincrement=True, nullable=False),
    sa.Column('client_id', sa.String(length=36), nullable=False),
    sa.Column('suggestion_id', sa.String(length=36), nullable=False),
    sa.Column('need_id', sa.String(length=36), nullable=False),
    sa.Column('partner_id', sa.String(length=36), nullable=False),
    sa.Column('disclosed_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['client_id'], ['clients.id'], name=op.f('fk_contact_disclosures_client_id_clients'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_contact_disclosures')),
    sa.UniqueConstraint('suggestion_id', name=op.f('uq_contact_disclosures_suggestion_id'))
    )
    with op.batch_alter_table('contact_disclosures', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_contact_disclosures_client_id'), ['client_id'], unique=False)

    op.create_table('need_acceptances',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), autoincrement=True, nullable=False),
    sa.Column('need_id', sa.String(length=36), nullable=False),
    sa.Column('client_id', sa.String(length=36), nullable=False),
    sa.Column('suggestion_id', sa.String(length=36), nullable=False),
    sa.Column('accepted_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['need_id'], ['competence_needs.id'], name=op.f('fk_need_acceptances_need_id_competence_needs'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_need_acceptances')),
    sa.UniqueConstraint('need_id', 'client_id', name=op.f('uq_need_acceptances_need_id')),
    sa.UniqueConstraint('suggestion_id', name=op.f('uq_need_acceptances_suggestion_id'))
    )
    with op.batch_alter_table('need_acceptances', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_need_acceptances_need_id'), ['need_id'], unique=False)

    op.create_table('shared_contacts',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), autoincrement=True, nullable=False),
    sa.Column('need_id', sa.String(length=36), nullable=False),
    sa.Column('client_id', sa.String(length=36), nullable=False),
    sa.Column('name', sa.String(length=201), nullable=False),
    sa.Column('email', sa.String(length=254), nullable=True),
    sa.Column('phone', sa.String(length=40), nullable=True),
    sa.Column('shared_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['need_id'], ['competence_needs.id'], name=op.f('fk_shared_contacts_need_id_competence_needs'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_shared_contacts')),
    sa.UniqueConstraint('need_id', 'client_id', name=op.f('uq_shared_contacts_need_id'))
    )
    with op.batch_alter_table('shared_contacts', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_shared_contacts_client_id'), ['client_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_shared_contacts_need_id'), ['need_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('shared_contacts', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_shared_contacts_need_id'))
        batch_op.drop_index(batch_op.f('ix_shared_contacts_client_id'))

    op.drop_table('shared_contacts')
    with op.batch_alter_table('need_acceptances', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_need_acceptances_need_id'))

    op.drop_table('need_acceptances')
    with op.batch_alter_table('contact_disclosures', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_contact_disclosures_client_id'))

    op.drop_table('contact_disclosures')
    op.drop_table('need_partners')
