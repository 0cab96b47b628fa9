"""Outcomes: part-time, short and fixed-term jobs, hidden jobs, theses, traineeships, projects and orders."""
from __future__ import annotations

from flask.views import MethodView
from flask_smorest import Blueprint

from services.environments.api import schemas as s
from services.environments.context import runtime
from services.environments.handlers import access as acl
from services.environments.handlers import outcomes as commands
from services.environments.handlers import queries
from shared.auth import allow, current_principal

blp = Blueprint("outcomes", __name__, url_prefix="/api/v1/environments/<uuid:environment_id>/outcomes",
                description="Jobs and cooperation opportunities that followed from an environment.")


@blp.route("")
class Outcomes(MethodView):
    @allow("manager", "partner", "coordinator")
    @blp.response(200, s.OutcomeOut(many=True))
    def get(self, environment_id):
        """The outcomes of an environment."""
        with runtime().db.session() as session:
            row, access = acl.load_environment(session, current_principal(), environment_id)
            return queries.outcomes_for(session, row, access)

    @allow("manager", "partner")
    @blp.arguments(s.OutcomeIn)
    @blp.response(201, s.OutcomeOut)
    def post(self, data, environment_id):
        """Record an outcome (host's managers for any partner; a partner for itself)."""
        principal = current_principal()
        with runtime().work() as work:
            row, access = acl.load_environment(work.session, principal, environment_id)
            outcome_id = commands.record_outcome(work, principal, row, access, data)
        with runtime().db.session() as session:
            row, access = acl.load_environment(session, principal, environment_id)
            return next(o for o in queries.outcomes_for(session, row, access) if o["id"] == outcome_id)
