"""signing keys of the built-in issuer"""
import sqlalchemy as sa
from alembic import op

revision, down_revision = 'keys_0001', '0002'


def upgrade() -> None:
    op.create_table('signing_keys',
                    sa.Column('kid', sa.String(length=64), nullable=False),
                    sa.Column('private_pem', sa.Text(), nullable=False),
                    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
                    sa.Column('retired_at', sa.DateTime(timezone=True), nullable=True),
                    sa.PrimaryKeyConstraint('kid', name=op.f('pk_signing_keys')))


def downgrade() -> None:
    op.drop_table('signing_keys')
