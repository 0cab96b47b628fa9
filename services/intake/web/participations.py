"""The client card's section on project learning environments (from the environments service)."""
from __future__ import annotations

from flask import Blueprint, current_app
from sqlalchemy import select

from services.intake.db import environment_participations

bp = Blueprint("participation_pages", __name__)


def _participations(client) -> list:
    table = environment_participations
    with current_app.extensions["kampus"].db.session() as session:
        return session.execute(select(table).where(table.c.client_id == client.id)
                               .order_by(table.c.updated_at.desc())).all()


bp.add_app_template_global(_participations, "participations_of_client")
