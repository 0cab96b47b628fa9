"""matching: ix_suggestions_org_made, an organisation's suggestions by when they were made (a page of the suggestions
list read backwards from the index, not joined and sorted from every suggestion of the organisation)"""
from alembic import op

revision, down_revision = 's11l_m0001', 'h16_m0001'


def upgrade() -> None:
    op.create_index('ix_suggestions_org_made', 'suggestions', ['organisation', 'made_at'], unique=False)


def downgrade() -> None:
    op.drop_index('ix_suggestions_org_made', table_name='suggestions')
