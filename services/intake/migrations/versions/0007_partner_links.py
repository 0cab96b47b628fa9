"""partner links: the append-only record of who linked a partner to which login organisation, and when

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-06 10:00:00

Linking a partner record to a login organisation decides whose users act for the partner, so only an
administrator changes it, and the database refuses to edit or remove the record of such changes.
"""
import sqlalchemy as sa
from alembic import op

revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


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
    if op.get_bind().dialect.name == "postgresql":
        op.execute("""
            CREATE FUNCTION kampus_partner_links_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN RAISE EXCEPTION 'partner_links is append-only'; END $$""")
        op.execute("""
            CREATE TRIGGER partner_links_append_only BEFORE UPDATE OR DELETE ON partner_links
            FOR EACH ROW EXECUTE FUNCTION kampus_partner_links_append_only()""")
    else:
        for verb in ("UPDATE", "DELETE"):
            op.execute(f"""
                CREATE TRIGGER partner_links_no_{verb.lower()} BEFORE {verb} ON partner_links
                BEGIN SELECT RAISE(ABORT, 'partner_links is append-only'); END""")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER partner_links_append_only ON partner_links")
        op.execute("DROP FUNCTION kampus_partner_links_append_only()")
    else:
        for verb in ("update", "delete"):
            op.execute(f"DROP TRIGGER partner_links_no_{verb}")
    with op.batch_alter_table('partner_links', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_partner_links_partner_id'))
    op.drop_table('partner_links')
