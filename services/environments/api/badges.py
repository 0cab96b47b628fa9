"""Open Badges: a student asks for the badge of their completed participation."""
from __future__ import annotations

from flask import url_for
from flask.views import MethodView
from flask_smorest import Blueprint

from services.environments.api import schemas as s
from services.environments.context import runtime, work_on_person
from services.environments.handlers import badges as commands
from services.environments.handlers import views
from shared.auth import allow

blp = Blueprint("badge_api", __name__, url_prefix="/api/v1/participants/<uuid:participant_id>/badge",
                description="Open Badges 2.0 assertions of completed participations.")


def badge_url(assertion_id: str) -> str:
    """Where a badge's assertion is published (web/badges.py serves it)."""
    return url_for("badges.assertion", assertion_id=assertion_id, _external=True)


@blp.route("")
class Badge(MethodView):
    @allow("student")
    @blp.arguments(s.BadgeIn)
    @blp.response(201, s.BadgeOut)
    @blp.alt_response(409, description="Not completed yet, or the badge was given already")
    def post(self, data, participant_id):
        """Get an Open Badges 2.0 badge of your completed participation (your identity is stored only hashed)."""
        assertion_id = work_on_person(participant_id, lambda work, principal, person, _row, _access:
                                      commands.issue_badge(work, principal, person, data["identity"],
                                                           data["identity_type"]))
        with runtime().db.session() as session:
            badge = views.badge_of(session, str(participant_id))
        return {"id": assertion_id, "issued_at": badge.issued_at,
                "url": badge_url(assertion_id)}
