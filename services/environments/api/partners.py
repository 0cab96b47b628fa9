"""Partners and their competence needs as intake told of them: what a manager may pick for an environment."""
from __future__ import annotations

from flask.views import MethodView
from flask_smorest import Blueprint

from services.environments.api import schemas as s
from services.environments.context import runtime
from services.environments.handlers import queries
from shared.auth import allow

blp = Blueprint("partner_models", __name__, url_prefix="/api/v1/partners",
                description="Partners and competence needs (read models of intake's events).")


@blp.route("")
class Partners(MethodView):
    @allow("manager")
    @blp.response(200, s.PartnerOut(many=True))
    def get(self):
        """The partners you may pick for an environment, with their open competence needs."""
        with runtime().db.session() as session:
            return queries.partner_choices(session)
