"""Commands on accounts that the pages and the API share: sign in and out, passwords, activation, tokens.

Each takes the identity store (each of its calls is one transaction) and raises shared.errors.
"""
from __future__ import annotations

from services.portal.domain.identity import IdentityError, User
from services.portal.domain.totp import mfa_required
from services.portal.handlers.identity import IdentityStore
from services.portal.handlers.invitations import Invitation, Invitations
from services.portal.handlers.totp import TotpStore
from shared.auth.linking import LINKED, linked_answer
from shared.auth.principal import ROLES, Principal
from shared.auth.revocation import StoreCheck
from shared.auth.tokens import InvalidToken
from shared.errors import N_, Conflict, Forbidden, NotFound


def log_in(store: IdentityStore, username: str, password: str, address: str) -> User | None:
    """The user if the password is right, else None; TooManyAttempts while the account or address is limited."""
    return store.authenticate(username, password, address)


PASSWORD_ONLY = ("pwd",)
WITH_CODE = ("pwd", "otp", "mfa")  # RFC 8176 methods, written into the token (claim `amr`)


def second_step(totp: TotpStore, user: User, required_roles: tuple[str, ...]) -> str | None:
    """What a user whose password was right must do before a token: "code" (give a one-time code),
    "enrol" (set one up: their role requires it) or None (nothing more)."""
    if totp.enrolled(user.id):
        return "code"
    if mfa_required(user.roles, required_roles):
        return "enrol"
    return None


def reset_totp(store: IdentityStore, totp: TotpStore, principal: Principal, username: str) -> User:
    """An administrator removes a user's one-time password (lost phone); the user's tokens stop working and
    the next login sets a new one up where the role requires it."""
    user = store.get(username)
    if user is None:
        raise NotFound(N_("There is no such user."))
    totp.reset(user.id)
    store.revoke_tokens(user.id)
    return user


def log_out(store: IdentityStore, principal: Principal) -> None:
    """Withdraw every token of a signed-in user, on every device."""
    if principal.is_authenticated:
        store.revoke_tokens(principal.user_id)


def change_password(store: IdentityStore, principal: Principal, current: str, new: str) -> User:
    """Change one's own password; every earlier token stops working (IdentityError on `current` or `new`)."""
    return store.change_password(principal.username, current, new)


def set_active(store: IdentityStore, principal: Principal, username: str, active: bool) -> User:
    """An administrator deactivates a user (no login, every token withdrawn) or activates them again."""
    user = store.get(username)
    if user is None:
        raise NotFound(N_("There is no such user."))
    if user.id == principal.user_id:
        raise Conflict(N_("You cannot deactivate your own account."), on=None)
    return store.set_active(user.username, active)


def new_code(store: IdentityStore, invitations: Invitations, principal: Principal, username: str) -> Invitation:
    """An administrator gives a user a new one-time code (a lost code, a forgotten password): the user's
    password and earlier code stop working and they are signed out. Refused for one's own account (the code
    would sign the administrator out mid-way: their own password is changed at /account/password), for a
    deactivated one and for a student who logs in at their own organisation."""
    if not principal.has("admin"):
        raise Forbidden(N_("Only an administrator gives user accounts new codes."))
    user = store.get(username)
    if user is None:
        raise NotFound(N_("There is no such user."))
    if user.id == principal.user_id:
        raise Conflict(N_("You change your own password on your account's password page."), on=None)
    status = invitations.statuses()[user.id]
    if status.state == "disabled":
        raise Conflict(N_("Activate the account first."), on=None)
    if status.state == "linked":
        raise Conflict(N_("This account logs in at its own organisation and has no password here."), on=None)
    return invitations.renew(user, principal.user_id)


def introspect(store: IdentityStore, verifier, token: str, links=None) -> dict:
    """Whether a token still holds (RFC 7662): {"active": False}, or its subject and expiry; for an external
    student token linked to a student login, that login too (`kampus_login`), which the services then see."""
    try:
        claims = verifier.decode(token)
    except InvalidToken:
        return {"active": False}
    if not verifier.built_in(claims):
        principal = verifier.principal(claims)
        try:
            linked = links.resolve(claims, principal) if links is not None else principal
        except InvalidToken:
            return {"active": False}
        answer = {"active": True, "sub": claims["sub"], "exp": claims["exp"]}
        if linked is not principal:
            answer[LINKED] = linked_answer(linked)
        return answer
    if not StoreCheck(store).holds(token, claims):
        return {"active": False}
    return {"active": True, "sub": claims["sub"], "exp": claims["exp"]}


# A student's login is made from their client card (an invitation links it to the client record), not here.
ACCOUNT_ROLES = tuple(role for role in ROLES if role != "student")


def create_account(store: IdentityStore, invitations: Invitations, principal: Principal, *, username: str,
                   display_name: str, organisation: str, role: str, email: str | None = None) -> Invitation:
    """An administrator makes a login in any organisation of the network, by the rules of `kampus users create`.

    The login has no password: its holder takes it into use at /welcome with the one-time code returned here
    (shown to the administrator once, stored only as a keyed hash) and chooses their own password."""
    if not principal.has("admin"):
        raise Forbidden(N_("Only an administrator creates user accounts."))
    display_name = (display_name or "").strip()
    if not display_name:
        raise IdentityError("display_name", N_("Give the person's name."))
    if role == "student":
        raise IdentityError("roles", N_("A student's login is made from the client's card by their service "
                                        "manager, which links it to the client record."))
    if role not in ACCOUNT_ROLES:
        raise IdentityError("roles", N_("Choose a role."))
    user = store.create_user(username, None, display_name=display_name, organisation=organisation, roles=[role],
                             email=(email or "").strip() or None)
    return invitations.first_code(user, principal.user_id)
