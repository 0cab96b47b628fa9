"""Login, logout, password change, the token endpoint and the front page."""
from __future__ import annotations

import structlog
from flask import Blueprint, Flask, current_app, jsonify, redirect, render_template, request, url_for
from flask_babel import gettext as _

from shared.auth.policy import allow, public
from shared.auth.principal import current_principal
from shared.auth.tokens import issue
from shared.auth.web import TOKEN_COOKIE, csrf_exempt
from shared.identity.store import IdentityError, IdentityStore, TooManyAttempts
from shared.portal.forms import ConfirmForm, LoginForm, PasswordForm
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
        response = redirect(_safe_next(form.next.data))
        settings = _settings()
        response.set_cookie(TOKEN_COOKIE, issue(settings, user.principal()), max_age=settings.lifetime,
                            httponly=True, secure=current_app.config["SESSION_COOKIE_SECURE"], samesite="Lax",
                            path="/")
        return response

    @bp.route("/logout", methods=["GET", "POST"])
    @public
    def logout():
        """Ask, then sign out of the whole network (the token cookie is shared by all services)."""
        form = ConfirmForm()
        if request.method == "GET":
            return render_template("portal/logout.html", form=form)
        response = redirect(url_for("portal.login"))
        response.delete_cookie(TOKEN_COOKIE, path="/")
        log.info("logout", user_id=current_principal().user_id)
        return response

    @bp.route("/account/password", methods=["GET", "POST"])
    @allow()
    def password():
        """Change one's own password."""
        form = PasswordForm()
        if request.method == "POST" and form.validate_on_submit():
            try:
                store().change_password(current_principal().username, form.current.data, form.new.data)
            except IdentityError as exc:
                getattr(form, exc.field if exc.field in ("current", "new") else "new").errors.append(_(str(exc)))
                return render_template("portal/password.html", form=form, done=False), 422
            log.info("password_changed", user_id=current_principal().user_id)
            return render_template("portal/password.html", form=PasswordForm(formdata=None), done=True)
        status = 422 if request.method == "POST" else 200
        return render_template("portal/password.html", form=form, done=False), status

    @bp.get("/admin/users")
    @allow("admin")
    def admin_users():
        """Organisations and users with their roles (accounts are created with `kampus users create`)."""
        identity = store()
        return render_template("portal/admin_users.html", organisations=identity.list_organisations(),
                               users=identity.list_users())

    return bp


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
        return jsonify(access_token=issue(settings, user.principal()), token_type="Bearer",
                       expires_in=settings.lifetime)

    return bp


def setup(app: Flask, runtime) -> None:
    """Attach the identity store; refuse demo users in production."""
    identity = IdentityStore(runtime.db, pepper=runtime.config.secret_key)
    app.extensions["kampus_identity"] = identity
    if runtime.config.production and identity.has_demo_users():
        raise RuntimeError("Refusing to start in production: the identity store holds demo users")
