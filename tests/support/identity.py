"""Real users behind the tokens tests make up, and an identity store for service apps run without a portal.

Services refuse a token whose user does not exist in the identity store, so a test that signs in as
"a manager of samk" gets such a user created (or brought up to date) first, and a token of the
user's current generation.
"""
from __future__ import annotations

from pathlib import Path

from services.portal.domain.identity import User
from services.portal.handlers.identity import IdentityStore
from shared.auth.principal import Principal
from shared.auth.revocation import StoreCheck
from shared.auth.tokens import TokenSettings, issue
from shared.migrations import upgrade


def ensure_user(identity: IdentityStore, principal: Principal) -> User:
    """The identity store's user with the principal's id, organisation, roles and client record."""
    organisation = principal.organisation or "sataedu"
    if identity.organisation(organisation) is None:
        identity.create_organisation(organisation, organisation, "company")
    name = principal.name or principal.username or "Test user"
    user = identity.get_by_id(principal.user_id)
    if user is None:
        username = f"{principal.username or 'user'}-{principal.user_id}"[:80]
        return identity.create_user(username, None, display_name=name, organisation=organisation,
                                    roles=sorted(principal.roles), client_id=principal.client_id,
                                    user_id=principal.user_id)
    if (user.organisation, set(user.roles), user.client_id, user.display_name) != (
            organisation, set(principal.roles), principal.client_id, name):
        user = identity.update_user(user.id, display_name=name, organisation=organisation,
                                    roles=sorted(principal.roles), client_id=principal.client_id)
    return user


def token_as(identity: IdentityStore, settings: TokenSettings, principal: Principal) -> str:
    """A token with exactly the principal's claims, for a real user of the store."""
    user = ensure_user(identity, principal)
    return issue(settings, principal, generation=user.generation)


class StandaloneIdentity:
    """An identity store of its own (SQLite) for service apps built without the portal.

    Pass `check` to `SERVICE.app_for(runtime, token_check=...)`; `token(principal)` signs with the
    settings of a Config built in code (those of every such Config of this process).
    """

    def __init__(self, directory: Path, settings: TokenSettings | None = None) -> None:
        from services.portal import SERVICE as PORTAL
        from shared.config import Config

        config = Config(service="portal", database_url=f"sqlite:///{directory / 'identity.sqlite3'}", testing=True)
        self.runtime = PORTAL.runtime(config)
        upgrade(self.runtime)
        self.store = IdentityStore(self.runtime.db, pepper="p" * 40)
        self.settings = settings or config.token_settings
        self.check = StoreCheck(self.store)

    def token(self, principal: Principal) -> str:
        return token_as(self.store, self.settings, principal)

    def close(self) -> None:
        self.runtime.close()
