"""A client's participations in project learning environments, as the environments service told them."""
from __future__ import annotations

from sqlalchemy import select

from services.intake.db import environment_participations


def participations_of(session, client_id: str) -> list:
    """The client's participations, the latest change first."""
    table = environment_participations
    return session.execute(select(table).where(table.c.client_id == client_id)
                           .order_by(table.c.updated_at.desc())).all()
