"""Login, logout, password change, the token endpoint and the front page."""
from __future__ import annotations

import structlog
from flask import Blueprint, Flask, current_app, g, jsonify, redirect, render_template, request, session, url_for
from flask_babel import gettext as _

from shared.auth.policy import allow, public
from shared.auth.principal import current_principal
from shared.auth.revocation import StoreCheck
from shared.auth.tokens import InvalidToken
from shared.auth.web import TOKEN_COOKIE, csrf_exempt
from shared.identity.store import IdentityError, IdentityStore, LoginLimits, TooManyAttempts, User, access_token
from shared.portal.forms import ActivationForm, ConfirmForm, LoginForm, PasswordForm
from shared.web.errors import ApiError

log = structlog.get_logger("kampus.portal")


def store() -> IdentityStore:
    return current_app.extensions["kampus_identity"]


def _settings():
    return current_app.extensions["kampus"].config.token_settings


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


def _address() -> str:
    return request.remote_addr or "unknown"


def _sign_in(response, user: User):
    """Put a fresh token of the user in the network's cookie."""
    settings = _settings()
    response.set_cookie(TOKEN_COOKIE, access_token(settings, user), max_age=settings.lifetime, httponly=True,
                        secure=current_app.config["SESSION_COOKIE_SECURE"], samesite="Lax", path="/")
    return response


def web_blueprint() -> Blueprint:
    bp = Blueprint("portal", __name__)

    @bp.get("/")
    @allow()
    def front():
        """The front page: what this role may do in the network."""
        from shared.web.navigation import sections_for

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
            user = store().authenticate(form.username.data, form.password.data, _address())
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
        if principal.is_authenticated:
            store().revoke_tokens(principal.user_id)
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
                user = store().change_password(current_principal().username, form.current.data, form.new.data)
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
        user = store().get(form.username.data)
        if user is None:
            return _users_page(error=_("There is no such user.")), 404
        if user.id == current_principal().user_id:
            return _users_page(error=_("You cannot deactivate your own account.")), 409
        active = form.active.data == "1"
        store().set_active(user.username, active)
        log.info("user_activated" if active else "user_deactivated", user_id=user.id,
                 by=current_principal().user_id)
        return redirect(url_for("portal.admin_users"), code=303)

    return bp


def _users_page(error: str | None = None):
    identity = store()
    return render_template("portal/admin_users.html", organisations=identity.list_organisations(),
                           users=identity.list_users(), error=error)


def api_blueprint() -> Blueprint:
    bp = Blueprint("auth_api", __name__)

    @bp.post("/auth/token")
    @public
    @csrf_exempt
    def token():
        """Username and password for an access token (JSON only, so forms cannot forge it)."""
        if not request.is_json:
            raise ApiError(415, "Send JSON: {\"username\": ..., \"password\": ...}")
        body = request.get_json(silent=True)
        if not isinstance(body, dict):
            raise ApiError(400, "The body is not a JSON object")
        fields = {f: ["Missing data for required field."] for f in ("username", "password")
                  if not isinstance(body.get(f), str) or not body.get(f)}
        if fields:
            raise ApiError(422, "Invalid input", fields)
        try:
            user = store().authenticate(body["username"], body["password"], _address())
        except TooManyAttempts:
            log.warning("token_rate_limited")
            raise ApiError(429, "Too many failed attempts; try again later") from None
        if user is None:
            log.info("token_refused")
            raise ApiError(401, "The username or password is not right")
        settings = _settings()
        return jsonify(access_token=access_token(settings, user), token_type="Bearer",
                       expires_in=settings.lifetime)

    @bp.post("/auth/introspect")
    @public
    @csrf_exempt
    def introspect():
        """Whether a token still holds (RFC 7662): the services ask before they believe a token.

        Open, because it only tells the caller about a token the caller already holds, and tokens
        cannot be guessed; the answer names nothing but the token's subject and expiry.
        """
        token = request.form.get("token", "")
        if not token:
            raise ApiError(422, "Invalid input", {"token": ["Missing data for required field."]})
        try:
            claims = current_app.extensions["kampus_verifier"].decode(token)
        except InvalidToken:
            return jsonify(active=False)
        if not StoreCheck(store()).holds(token, claims):
            return jsonify(active=False)
        return jsonify(active=True, sub=claims["sub"], exp=claims["exp"])

    return bp


def setup(app: Flask, runtime) -> None:
    """Attach the identity store, which also tells whether a token holds; refuse demo users in production."""
    config = runtime.config
    identity = IdentityStore(runtime.db, pepper=config.secret_key, limits=LoginLimits(
        per_account=config.login_failures_per_account, per_address=config.login_failures_per_address))
    app.extensions["kampus_identity"] = identity
    if not config.oidc_jwks_url:
        app.extensions["kampus_token_check"] = StoreCheck(identity)
    if config.production and identity.has_demo_users():
        raise RuntimeError("Refusing to start in production: the identity store holds demo users")
