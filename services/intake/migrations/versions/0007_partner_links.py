"""partner links: the append-only record of who linked a partner to which login organisation, and when

Linking a partner record to a login organisation decides whose users act for the partner, so only an
administrator changes it, and the database refuses to edit or remove the record of such changes.
"""
import sqlalchemy as sa
from alembic import op

from shared.migrations import drop_append_only, make_append_only

revision, down_revision = '0007', '0006'


def upgrade() -> None:
    op.create_table('partner_links',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), autoincrement=True, nullable=False),
    sa.Column('partner_id', sa.String(length=36), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('actor', sa.String(length=36), nullable=True),
    sa.Column('actor_username', sa.String(length=100), nullable=True),
    sa.Column('actor_organisation', sa.String(length=63), nullable=True),
    sa.Column('old_organisation', sa.String(length=63), nullable=True),
    sa.Column('new_organisation', sa.String(length=63), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_partner_links'))
    )
    with op.batch_alter_table('partner_links', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_partner_links_partner_id'), ['partner_id'], unique=False)
    make_append_only("partner_links")


def downgrade() -> None:
    drop_append_only("partner_links")
    with op.batch_alter_table('partner_links', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_partner_links_partner_id'))
    op.drop_table('partner_links')
