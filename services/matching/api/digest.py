"""A manager's opt-in to the daily e-mail digest of new suggestions."""
from __future__ import annotations

from flask.views import MethodView
from flask_smorest import Blueprint

from services.matching.api.schemas import DigestIn, DigestOut
from services.matching.context import lang, runtime
from services.matching.handlers import digest
from shared.auth import allow, current_principal

blp = Blueprint("digest_api", __name__, url_prefix="/api/v1", description="The daily e-mail digest of new suggestions.")


@blp.route("/digest")
class Digest(MethodView):
    @allow("manager")
    @blp.response(200, DigestOut)
    def get(self):
        """Whether you receive the digest, and where."""
        with runtime().db.session() as session:
            return digest.subscription(session, current_principal())

    @allow("manager")
    @blp.arguments(DigestIn)
    @blp.response(200, DigestOut)
    def put(self, data):
        """Receive the daily digest of your organisation's new suggestions at this address."""
        with runtime().work() as work:
            return digest.subscribe(work, current_principal(), data["email"], data["locale"] or lang())

    @allow("manager")
    @blp.response(200, DigestOut)
    def delete(self):
        """Stop the digest."""
        with runtime().work() as work:
            return digest.unsubscribe(work, current_principal())
