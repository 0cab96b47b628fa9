"""The front page, login, logout, one's own password and the administrator's users page."""
from __future__ import annotations

import time
from collections.abc import Callable
from datetime import UTC, datetime

import segno
import structlog
from flask import Blueprint, current_app, flash, g, redirect, render_template, request, session, url_for
from flask_babel import gettext as _

from services.portal.context import (
    address,
    audit_log,
    invitations,
    mfa_required_roles,
    store,
    token_settings,
    totp_store,
)
from services.portal.domain import processing
from services.portal.domain.identity import IdentityError, TooManyAttempts, User
from services.portal.domain.invitation import SHOWN
from services.portal.handlers import accounts
from services.portal.handlers.identity import access_token
from services.portal.handlers.totp import SECRET, TotpStore
from services.portal.web.forms import (
    ActivationForm,
    CodeForm,
    ConfirmForm,
    EnrolForm,
    LoginForm,
    PasswordForm,
    UserForm,
)
from shared.auth.policy import allow, public
from shared.auth.principal import current_principal
from shared.auth.web import TOKEN_COOKIE
from shared.errors import DomainError
from shared.web.forms import form_status
from shared.web.navigation import link, sections_for

log = structlog.get_logger("kampus.portal")


def landing(user: User | None) -> str:
    """Where a login without a next address lands: a service manager on their desk, anyone else on the front page."""
    if user is not None and "manager" in user.roles:
        return link("intake", "desk")
    return url_for("portal.front")


def _safe_next(value: str | None, user: User | None = None) -> str:
    """A relative path on this site, or an address under one of the network's own services: never an
    open redirect. None given: the user's landing page."""
    if not value:
        return landing(user)
    if "\\" in value or any(ord(c) < 32 for c in value):
        return url_for("portal.front")
    if value.startswith("/") and not value.startswith("//"):
        return value
    links = [*current_app.config["KAMPUS_LINKS"].values(), *(current_app.config.get("KAMPUS_INTAKES") or {}).values()]
    if any(link.startswith(("http://", "https://")) and value.startswith(link) for link in links):
        return value
    return url_for("portal.front")


def _sign_in(response, user: User, amr: tuple[str, ...] = accounts.PASSWORD_ONLY):
    """Put a fresh token of the user in the network's cookie."""
    settings = token_settings()
    response.set_cookie(TOKEN_COOKIE, access_token(settings, user, amr=amr), max_age=settings.lifetime,
                        httponly=True, secure=current_app.config["SESSION_COOKIE_SECURE"], samesite="Lax", path="/")
    return response


PENDING = "_pending_login"  # a login whose password was right, waiting for its one-time code
PENDING_SECONDS = 300


def finish_login(user: User, next_url: str, status: int = 302):
    """A user whose password was just proven (or set): on to their one-time code, or to setting one up where
    their role requires it; else signed in and on to `next_url` (their landing page when empty)."""
    step = accounts.second_step(totp_store(), user, mfa_required_roles())
    if step is not None:
        session[PENDING] = {"user": user.id, "next": next_url, "at": time.time()}
        log.info("login_needs_code", user_id=user.id, step=step)
        return redirect(url_for("portal.login_code" if step == "code" else "portal.login_enrol"), code=303)
    log.info("login_succeeded", user_id=user.id)
    return _sign_in(redirect(_safe_next(next_url, user), code=status), user)


def _pending() -> tuple[User, str] | None:
    """The user and next address of a login waiting for a one-time code (None: none, or too old)."""
    pending = session.get(PENDING)
    if not isinstance(pending, dict) or time.time() - float(pending.get("at", 0)) > PENDING_SECONDS:
        return None
    user = store().get_by_id(str(pending.get("user")))
    if user is None or not user.active:
        return None
    return user, str(pending.get("next") or "")


def _qr_code(uri: str) -> str:
    """The otpauth address as an SVG QR code (a data: URL, which the pages' CSP allows for images)."""
    return segno.make(uri, error="m").svg_data_uri(scale=5, border=2)


def _enrolment_page(user: User, form: EnrolForm, status: int = 200, *, during_login: bool):
    """The secret to set up (kept through a wrong code) with its QR code, and the form to prove it."""
    secret = form.secret.data if form.secret.data and SECRET.fullmatch(form.secret.data) else TotpStore.new_secret()
    form.secret.data = secret
    uri = TotpStore.provisioning_uri(secret, user.username)
    return render_template("portal/totp_enrol.html", form=form, secret=secret, qr=_qr_code(uri),
                           during_login=during_login, codes=None), status


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
        session.clear()  # a new session, so a CSRF token known before the login is worthless
        return finish_login(user, form.next.data or "")

    @bp.route("/login/code", methods=["GET", "POST"])
    @public
    def login_code():
        """The login's second step: a one-time code from the authenticator app (or a recovery code)."""
        pending = _pending()
        if pending is None:
            return redirect(url_for("portal.login"), code=303)
        user, next_url = pending
        form = CodeForm()
        if request.method == "GET":
            return render_template("portal/login_code.html", form=form, error=None)
        if not form.validate_on_submit():
            return render_template("portal/login_code.html", form=form, error=None), 422
        try:
            right = totp_store().verify(user.id, form.code.data, address())
        except TooManyAttempts:
            log.warning("login_code_rate_limited")
            return render_template("portal/login_code.html", form=form,
                                   error=_("Too many failed attempts. Try again in 15 minutes.")), 429
        if not right:
            log.info("login_code_failed", user_id=user.id)
            form.code.errors.append(_("The code is not right. Give the code your app shows now."))
            return render_template("portal/login_code.html", form=form, error=None), 401
        session.clear()
        log.info("login_succeeded", user_id=user.id, mfa=True)
        return _sign_in(redirect(_safe_next(next_url, user)), user, accounts.WITH_CODE)

    @bp.route("/login/enrol", methods=["GET", "POST"])
    @public
    def login_enrol():
        """A role that must sign in with a one-time code and has none yet: set one up to finish the login."""
        pending = _pending()
        if pending is None or totp_store().enrolled(pending[0].id):
            return redirect(url_for("portal.login"), code=303)
        user, next_url = pending
        codes, refusal = _confirm_enrolment(user, during_login=True)
        if refusal is not None:
            return refusal
        session.clear()
        log.info("totp_enrolled", user_id=user.id)
        log.info("login_succeeded", user_id=user.id, mfa=True)
        page = render_template("portal/totp_enrol.html", form=None, codes=codes, during_login=True,
                               next_url=_safe_next(next_url, user))
        return _sign_in(current_app.make_response(page), user, accounts.WITH_CODE)

    @bp.route("/account/totp", methods=["GET", "POST"])
    @allow()
    def account_totp():
        """Set up one's own one-time password (two-step login)."""
        principal = current_principal()
        user = store().get_by_id(principal.user_id or "")
        if user is None:  # a user of another issuer: their own login decides
            return render_template("portal/totp_status.html", enrolled=None, left=0), 404
        totp = totp_store()
        if totp.enrolled(user.id):
            return render_template("portal/totp_status.html", enrolled=True, left=totp.recovery_codes_left(user.id))
        codes, refusal = _confirm_enrolment(user, during_login=False)
        if refusal is not None:
            return refusal
        log.info("totp_enrolled", user_id=user.id)
        page = render_template("portal/totp_enrol.html", form=None, codes=codes, during_login=False,
                               next_url=url_for("portal.front"))
        response = current_app.make_response(page)
        # this browser goes on with a token that records the code
        return _sign_in(response, user, accounts.WITH_CODE) if g.auth_via == "cookie" else response

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
        flash(_("You have logged out."), "success")  # the login page says so: the person knows it worked
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
        return render_template("portal/password.html", form=form, done=False), form_status()

    @bp.get("/admin/users")
    @allow("admin")
    def admin_users():
        """Organisations and users with their roles, and the way to a new account."""
        return _users_page()

    @bp.post("/admin/users/active")
    @allow("admin")
    def admin_user_active():
        """Deactivate a user (no login, every token withdrawn at once) or activate them again."""
        form = ActivationForm()

        def change() -> None:
            active = form.active.data == "1"
            user = accounts.set_active(store(), current_principal(), form.username.data, active)
            log.info("user_activated" if active else "user_deactivated", user_id=user.id,
                     by=current_principal().user_id)
            audit_log("update", "administration", objects=[user.id])
            flash(_("%(name)s can log in again.", name=user.display_name) if active else
                  _("%(name)s can no longer log in and is signed out.", name=user.display_name), "success")

        return _on_user(form, _("Choose a user and whether to activate or deactivate them."), change)

    @bp.post("/admin/users/totp-reset")
    @allow("admin")
    def admin_user_totp_reset():
        """Remove a user's one-time password (a lost phone): they are signed out and set up a new one."""
        form = UserForm()

        def reset() -> None:
            user = accounts.reset_totp(store(), totp_store(), current_principal(), form.username.data)
            log.info("totp_reset", user_id=user.id, by=current_principal().user_id)
            flash(_("%(name)s's one-time password is removed: they set up a new one at their next login.",
                    name=user.display_name), "success")

        return _on_user(form, _("Choose a user."), reset)

    @bp.post("/admin/users/code")
    @allow("admin")
    def admin_user_code():
        """Give a user a new one-time code (a lost code, a forgotten password), shown once as at creation."""
        form = UserForm()
        if not form.validate_on_submit():
            return _users_page(error=_("Choose a user.")), 422
        principal = current_principal()
        try:
            invitation = accounts.new_code(store(), invitations(), principal, form.username.data)
        except DomainError as exc:
            return _users_page(error=_(exc.message)), exc.status
        user = store().get(form.username.data)
        log.info("user_code_renewed", user_id=user.id, by=principal.user_id)  # never the code
        audit_log("update", "administration", objects=[user.id])
        return render_template("portal/admin_user_created.html", user=user, invitation=invitation, renewed=True,
                               welcome=url_for("welcome.welcome", _external=True))

    return bp


def _confirm_enrolment(user: User, during_login: bool):
    """(the recovery codes, None) when the posted code confirms the user's new one-time password; else (None, the
    enrolment page again): the form on GET, why beside the code when it is refused (422, 429 while rate-limited)."""
    form = EnrolForm()
    if request.method == "GET" or not form.validate_on_submit():
        return None, _enrolment_page(user, form, 200 if request.method == "GET" else 422, during_login=during_login)
    try:
        return totp_store().confirm(user.id, form.secret.data, form.code.data, address()), None
    except TooManyAttempts:
        form.code.errors.append(_("Too many failed attempts. Try again in 15 minutes."))
        return None, _enrolment_page(user, form, 429, during_login=during_login)
    except IdentityError:
        form.code.errors.append(_("The code is not right. Give the code your app shows now."))
        return None, _enrolment_page(user, form, 422, during_login=during_login)


def _on_user(form, unchosen: str, change: Callable[[], None]):
    """An administrator's change of a user from the users page: the page again with why, when the form or the
    change is refused; else back to the page (303)."""
    if not form.validate_on_submit():
        return _users_page(error=unchosen), 422
    try:
        change()
    except DomainError as exc:
        return _users_page(error=_(exc.message)), exc.status
    return redirect(url_for("portal.admin_users"), code=303)


def _users_page(error: str | None = None):
    """Organisations and users, each user's state and last login; `?show=` narrows the users to one state
    (SHOWN), those waiting for their code listed the longest-waiting first."""
    identity = store()
    statuses = invitations().statuses()
    show = request.args.get("show", "")
    shown = SHOWN.get(show)
    users = [u for u in identity.list_users() if shown is None or shown(statuses[u.id])]
    if show in ("invited", "expired"):
        users.sort(key=lambda u: statuses[u.id].code_expires_at or datetime.min.replace(tzinfo=UTC))
    totp = totp_store()
    enrolled = {u.id for u in users if totp.enrolled(u.id)}
    audit_log("read", "administration", objects=[u.id for u in users])
    return render_template("portal/admin_users.html", organisations=identity.list_organisations(),
                           users=users, enrolled=enrolled, statuses=statuses, show=show if shown else "",
                           error=error, catalogue=processing)


bp = web_blueprint()
