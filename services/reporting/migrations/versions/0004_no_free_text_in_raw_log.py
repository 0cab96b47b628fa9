"""no free text in the raw log: referral notes and decision reasons that events used to carry

`intake.referral.sent` carried the referral's note and `matching.suggestion.accepted` / `declined` the
manager's reason: free text about a person that stays with the service that owns it. Events logged before
are rewritten as they travel now: `has_note` / `has_reason` instead of the text.
"""
import json

import sqlalchemy as sa
from alembic import op

revision, down_revision = '0004', '0003'

FREE_TEXT = {"intake.referral.sent": ("note", "has_note"),
             "matching.suggestion.accepted": ("reason", "has_reason"),
             "matching.suggestion.declined": ("reason", "has_reason")}
raw_events = sa.table("raw_events", sa.column("seq", sa.BigInteger), sa.column("type", sa.String),
                      sa.column("payload", sa.JSON))


def upgrade() -> None:
    bind = op.get_bind()
    rows = bind.execute(sa.select(raw_events.c.seq, raw_events.c.type, raw_events.c.payload)
                        .where(raw_events.c.type.in_(list(FREE_TEXT)))).all()
    for seq, type_, payload in rows:
        payload = json.loads(payload) if isinstance(payload, str) else dict(payload)
        text, flag = FREE_TEXT[type_]
        if text not in payload:
            continue
        payload[flag] = bool((payload.pop(text) or "").strip())
        bind.execute(sa.update(raw_events).where(raw_events.c.seq == seq).values(payload=payload))


def downgrade() -> None:
    pass  # the text is gone for good
