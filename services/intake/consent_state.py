"""The consents in force for a client: the newest decision per purpose decides.

Other areas import this before anything personal travels or is used: profile sharing (b),
contact details to a partner (c), statistics (d).
"""
from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from services.intake.db import consents
from shared.events.contracts.intake import PURPOSES


def current_consents(session: Session, client_id: str) -> dict[str, bool]:
    """Every purpose mapped to whether its newest decision is a given consent (no decision: False)."""
    state = {purpose: False for purpose in PURPOSES}
    rows = session.execute(
        select(consents.c.purpose, consents.c.given)
        .where(consents.c.client_id == str(client_id))
        .order_by(consents.c.decided_at, consents.c.id)
    )
    for purpose, given in rows:
        if purpose in state:
            state[purpose] = bool(given)
    return state


def has_consent(session: Session, client_id: str, purpose: str) -> bool:
    """Whether the client's consent for `purpose` is in force now."""
    if purpose not in PURPOSES:
        raise ValueError(f"unknown consent purpose {purpose!r}")
    row = session.execute(
        select(consents.c.given)
        .where(consents.c.client_id == str(client_id), consents.c.purpose == purpose)
        .order_by(consents.c.decided_at.desc(), consents.c.id.desc())
        .limit(1)
    ).first()
    return bool(row and row.given)
