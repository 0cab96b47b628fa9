"""Authentication and authorisation of every request, the same in every service."""
from __future__ import annotations

import hashlib

import structlog
from flask import Flask, current_app, g, jsonify, redirect, request, session
from flask_wtf.csrf import CSRFError, CSRFProtect

from shared.auth import linking, revocation, trust
from shared.auth.keys import KeysUnavailable
from shared.auth.policy import is_static, rule_for
from shared.auth.principal import ANONYMOUS
from shared.auth.tokens import InvalidToken, Verifier
from shared.web.errors import error_body

log = structlog.get_logger("kampus.auth")
TOKEN_COOKIE = "kampus_token"
SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}
SESSION_LOGIN = "_login"  # which login the session (and so its CSRF token) belongs to
METRICS_ENDPOINT = "health.metrics"  # guarded by its own token (METRICS_TOKEN), not by a login
CHECK_RETRY_AFTER = "30"
csrf = CSRFProtect()


def _is_api() -> bool:
    return request.path.startswith("/api/") or request.blueprint in ("auth_api",)


def _deny(status: int, message: str):
    if _is_api() or request.accept_mimetypes.best == "application/json":
        response = jsonify(error_body(status, message))
        response.status_code = status
        if status == 401:
            response.headers["WWW-Authenticate"] = 'Bearer realm="kampus"'
        if status == 503:
            response.headers["Retry-After"] = CHECK_RETRY_AFTER
        return response
    if status == 401:
        from urllib.parse import urlencode

        portal = current_app.config["KAMPUS_LINKS"]["portal"]
        back = request.script_root + request.path  # a path with pseudonymous ids at most, never a query
        if portal.startswith(("http://", "https://")):  # the portal is elsewhere: come back to this host
            back = request.host_url.rstrip("/") + back
        return redirect(portal + "login?" + urlencode({"next": back}))
    from flask import abort

    abort(status)


def token_check(app: Flask):
    """The app's way to learn whether a verified token still holds (None: it has none)."""
    return app.extensions.get("kampus_token_check")


def external_logins(app: Flask):
    """The app's way to learn which student login an external identity is linked to (None: it has none)."""
    return app.extensions.get("kampus_external_logins")


def _believe(verifier: Verifier, token: str):
    """The principal of a token that is valid and still holds.

    Raises InvalidToken when it is not, CheckUnavailable when nobody can say now (the portal is down).
    """
    try:
        claims = verifier.decode(token)
    except KeysUnavailable as exc:
        log.warning("issuer_keys_unavailable", reason=str(exc)[:200])
        raise revocation.CheckUnavailable("the issuer's keys could not be fetched") from exc
    if not verifier.built_in(claims):
        # Another issuer's token holds until it expires, as an OIDC one; a student's names the student login its
        # identity is linked to (asked on every request, never kept with the verified signature).
        g.external_claims = claims  # the portal's welcome page links an unlinked one with an invitation's code
        return linking.resolve(external_logins(current_app), token, claims, verifier.principal(claims))
    check = token_check(current_app)
    if check is None:
        log.error("token_check_missing", hint="set PORTAL_INTERNAL_URL (or OIDC_JWKS_URL)")
        raise revocation.CheckUnavailable("this service has no way to check tokens")
    if not check.holds(token, claims):
        raise InvalidToken("withdrawn: signed out, new password, deactivated or unknown user")
    return verifier.principal(claims)


def _authenticate(verifier: Verifier):
    header = request.headers.get("Authorization", "")
    if header:
        scheme, _, token = header.partition(" ")
        if scheme.lower() != "bearer" or not token:
            return "malformed Authorization header"
        try:
            g.principal, g.auth_via = _believe(verifier, token.strip()), "bearer"
        except InvalidToken as exc:
            log.info("token_rejected", reason=str(exc)[:100], via="bearer")
            return "invalid token"
        return None
    cookie = request.cookies.get(TOKEN_COOKIE)
    if cookie:
        try:
            g.principal, g.auth_via = _believe(verifier, cookie), "cookie"
            g.login_marker = hashlib.sha256(cookie.encode()).hexdigest()[:32]
        except InvalidToken as exc:
            log.info("token_rejected", reason=str(exc)[:100], via="cookie")
            g.clear_token_cookie = True
    return None


def _bind_session_to_login() -> None:
    """Start a new session (and so a new CSRF token) whenever the browser's login changes.

    The session cookie of each service holds the CSRF token; a token known from before a login
    (someone else's, or one planted) must not work after it, nor one from before a logout.
    """
    if g.auth_via == "bearer":
        return  # API clients send no session and need no CSRF token
    marker = g.get("login_marker")
    if session.get(SESSION_LOGIN) != marker:
        session.clear()
        if marker is not None:
            session[SESSION_LOGIN] = marker


def init_auth(app: Flask, config, check=None, keys=None) -> None:
    """Verify tokens and whether they still hold, enforce each route's declared access rule, protect forms
    against CSRF.

    `check` says whether a token still holds (shared.auth.revocation); without one the settings choose.
    `keys` are the built-in issuer's own (shared.auth.keys.LocalKeys) when this process holds them;
    otherwise its JWKS is fetched (shared.auth.trust).
    """
    app.extensions["kampus_verifier"] = Verifier(config.token_settings, trust.for_config(config, keys))
    app.extensions["kampus_token_check"] = check or revocation.for_config(config)
    app.extensions.setdefault("kampus_external_logins", linking.for_config(config))
    app.config.setdefault("WTF_CSRF_CHECK_DEFAULT", False)
    app.config.setdefault("WTF_CSRF_TIME_LIMIT", None)  # the token lives as long as the session
    app.config.update(
        SESSION_COOKIE_NAME=f"kampus_{config.service}_session", SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax", SESSION_COOKIE_SECURE=config.https_only,
    )
    csrf.init_app(app)

    @app.before_request
    def _guard():
        g.principal, g.auth_via = ANONYMOUS, None
        if request.endpoint == METRICS_ENDPOINT or is_static(request.endpoint):
            return None  # no login needed (Prometheus sends METRICS_TOKEN, which is none either)
        try:
            problem = _authenticate(app.extensions["kampus_verifier"])
        except revocation.CheckUnavailable:
            return _deny(503, "Signing in cannot be checked just now; try again in a moment")
        if problem:
            return _deny(401, problem)
        _bind_session_to_login()
        if request.endpoint is None:
            return None  # no such route: let the 404 through
        rule = rule_for(app, request.endpoint, request.method)
        if rule is None:
            log.warning("route_without_access_rule", endpoint=request.endpoint)
            return _deny(403, "This route declares no access rule")
        if not rule.permits(g.principal):
            if not g.principal.is_authenticated:
                return _deny(401, "Sign in first")
            return _deny(403, "Your role may not use this")
        if request.method not in SAFE_METHODS and g.auth_via != "bearer" and not getattr(
                app.view_functions.get(request.endpoint), "_kampus_csrf_exempt", False):
            csrf.protect()
        return None

    @app.after_request
    def _clear(response):
        if g.get("clear_token_cookie"):
            response.delete_cookie(TOKEN_COOKIE, path="/")
        return response

    @app.errorhandler(CSRFError)
    def _csrf_error(exc):
        if _is_api():
            return jsonify(error_body(400, "Missing or invalid CSRF token", code="csrf")), 400
        from shared.web.ui import render_error, wants_html

        return render_error(400) if wants_html() else (exc.description, 400)


def csrf_exempt(view):
    """Mark a JSON-only view that needs no CSRF token (it refuses form posts by content type)."""
    view._kampus_csrf_exempt = True
    return view
