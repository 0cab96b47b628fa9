"""What the portal's pages and API take from the app they run in: the identity store, token settings, caller."""
from __future__ import annotations

from flask import current_app, request

from services.portal.handlers.identity import IdentityStore
from shared.auth.tokens import TokenSettings


def store() -> IdentityStore:
    return current_app.extensions["kampus_identity"]


def token_settings() -> TokenSettings:
    return current_app.extensions["kampus"].config.token_settings


def address() -> str:
    """The caller's address, which failed logins are counted per."""
    return request.remote_addr or "unknown"
