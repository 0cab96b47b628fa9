"""The client card's student login: invite the client to the service, send a new code, disable the login.

The login lives in the portal's identity store; these pages ask the portal's API (`/api/v1/student-accounts`)
with the manager's own token, so the portal checks the manager's organisation as for any request of theirs.
The client's name and address are read here, where the manager is entitled to them (audited).
"""
from __future__ import annotations

from datetime import date

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _

from services.intake.context import lang, runtime
from services.intake.handlers import access
from shared.auth import allow, current_principal
from shared.web.forms import PageForm
from shared.web.navigation import link
from shared.web.peer import PeerUnavailable, call

bp = Blueprint("student_account_pages", __name__)
API = "/api/v1/student-accounts"


def _dated(body: dict) -> dict:
    expires = body.get("expires_at")
    return {**body, "expires_on": date.fromisoformat(expires[:10]) if expires else None}


def account_of(client_id) -> dict | None:
    """The state of the client's login as the portal tells it (None: the portal did not answer)."""
    try:
        status, body = call("portal", "GET", f"{API}/{client_id}", lang=lang())
    except PeerUnavailable:
        return None
    return _dated(body) if status == 200 else None


def _client(client_id):
    with runtime().work() as work:
        return access.load_client(work, current_principal(), client_id, what="contact_details", why="guidance")


def _refused(body: dict) -> str:
    error = body.get("error") or {}
    return error.get("message") or _("The login could not be changed. Try again later.")


def _act(client_id, method: str, path: str, payload_of, done: str):
    """Ask the portal as the manager; a new code is shown once as a printable letter."""
    if not PageForm().validate_on_submit():
        abort(400)
    row = _client(client_id)
    try:
        status, body = call("portal", method, path, payload_of(row), lang=lang())
    except PeerUnavailable:
        status, body = 503, {}
    back = redirect(url_for("client_pages.card", client_id=row.id) + "#account-title", code=303)
    if status >= 400:
        flash(_refused(body), "error")
        return back
    if body.get("code"):
        return render_template("intake/account/letter.html", client=row, client_id=row.id, account=_dated(body),
                               welcome=link("portal", "welcome"))
    flash(done, "success")
    return back


def _invitation(row) -> dict:
    return {"client_id": str(row.id), "display_name": f"{row.first_name} {row.last_name}".strip(),
            "email": row.email or None, "locale": lang()}


@bp.post("/clients/<uuid:client_id>/account/invite")
@allow("manager")
def invite(client_id):
    """Invite the client to the service: a student login linked to the record, its code e-mailed or printed."""
    return _act(client_id, "POST", API, _invitation, _("The invitation was sent by e-mail."))


@bp.post("/clients/<uuid:client_id>/account/resend")
@allow("manager")
def resend(client_id):
    """A new code for a login not taken into use yet; the earlier code stops working."""
    return _act(client_id, "POST", f"{API}/{client_id}/resend", lambda row: None,
                _("A new invitation was sent by e-mail."))


@bp.post("/clients/<uuid:client_id>/account/disable")
@allow("manager")
def disable(client_id):
    """Disable the client's login: no more logins, every token withdrawn."""
    return _act(client_id, "POST", f"{API}/{client_id}/disable", lambda row: None, _("The login was disabled."))
