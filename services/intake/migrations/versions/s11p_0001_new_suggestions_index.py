"""intake: ix_suggestions_new, the undecided suggestions' clients (with what the desk shows of them) in a partial
index, so that the desk and the navigation's count on every page read it instead of the suggestions' wide rows"""
import sqlalchemy as sa
from alembic import op

revision, down_revision = 's11p_0001', 'h18l_0001'


def upgrade() -> None:
    op.create_index('ix_suggestions_new', 'suggestions', ['client_id'], unique=False,
                    postgresql_include=['received_at', 'score', 'id'],
                    postgresql_where=sa.text("status = 'new'"), sqlite_where=sa.text("status = 'new'"))


def downgrade() -> None:
    op.drop_index('ix_suggestions_new', table_name='suggestions')
