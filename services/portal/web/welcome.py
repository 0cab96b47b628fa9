"""The invited student's welcome page: the one-time code, then the password they choose; then their own page."""
from __future__ import annotations

import structlog
from flask import Blueprint, redirect, render_template, session

from services.portal.context import address, external_claims, external_logins, invitations
from services.portal.domain.identity import IdentityError, TooManyAttempts
from services.portal.web.forms import WelcomeForm
from services.portal.web.pages import finish_login
from shared.auth.policy import public
from shared.auth.principal import current_principal
from shared.web.navigation import link

log = structlog.get_logger("kampus.portal")
bp = Blueprint("welcome", __name__)


def _page(form: WelcomeForm, username: str | None, status: int, error: str | None = None):
    if username:  # the code was right: the password is what the page asks for now
        form.new.flags.required = form.repeat.flags.required = True
    return render_template("portal/welcome.html", form=form, username=username, error=error,
                           linking=external_claims() is not None), status


def _link(form: WelcomeForm, claims: dict):
    """Link the signed-in external identity to the invited login with the code; then the student's own page."""
    from flask_babel import gettext as _

    try:
        user = external_logins().link_with_code(invitations(), form.code.data, claims, current_principal(), address())
    except TooManyAttempts:
        log.warning("invitation_rate_limited")
        return _page(form, None, 429, _("Too many failed attempts. Try again in 15 minutes."))
    except IdentityError as exc:
        form.code.errors = [*form.code.errors, _(str(exc))]
        return _page(form, None, 422)
    log.info("invitation_linked_external_login", user_id=user.id)
    return redirect(link("intake", "me"), code=303)


@bp.route("/welcome", methods=["GET", "POST"])
@public
def welcome():
    """Take an invitation into use: the code first (the page then names the username), then a password."""
    from flask_babel import gettext as _

    form = WelcomeForm()
    if not form.is_submitted():
        return _page(form, None, 200)
    claims = external_claims()
    if claims is not None:  # signed in at the organisation's issuer: the code links that login, no password
        if not form.validate_on_submit():
            return _page(form, None, 422)
        return _link(form, claims)
    if not form.validate_on_submit():
        username = None
        if set(form.errors) <= {"new", "repeat"}:  # the code was right: stay at the password
            try:
                username = invitations().holder(form.code.data, address())
            except (IdentityError, TooManyAttempts):
                username = None
        return _page(form, username, 422)
    username = None
    try:
        username = invitations().holder(form.code.data, address())
        if not form.new.data:
            return _page(form, username, 200)
        user = invitations().accept(form.code.data, form.new.data, address())
    except TooManyAttempts:
        log.warning("invitation_rate_limited")
        return _page(form, None, 429, _("Too many failed attempts. Try again in 15 minutes."))
    except IdentityError as exc:
        target = form.new if exc.field == "password" else form.code
        target.errors = [*target.errors, _(str(exc))]
        return _page(form, username if exc.field == "password" else None, 422)
    session.clear()
    log.info("invitation_accepted", user_id=user.id)
    # A student goes to their own page; an account an administrator made, to its role's landing page, after
    # setting up a one-time password where the role requires one.
    return finish_login(user, link("intake", "me") if user.client_id else "", status=303)
