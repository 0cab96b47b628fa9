"""A manager opts in to (or out of) the daily e-mail digest of new suggestions."""
from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_babel import gettext as _

from services.matching.context import lang, runtime
from services.matching.handlers import digest
from services.matching.web.forms import DigestForm
from shared.auth import allow, current_principal

bp = Blueprint("digest_pages", __name__)


def _page(form: DigestForm | None = None, status: int = 200):
    with runtime().db.session() as session:
        current = digest.subscription(session, current_principal())
    if form is None:
        form = DigestForm(formdata=None, data={"email": current["email"], "locale": current["locale"] or lang()})
    return render_template("matching/digest.html", form=form, current=current), status


@bp.get("/digest")
@allow("manager")
def digest_page():
    """Whether you receive the daily digest, and the form to change it."""
    return _page()


@bp.post("/digest")
@allow("manager")
def subscribe():
    """Receive the digest at this address."""
    form = DigestForm()
    if not form.validate():
        return _page(form, 422)
    with runtime().work() as work:
        digest.subscribe(work, current_principal(), form.email.data.strip(), form.locale.data)
    flash(_("You will receive the daily digest of new suggestions."), "success")
    return redirect(url_for(".digest_page"), code=303)


@bp.post("/digest/stop")
@allow("manager")
def unsubscribe():
    """Stop the digest."""
    with runtime().work() as work:
        digest.unsubscribe(work, current_principal())
    flash(_("You no longer receive the digest."), "success")
    return redirect(url_for(".digest_page"), code=303)
