"""The gender-neutral review of an environment: the checklist, with who reviewed each item and when."""
from __future__ import annotations

from flask.views import MethodView
from flask_smorest import Blueprint

from services.environments.api import schemas as s
from services.environments.context import read_on, work_on
from services.environments.handlers import environments as commands
from services.environments.handlers import views
from shared.auth import allow

blp = Blueprint("review", __name__, url_prefix="/api/v1/environments/<uuid:environment_id>/review",
                description="The gender-neutral review that must be complete before an environment opens.")


def review_of(environment_id) -> dict:
    return read_on(environment_id, lambda session, _principal, row, _access:
                   views.describe_review(views.parts(session, row)))


@blp.route("")
class Review(MethodView):
    @allow("manager", "partner", "coordinator")
    @blp.response(200, s.ReviewOut)
    def get(self, environment_id):
        """Show the checklist and what is still missing."""
        return review_of(environment_id)

    @allow("manager")
    @blp.arguments(s.ReviewIn)
    @blp.response(200, s.ReviewOut)
    def put(self, data, environment_id):
        """Record checklist items as reviewed by you now (host organisation)."""
        work_on(environment_id, lambda work, principal, row, access:
                commands.save_review(work, principal, row, access, data["items"]))
        return review_of(environment_id)
