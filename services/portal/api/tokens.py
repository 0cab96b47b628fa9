"""The token endpoint and token introspection: plain Flask routes, documented by api/schemas.py."""
from __future__ import annotations

import structlog
from flask import Blueprint, current_app, jsonify, request

from services.portal.context import address, mfa_required_roles, store, token_settings, totp_store
from services.portal.domain.identity import TooManyAttempts
from services.portal.handlers import accounts
from services.portal.handlers.identity import access_token
from shared.auth.keys import jwks as jwks_document
from shared.auth.policy import public
from shared.auth.web import csrf_exempt
from shared.web.errors import ApiError

log = structlog.get_logger("kampus.portal")


def api_blueprint() -> Blueprint:
    bp = Blueprint("auth_api", __name__)

    @bp.post("/auth/token")
    @public
    @csrf_exempt
    def token():
        """Username and password (and `otp`, a one-time code, when the user has one) for an access token
        (JSON only, so forms cannot forge it)."""
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
            user = accounts.log_in(store(), body["username"], body["password"], address())
        except TooManyAttempts:
            log.warning("token_rate_limited")
            raise ApiError(429, "Too many failed attempts; try again later") from None
        if user is None:
            log.info("token_refused")
            raise ApiError(401, "The username or password is not right")
        amr = accounts.PASSWORD_ONLY
        step = accounts.second_step(totp_store(), user, mfa_required_roles())
        if step == "enrol":
            raise ApiError(403, "Set up a one-time password in the portal (/account/totp) first", code="otp_setup")
        if step == "code":
            otp = body.get("otp")
            if not isinstance(otp, str) or not otp:
                raise ApiError(401, "Give the one-time code too", {"otp": ["Missing data for required field."]},
                               code="otp_required")
            try:
                right = totp_store().verify(user.id, otp, address())
            except TooManyAttempts:
                log.warning("token_rate_limited")
                raise ApiError(429, "Too many failed attempts; try again later") from None
            if not right:
                log.info("token_refused", reason="otp")
                raise ApiError(401, "The one-time code is not right", {"otp": ["The code is not right."]},
                               code="otp_required")
            amr = accounts.WITH_CODE
        settings = token_settings()
        return jsonify(access_token=access_token(settings, user, amr=amr), token_type="Bearer",
                       expires_in=settings.lifetime)

    @bp.get("/.well-known/jwks.json")
    @public
    def jwks():
        """The public keys that the portal's tokens are signed with (JWKS): services verify with them."""
        keys = current_app.extensions.get("kampus_signing_keys")
        response = jsonify(jwks_document(keys.published()) if keys is not None else {"keys": []})
        response.headers["Cache-Control"] = "public, max-age=300"
        return response

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
        return jsonify(accounts.introspect(store(), current_app.extensions["kampus_verifier"], token,
                                           current_app.extensions.get("kampus_external_logins")))

    return bp


bp = api_blueprint()
