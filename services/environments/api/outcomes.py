"""Outcomes: part-time, short and fixed-term jobs, hidden jobs, theses, traineeships, projects and orders."""
from __future__ import annotations

from flask.views import MethodView
from flask_smorest import Blueprint

from services.environments.api import schemas as s
from services.environments.context import read_on, work_on
from services.environments.handlers import outcomes as commands
from services.environments.handlers import queries
from shared.auth import allow

blp = Blueprint("outcomes", __name__, url_prefix="/api/v1/environments/<uuid:environment_id>/outcomes",
                description="Jobs and cooperation opportunities that followed from an environment.")


def _outcomes(session, _principal, row, access) -> list[dict]:
    return queries.outcomes_for(session, row, access)


@blp.route("")
class Outcomes(MethodView):
    @allow("manager", "partner", "coordinator")
    @blp.response(200, s.OutcomeOut(many=True))
    def get(self, environment_id):
        """The outcomes of an environment."""
        return read_on(environment_id, _outcomes)

    @allow("manager", "partner")
    @blp.arguments(s.OutcomeIn)
    @blp.response(201, s.OutcomeOut)
    def post(self, data, environment_id):
        """Record an outcome (host's managers for any partner; a partner for itself)."""
        outcome_id = work_on(environment_id, lambda work, principal, row, access:
                             commands.record_outcome(work, principal, row, access, data), lock=False)
        return next(o for o in read_on(environment_id, _outcomes) if o["id"] == outcome_id)
