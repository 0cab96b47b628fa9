"""The privacy notices: the network's overview and each controller's notice, full and for young people."""
from __future__ import annotations

from flask import Blueprint, current_app, render_template

from services.portal.context import store
from services.portal.domain import notice as notices
from services.portal.domain import processing
from services.portal.handlers import privacy
from shared.auth.policy import public

bp = Blueprint("privacy", __name__)


def _network():
    return privacy.network_of(current_app.extensions["kampus"].config, store())


@bp.get("/privacy")
@public
def overview():
    """Who is controller of what in the network, and each controller's notice."""
    network = _network()
    names = {slug: org.name for slug, org in network.organisations.items()}
    return render_template("portal/privacy.html", controllers=notices.controllers(network), roles=network.roles,
                           names=names, joint=[names[s] for s in network.roles.joint_controllers],
                           catalogue=processing)


@bp.get("/privacy/<organisation>")
@public
def notice(organisation: str):
    """One controller's privacy notice (GDPR art. 13-14 and the essence of art. 26)."""
    return render_template("portal/privacy_notice.html", notice=privacy.notice_of(_network(), organisation),
                           catalogue=processing)


@bp.get("/privacy/<organisation>/young")
@public
def young(organisation: str):
    """The same notice, short and in plain words for young people."""
    return render_template("portal/privacy_young.html", notice=privacy.notice_of(_network(), organisation),
                           catalogue=processing)
