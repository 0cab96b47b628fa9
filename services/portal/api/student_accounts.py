"""Student accounts through the API: a manager invites a client of their organisation, sees the login's state,
sends a new code or disables it (the same as the client card's section in intake and `kampus users invite`)."""
from __future__ import annotations

from flask import request
from flask.views import MethodView
from flask_smorest import Blueprint
from marshmallow import Schema, validate

from services.portal.context import (
    address,
    audit_account,
    external_claims,
    external_logins,
    invitations,
    settings,
    store,
)
from services.portal.domain.identity import TooManyAttempts
from services.portal.handlers import invitation_mail
from shared.auth import allow, current_principal
from shared.errors import N_, Conflict, NotFound
from shared.web import fields
from shared.web.errors import ApiError
from shared.web.peer import client_names

blp = Blueprint("student_accounts", __name__, url_prefix="/api/v1/student-accounts",
                description="Logins of clients (students), linked to their client record.")


class InviteIn(Schema):
    client_id = fields.UUID(required=True, metadata={"description": "the client record in your organisation's intake"})
    display_name = fields.String(validate=validate.Length(1, 200), load_default=None,
                                 metadata={"description": "default: the name on the client record"})
    email = fields.Email(allow_none=True, load_default=None, validate=validate.Length(max=254),
                         metadata={"description": "where the one-time link goes (when the portal sends mail)"})
    username = fields.String(allow_none=True, load_default=None, validate=validate.Length(1, 80))
    locale = fields.String(allow_none=True, load_default=None, validate=validate.OneOf(["fi", "sv", "en"]))


class AccountOut(Schema):
    state = fields.String(required=True, metadata={
        "description": "none, invited, active (a password is set), linked (to the student's login at their "
                       "organisation's issuer) or disabled"})
    username = fields.String(allow_none=True)
    expires_at = fields.String(allow_none=True, metadata={"description": "when a pending code stops working"})


class LinkIn(Schema):
    code = fields.String(required=True, validate=validate.Length(1, 40),
                         metadata={"description": "the invitation's one-time code, as printed or e-mailed"})


class InvitationOut(AccountOut):
    emailed = fields.Boolean(required=True, metadata={"description": "the code went out by e-mail"})
    code = fields.String(allow_none=True, metadata={
        "description": "the one-time code to print for the student, shown once (null when e-mailed)"})


def _answer(invitation, name: str, locale: str | None) -> dict:
    emailed = invitation_mail.deliver(settings(), invitation, name=name, base_url=request.host_url, locale=locale)
    return {**invitation.account.as_dict(), "emailed": emailed, "code": None if emailed else invitation.code}


def _user_id(username: str | None) -> str | None:
    user = store().get(username) if username else None
    return user.id if user else None


@blp.route("")
class StudentAccounts(MethodView):
    @allow("manager")
    @blp.arguments(InviteIn)
    @blp.response(201, InvitationOut)
    def post(self, data):
        """Invite a client of your organisation: a student login linked to the client record, and its code."""
        principal = current_principal()
        client_id = str(data["client_id"])
        # The client must be one of the manager's own organisation: their intake says so (and gives the name).
        named = client_names("guidance", [client_id]) if principal.has("manager") else {}
        if client_id not in named:
            raise NotFound(N_("No such client of your organisation."))
        display_name = data["display_name"] or named[client_id]
        invitation = invitations().invite(principal, client_id, display_name=display_name,
                                          email=data["email"], username=data["username"], locale=data["locale"])
        audit_account("create", _user_id(invitation.account.username), str(data["client_id"]), principal.organisation)
        return _answer(invitation, display_name, data["locale"])


@blp.route("/<uuid:client_id>")
class StudentAccount(MethodView):
    @allow("manager")
    @blp.response(200, AccountOut)
    def get(self, client_id):
        """The state of a client's login: none, invited, active, linked or disabled."""
        return invitations().account(current_principal(), str(client_id)).as_dict()


@blp.route("/<uuid:client_id>/erasure")
class Erasure(MethodView):
    @allow("manager")
    @blp.response(200, AccountOut)
    def post(self, client_id):
        """Remove a client's login and its codes (the client's data is being erased)."""
        principal = current_principal()
        user = next((u for u in store().list_users() if u.client_id == str(client_id)
                     and u.organisation == principal.organisation), None)
        account = invitations().remove(principal, str(client_id))
        audit_account("erase", user.id if user else None, str(client_id), principal.organisation)
        return account.as_dict()


@blp.route("/<uuid:client_id>/resend")
class Resend(MethodView):
    @allow("manager")
    @blp.response(200, InvitationOut)
    def post(self, client_id):
        """A new code for a login not yet taken into use; the earlier code stops working."""
        principal = current_principal()
        invitation = invitations().resend(principal, str(client_id))
        user = store().get(invitation.account.username or "")
        audit_account("update", user.id if user else None, str(client_id), principal.organisation)
        return _answer(invitation, user.display_name if user else "", user.locale if user else None)


@blp.route("/<uuid:client_id>/disable")
class Disable(MethodView):
    @allow("manager")
    @blp.response(200, AccountOut)
    def post(self, client_id):
        """Disable a client's login: no more logins, every token withdrawn, a pending code void."""
        principal = current_principal()
        account = invitations().disable(principal, str(client_id))
        audit_account("update", _user_id(account.username), str(client_id), principal.organisation)
        return account.as_dict()


@blp.route("/link")
class Link(MethodView):
    @allow("student")
    @blp.arguments(LinkIn)
    @blp.response(200, AccountOut)
    def post(self, data):
        """Link the login you are signed in with — your organisation's own (a token of its issuer) — to the student
        login your invitation's code is for; the code then counts no more and you need no password here. A wrong,
        used or expired code, or one of another organisation's login, is refused on `code` (and counted as a
        failed attempt of your address)."""
        claims = external_claims()
        if claims is None:
            raise Conflict(N_("Sign in with your organisation's login first: this links that login."), on=None)
        try:
            user = external_logins().link_with_code(invitations(), data["code"], claims, current_principal(),
                                                    address())
        except TooManyAttempts:
            raise ApiError(429, "Too many failed attempts; try again later") from None
        return {"state": "linked", "username": user.username, "expires_at": None}
