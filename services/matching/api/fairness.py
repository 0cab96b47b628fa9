"""Fairness monitoring: suggestion and acceptance rates by service area, small cells suppressed."""
from __future__ import annotations

from flask_smorest import Blueprint

from services.matching.api.schemas import FairnessArgs, FairnessOut
from services.matching.context import runtime
from services.matching.handlers import fairness
from shared.auth import allow

blp = Blueprint("fairness_api", __name__, url_prefix="/api/v1",
                description="Suggestion and acceptance rates by group, with four-fifths warnings (read-only).")


@blp.get("/fairness")
@allow("coordinator", "manager")
@blp.arguments(FairnessArgs, location="query")
@blp.response(200, FairnessOut)
def fairness_rates(args):
    """The month's rates by service area (default: this month) and the stored monthly reports.

    Rates by gender are reporting's: matching never sees gender.
    """
    with runtime().db.session() as session:
        return fairness.overview(session, args["period"])
