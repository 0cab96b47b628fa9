"""Partners see how many candidates their own needs have, never who they are."""
from __future__ import annotations

from flask_smorest import Blueprint

from services.matching.api.schemas import PartnerNeedOut
from services.matching.context import runtime
from services.matching.handlers import suggestion_list
from shared.auth import allow, current_principal

blp = Blueprint("partner_needs_api", __name__, url_prefix="/api/v1",
                description="Candidate counts of a partner's own competence needs, without identities.")


@blp.get("/partner/needs")
@allow("partner")
@blp.response(200, PartnerNeedOut(many=True))
def partner_needs():
    """Your organisation's needs with the number of candidates suggested and accepted."""
    with runtime().db.session() as session:
        return suggestion_list.partner_needs(session, current_principal())
