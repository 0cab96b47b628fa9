"""The client card's section on project learning environments (from the environments service)."""
from __future__ import annotations

from flask import Blueprint

from services.intake.context import runtime
from services.intake.handlers.participations import participations_of

bp = Blueprint("participation_pages", __name__)


def _participations(client) -> list:
    with runtime().db.session() as session:
        return participations_of(session, client.id)


bp.add_app_template_global(_participations, "participations_of_client")
