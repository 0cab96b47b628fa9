"""The administrator's new user account: the form, and the one-time code to hand to the account's holder."""
from __future__ import annotations

import structlog
from flask import Blueprint, render_template, request, url_for
from flask_babel import gettext as _

from services.portal.context import audit_log, invitations, store
from services.portal.domain.identity import IdentityError
from services.portal.handlers import accounts
from services.portal.web.forms import NewUserForm
from shared.auth.policy import allow
from shared.auth.principal import current_principal
from shared.web.forms import choices
from shared.web.navigation import role_label

log = structlog.get_logger("kampus.portal")
bp = Blueprint("new_user", __name__)
FIELDS = {"display_name": "display_name", "username": "username", "roles": "role", "organisation": "organisation"}


def _form() -> NewUserForm:
    """The form with the roles an administrator may give and every organisation of the network, by name."""
    form = NewUserForm()
    form.role.choices = choices([("", _("Choose a role")), *((r, role_label(r)) for r in accounts.ACCOUNT_ROLES)])
    form.organisation.choices = choices([("", _("Choose an organisation")),
                                         *((o["slug"], o["name"]) for o in store().list_organisations())])
    return form


@bp.route("/admin/users/new", methods=["GET", "POST"])
@allow("admin")
def new_user():
    """Create a user account of any organisation (as `kampus users create`); the page then shows, once, the
    one-time code with which its holder sets their own password."""
    form = _form()
    if request.method == "GET" or not form.validate_on_submit():
        return render_template("portal/admin_user_new.html", form=form), 200 if request.method == "GET" else 422
    principal = current_principal()
    try:
        invitation = accounts.create_account(
            store(), invitations(), principal, username=form.username.data, display_name=form.display_name.data,
            organisation=form.organisation.data, role=form.role.data, email=form.email.data)
    except IdentityError as exc:
        target = getattr(form, FIELDS.get(exc.field, "username"))
        target.errors = [*target.errors, _(exc.message)]
        return render_template("portal/admin_user_new.html", form=form), 422
    user = store().get(invitation.account.username or "")
    log.info("user_created", user_id=user.id, by=principal.user_id)  # never the code
    audit_log("create", "administration", objects=[user.id])
    return render_template("portal/admin_user_created.html", user=user, invitation=invitation,
                           welcome=url_for("welcome.welcome", _external=True))
