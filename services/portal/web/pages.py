"""The front page, login, logout, one's own password and the administrator's users page."""
from __future__ import annotations

import structlog
from flask import Blueprint, current_app, g, redirect, render_template, request, session, url_for
from flask_babel import gettext as _

from services.portal.context import address, audit_log, store, token_settings
from services.portal.domain.identity import IdentityError, TooManyAttempts, User
from services.portal.handlers import accounts
from services.portal.handlers.identity import access_token
from services.portal.web.forms import ActivationForm, ConfirmForm, LoginForm, PasswordForm
from shared.auth.policy import allow, public
from shared.auth.principal import current_principal
from shared.auth.web import TOKEN_COOKIE
from shared.errors import DomainError
from shared.web.navigation import sections_for

log = structlog.get_logger("kampus.portal")


def _safe_next(value: str | None) -> str:
    """A relative path on this site, or an address under one of the network's own services: never an
    open redirect."""
    if not value or "\\" in value or any(ord(c) < 32 for c in value):
        return url_for("portal.front")
    if value.startswith("/") and not value.startswith("//"):
        return value
    links = [*current_app.config["KAMPUS_LINKS"].values(), *(current_app.config.get("KAMPUS_INTAKES") or {}).values()]
    if any(link.startswith(("http://", "https://")) and value.startswith(link) for link in links):
        return value
    return url_for("portal.front")


def _sign_in(response, user: User):
    """Put a fresh token of the user in the network's cookie."""
    settings = token_settings()
    response.set_cookie(TOKEN_COOKIE, access_token(settings, user), max_age=settings.lifetime, httponly=True,
                        secure=current_app.config["SESSION_COOKIE_SECURE"], samesite="Lax", path="/")
    return response


def web_blueprint() -> Blueprint:
    bp = Blueprint("portal", __name__)

    @bp.get("/")
    @allow()
    def front():
        """The front page: what this role may do in the network."""
        principal = current_principal()
        organisation = store().organisation(principal.organisation or "") or {}
        return render_template("portal/front.html", principal=principal,
                               organisation_name=organisation.get("name", principal.organisation),
                               sections=sections_for(principal))

    @bp.route("/login", methods=["GET", "POST"])
    @public
    def login():
        """The built-in login page."""
        form = LoginForm()
        if request.method == "GET":
            form.next.data = request.args.get("next", "")
            return render_template("portal/login.html", form=form, error=None)
        if not form.validate_on_submit():
            return render_template("portal/login.html", form=form, error=None), 422
        try:
            user = accounts.log_in(store(), form.username.data, form.password.data, address())
        except TooManyAttempts:
            log.warning("login_rate_limited")
            return render_template("portal/login.html", form=form,
                                   error=_("Too many failed attempts. Try again in 15 minutes.")), 429
        if user is None:
            log.info("login_failed")
            return render_template("portal/login.html", form=form,
                                   error=_("The username or password is not right.")), 401
        log.info("login_succeeded", user_id=user.id)
        session.clear()  # a new session, so a CSRF token known before the login is worthless
        return _sign_in(redirect(_safe_next(form.next.data)), user)

    @bp.route("/logout", methods=["GET", "POST"])
    @public
    def logout():
        """Ask, then sign out of the whole network: every token of the user stops working, on every device."""
        form = ConfirmForm()
        if request.method == "GET":
            return render_template("portal/logout.html", form=form)
        principal = current_principal()
        accounts.log_out(store(), principal)
        session.clear()
        response = redirect(url_for("portal.login"))
        response.delete_cookie(TOKEN_COOKIE, path="/")
        log.info("logout", user_id=principal.user_id)
        return response

    @bp.route("/account/password", methods=["GET", "POST"])
    @allow()
    def password():
        """Change one's own password."""
        form = PasswordForm()
        if request.method == "POST" and form.validate_on_submit():
            try:
                user = accounts.change_password(store(), current_principal(), form.current.data, form.new.data)
            except IdentityError as exc:
                getattr(form, exc.field if exc.field in ("current", "new") else "new").errors.append(_(str(exc)))
                return render_template("portal/password.html", form=form, done=False), 422
            log.info("password_changed", user_id=current_principal().user_id)
            # Every earlier token is withdrawn, other devices' too; this browser goes on with a new one.
            page = render_template("portal/password.html", form=PasswordForm(formdata=None), done=True)
            response = current_app.make_response(page)
            return _sign_in(response, user) if g.auth_via == "cookie" else response
        status = 422 if request.method == "POST" else 200
        return render_template("portal/password.html", form=form, done=False), status

    @bp.get("/admin/users")
    @allow("admin")
    def admin_users():
        """Organisations and users with their roles (accounts are created with `kampus users create`)."""
        return _users_page()

    @bp.post("/admin/users/active")
    @allow("admin")
    def admin_user_active():
        """Deactivate a user (no login, every token withdrawn at once) or activate them again."""
        form = ActivationForm()
        if not form.validate_on_submit():
            return _users_page(error=_("Choose a user and whether to activate or deactivate them.")), 422
        active = form.active.data == "1"
        try:
            user = accounts.set_active(store(), current_principal(), form.username.data, active)
        except DomainError as exc:
            return _users_page(error=_(exc.message)), exc.status
        log.info("user_activated" if active else "user_deactivated", user_id=user.id,
                 by=current_principal().user_id)
        audit_log("update", "administration", objects=[user.id])
        return redirect(url_for("portal.admin_users"), code=303)

    return bp


def _users_page(error: str | None = None):
    identity = store()
    users = identity.list_users()
    audit_log("read", "administration", objects=[u.id for u in users])
    return render_template("portal/admin_users.html", organisations=identity.list_organisations(),
                           users=users, error=error)


bp = web_blueprint()
