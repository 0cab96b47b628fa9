"""The young person's own decisions on their page: a partner's wish to contact them, their objection to
guardian access and renewing their consents at 18 (their rights requests: web/own_rights.py)."""
from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, url_for
from flask_babel import gettext as _

from services.intake.context import runtime
from services.intake.handlers import disclosures, minors
from services.intake.web.minor_forms import AnswerForm
from shared.auth import allow, current_principal
from shared.errors import Conflict
from shared.web.forms import PageForm

bp = Blueprint("own_decisions", __name__)


def _back(anchor: str = ""):
    return redirect(url_for("own_page.me") + anchor, code=303)


def _answer() -> bool:
    form = AnswerForm()
    if not form.validate_on_submit() or form.yes() is None:
        abort(400)
    return bool(form.yes())


@bp.post("/me/disclosures/<uuid:request_id>")
@allow("student")
def answer_disclosure(request_id):
    """The young person says yes or no to a partner's wish to contact them."""
    yes = _answer()
    try:
        with runtime().work() as work:
            status = disclosures.decide(work, current_principal(), str(request_id), yes)
    except Conflict as exc:
        flash(_(exc.reason), "error")
    else:
        flash(_("Your contact details were given to the partner.") if status == disclosures.ACCEPTED
              else _("The partner gets nothing. Thank you for answering."), "success")
    return _back("#my-contacts-title")


@bp.post("/me/guardian-objection")
@allow("student")
def guardian_objection():
    """The young person objects to guardian access to their data, or withdraws the objection."""
    yes = _answer()
    principal = current_principal()
    if not principal.client_id:
        abort(404)
    with runtime().work() as work:
        minors.object_to_guardian_access(work, principal, principal.client_id, yes)
    flash(_("Your guardians will not be shown your details.") if yes
          else _("Your guardians may again ask to see your details."), "success")
    return _back("#my-guardians-title")


@bp.post("/me/consents/renew")
@allow("student")
def renew_consents():
    """The young person, now of age, confirms their consents themselves."""
    principal = current_principal()
    if not PageForm().validate_on_submit() or not principal.client_id:
        abort(400)
    with runtime().work() as work:
        minors.renew_consents(work, principal, principal.client_id)
    flash(_("Thank you! Your consents are now your own decision."), "success")
    return _back("#consents-title")
