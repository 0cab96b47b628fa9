"""token generation of each user; usernames in their one normal form"""
import unicodedata

import sqlalchemy as sa
from alembic import op

revision, down_revision = '0002', '0001'


def _normal(value: str) -> str:
    # services.portal.domain.identity.normalise_username as of this revision (a migration must not change later).
    return unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", value).casefold()).strip()


def upgrade() -> None:
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.add_column(sa.Column('token_generation', sa.Integer(), server_default='1', nullable=False))

    connection = op.get_bind()
    users = sa.table('users', sa.column('id', sa.String), sa.column('username', sa.String))
    rows = connection.execute(sa.select(users.c.id, users.c.username)).all()
    normal = {}
    for _user_id, username in rows:
        normal.setdefault(_normal(username), []).append(username)
    clashes = {k: v for k, v in normal.items() if len(v) > 1}
    if clashes:
        raise RuntimeError("These usernames become one when normalised; rename all but one first: "
                           + "; ".join(", ".join(v) for v in clashes.values()))
    for user_id, username in rows:
        if _normal(username) != username:
            connection.execute(users.update().where(users.c.id == user_id).values(username=_normal(username)))


def downgrade() -> None:
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_column('token_generation')
