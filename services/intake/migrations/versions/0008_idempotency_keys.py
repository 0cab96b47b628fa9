# Idempotency keys: safe retries of the API's POSTs. Every service with a JSON API makes the same table, defined
# once in shared/web/idempotency.py (as the bus tables are in shared/bus/migrations).
from shared.web.idempotency import create_table, drop_table

revision, down_revision = 'idem_0001', '0007'


def upgrade() -> None:
    create_table()


def downgrade() -> None:
    drop_table()
