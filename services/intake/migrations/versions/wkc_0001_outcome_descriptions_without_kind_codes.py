"""intake: outcomes from an environment lose the kind code their description ended in ("… (part_time)"); the kind
is in work_form, which the pages show in the reader's language"""
import sqlalchemy as sa
from alembic import op

revision, down_revision = 'wkc_0001', 's11p_0001'

CODES = ("part_time", "short", "fixed_term")


def upgrade() -> None:
    outcomes = sa.table("outcomes", sa.column("id", sa.String), sa.column("description", sa.String),
                        sa.column("source", sa.String))
    bind = op.get_bind()
    rows = bind.execute(sa.select(outcomes.c.id, outcomes.c.description).where(
        outcomes.c.source == "environments", outcomes.c.description.isnot(None))).all()
    for row in rows:
        for code in CODES:
            if row.description.endswith(f" ({code})"):
                bind.execute(sa.update(outcomes).where(outcomes.c.id == row.id).values(
                    description=row.description[:-len(code) - 3]))
                break


def downgrade() -> None:
    """The codes are not put back: the description reads the same without them."""
