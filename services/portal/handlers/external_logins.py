"""External identities of students: linked to their student login (and so to their client record) on first login.

A student who signs in at their organisation's own issuer (or at the network's OpenID Connect provider) presents a
token whose subject is unknown here and, usually, carries no `client_id`. The first time, the identity is linked to
the student login the manager invited, by a safe proof only (services.portal.domain.external_login): the
invitation's one-time code redeemed while signed in with it, or a verified e-mail address equal to the invited
client's. From then on every service sees that token as the student login: its user, organisation and client
record; a disabled login's tokens are refused, and the link goes with the login (erasure of the client).

Every service asks here for each request of an external student token (the portal and the embedded network read
the store directly, a service apart asks the portal's `/auth/introspect`, remembered for `TOKEN_CHECK_TTL`); the
answer is never kept with the token's verified signature, so disabling takes effect as for the built-in logins.
"""
from __future__ import annotations

import structlog
from sqlalchemy import delete, select, update
from sqlalchemy.exc import IntegrityError

from services.portal.db import external_logins, invitations, users
from services.portal.domain.external_login import Candidate, email_match, may_use_code, verified_email
from services.portal.domain.identity import UNUSABLE_PASSWORD, IdentityError, TooManyAttempts, User
from services.portal.handlers.identity import IdentityStore, _user, now
from services.portal.handlers.invitations import Invitations, linked_login
from shared.auth.principal import Principal
from shared.auth.tokens import InvalidToken
from shared.errors import N_

log = structlog.get_logger("kampus.portal")
STUDENT = "student"


def _student_logins(session, organisation: str):
    """The organisation's student logins invited with an address (those without one cannot match), with their
    links: the rule compares the addresses in their one normal form (Unicode-aware, so not in SQL)."""
    return session.execute(select(users, external_logins.c.subject.label("linked")).outerjoin(
        external_logins, external_logins.c.user_id == users.c.id).where(
        users.c.organisation == organisation, users.c.roles.like("%student%"), users.c.email.is_not(None))).all()


def _candidate(row) -> Candidate:
    return Candidate(str(row.id), row.organisation, row.email, bool(row.active),
                     row.password_hash != UNUSABLE_PASSWORD or row.linked is not None)


class ExternalLogins:
    """The links of external identities to student logins, on the identity store's database."""

    def __init__(self, store: IdentityStore, audit=None) -> None:
        self.store = store
        self.audit = audit  # the portal's audit store: every link is logged

    # --- what every service asks --------------------------------------------------------------------------

    def resolve(self, claims: dict, principal: Principal) -> Principal:
        """Who an external token's student is here: the linked student login's principal; the token's own
        principal while it is not linked (and no proof links it now); InvalidToken for a disabled login."""
        if not principal.has(STUDENT) or not principal.organisation:
            return principal
        issuer, subject = str(claims.get("iss") or ""), str(claims.get("sub") or "")
        with self.store.db.session() as s:
            row = self._linked(s, issuer, subject)
        if row is None and verified_email(claims) is not None:
            row = self._link_by_email(claims, principal)
        if row is None:
            return principal
        if not row.active or row.organisation != principal.organisation or row.link_organisation != row.organisation:
            raise InvalidToken("the student login linked to this identity is disabled")
        return _user(row).principal()

    @staticmethod
    def _linked(session, issuer: str, subject: str):
        return session.execute(select(users, external_logins.c.organisation.label("link_organisation")).join(
            external_logins, external_logins.c.user_id == users.c.id).where(
            external_logins.c.issuer == issuer, external_logins.c.subject == subject)).first()

    def _link_by_email(self, claims: dict, principal: Principal):
        """Link by a verified e-mail address equal to exactly one invited, unused login of the organisation."""
        organisation = str(principal.organisation)
        with self.store.db.session() as s:
            user_id = email_match(claims, organisation, [_candidate(r) for r in _student_logins(s, organisation)])
        if user_id is None:
            log.info("external_login_not_linked", reason="no single invited login with the verified address")
            return None
        if not self._link(str(claims["iss"]), str(claims["sub"]), user_id, organisation, "email"):
            return None
        with self.store.db.session() as s:
            return self._linked(s, str(claims["iss"]), str(claims["sub"]))

    def _link(self, issuer: str, subject: str, user_id: str, organisation: str, proof: str,
              invitation_id: str | None = None) -> bool:
        """Write the link, void the login's pending codes (it is taken into use), log it; False if it lost a race
        (the identity or the login was linked meanwhile)."""
        try:
            with self.store.db.transaction() as s:
                row = s.execute(select(users).where(users.c.id == user_id)).first()
                if row is None or row.password_hash != UNUSABLE_PASSWORD or not row.active or linked_login(s, user_id):
                    return False
                s.execute(external_logins.insert().values(issuer=issuer, subject=subject, user_id=user_id,
                                                          organisation=organisation, proof=proof, linked_at=now()))
                if invitation_id is not None:
                    s.execute(update(invitations).where(invitations.c.id == invitation_id).values(used_at=now()))
                s.execute(delete(invitations).where(invitations.c.user_id == user_id, invitations.c.used_at.is_(None)))
        except IntegrityError:
            log.info("external_login_link_race")
            return False
        log.info("external_login_linked", user_id=user_id, proof=proof)
        self._audit(_user(row), proof)
        return True

    def _audit(self, user: User, proof: str) -> None:
        if self.audit is None:
            return
        from shared.audit import log as audit_log

        audit_log(self.audit, user.principal(), "update", "user_account", "own_use",
                  subjects=[user.client_id] if user.client_id else [], objects=[user.id],
                  detail={"external_login": "linked", "proof": proof}, organisation=user.organisation)

    # --- the student's side: the invitation's code, redeemed while signed in with the external identity ------

    def link_with_code(self, invitations_: Invitations, code: str, claims: dict, principal: Principal,
                       address: str) -> User:
        """Link the signed-in external identity to the login the code invites; the code then counts no more.

        IdentityError on `code` for a wrong, used or expired code, one of another organisation's login, or one of
        a login in use already (counted as a failed attempt of the address); TooManyAttempts while limited."""
        if not principal.has(STUDENT):
            raise IdentityError("code", N_("Only a student's login can be linked to an invitation."))
        issuer, subject = str(claims.get("iss") or ""), str(claims.get("sub") or "")
        with self.store.db.session() as s:
            if self._linked(s, issuer, subject) is not None:
                raise IdentityError("code", N_("Your login is linked to your account already."))
            row = invitations_._find(s, code, address)
            usable = row is not None and may_use_code(
                token_organisation=principal.organisation, login_organisation=row.organisation, active=row.active,
                in_use=row.password_hash != UNUSABLE_PASSWORD or linked_login(s, row.id))
        if not usable or not self._link(issuer, subject, str(row.id), str(row.organisation), "code",
                                        invitation_id=str(row.invitation_id)):
            raise invitations_._refuse(address)
        user = self.store.get_by_id(str(row.id))
        assert user is not None
        return user


__all__ = ["ExternalLogins", "IdentityError", "TooManyAttempts"]
