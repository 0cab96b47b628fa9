"""The young person's own rights requests: filed from their page, answered by their service manager within a
month; they see each request's state and the decision (for an erasure, what is erased and what is kept)."""
from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from wtforms import RadioField, SelectField
from wtforms.validators import DataRequired

from services.intake.context import runtime
from services.intake.domain import erasure as erasure_rules
from services.intake.handlers import rights
from services.intake.web.rights import ACTION_LABELS
from shared.auth import allow, current_principal
from shared.errors import DomainError
from shared.web.forms import PageForm, choices, form_status, show_problems

bp = Blueprint("own_rights", __name__)

# What each request does, in words a 15-year-old understands (the register's names are the manager's).
OWN_KIND_LABELS = {
    "access": _l("Show me my data"),
    "rectification": _l("Correct my data"),
    "erasure": _l("Erase my data"),
    "restriction": _l("Pause the use of my data"),
    "objection": _l("Stop using my data for one thing"),
    "portability": _l("Give me my data to take elsewhere"),
}
OWN_KIND_HINTS = {
    "access": _l("You get a copy of everything the service knows about you."),
    "rectification": _l("Something about you is wrong. Your service manager asks you what to correct."),
    "erasure": _l("Your data is erased. If a law says some of it must be kept, you are told what and why."),
    "restriction": _l("Your data is kept but not used for the thing you choose, for example while something is "
                      "checked."),
    "objection": _l("You do not want your data used for the thing you choose. Your service manager decides and "
                    "tells you why."),
    "portability": _l("You get your data as a file you can give to another service."),
}
# The purposes and records of the register (web/rights.py has the manager's names), told to the young person.
OWN_PURPOSE_LABELS = {
    "guidance": _l("Help from your service manager and your own path"),
    "matching": _l("Suggestions of work and projects for you"),
    "contact_sharing": _l("Giving your contact details to companies and associations"),
    "statistics": _l("Counting you in statistics under a code, not your name"),
    "esf_reporting": _l("Reports to those who fund the project"),
}
OWN_RECORD_LABELS = {
    "client_record": _l("Your basic details"), "case_notes": _l("Your needs, path, answers and notes"),
    "matching": _l("Your competence profile and the suggestions made to you"),
    "statistics": _l("Statistics about you under a code, not your name"),
    "environments": _l("Your part in learning environments"), "audit_log": _l("The list of who handled your data"),
    "consents": _l("Your consents"), "rights_requests": _l("Your requests about your data"),
}
OWN_STATE_LABELS = {"open": _l("Waiting for an answer"), "extended": _l("The answer takes longer"),
                    "done": _l("Answered: done"), "refused": _l("Answered: refused")}


class OwnRequestForm(PageForm):
    kind = RadioField(_l("What do you want?"), validators=[DataRequired()],
                      choices=choices(OWN_KIND_LABELS.items()))
    purpose = SelectField(_l("For what?"), validate_choice=False,
                          description=_l("Only when you want to pause or stop the use of your data."))

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.purpose.choices = choices([("", _("– choose –")), *OWN_PURPOSE_LABELS.items()])


def _page(form: OwnRequestForm, status: int = 200):
    with runtime().work() as work:
        items = rights.own_requests(work, current_principal())
    return render_template("intake/rights/own.html", form=form, own_items=items, kinds=OWN_KIND_LABELS,
                           hints=OWN_KIND_HINTS, states=OWN_STATE_LABELS, purposes=OWN_PURPOSE_LABELS,
                           records=OWN_RECORD_LABELS, actions=ACTION_LABELS, reason_key=erasure_rules.reason_key,
                           youth_reasons=erasure_rules.YOUTH_REASONS, references=erasure_rules.REFERENCES), status


@bp.get("/me/rights")
@allow("student")
def own_requests():
    """The young person's requests and a form to make a new one."""
    return _page(OwnRequestForm(formdata=None))


@bp.post("/me/rights")
@allow("student")
def file_request():
    """File a request into the organisation's register of rights requests (received today)."""
    form = OwnRequestForm()
    if form.validate_on_submit():
        try:
            with runtime().work() as work:
                rights.file_own(work, current_principal(), form.kind.data or "", form.purpose.data or None)
        except DomainError as exc:
            show_problems(form, exc.fields or {"_schema": [exc.message]})
        else:
            flash(_("Your request is sent. Your service manager answers within a month; you see the answer here."),
                  "success")
            return redirect(url_for(".own_requests"), code=303)
    return _page(form, form_status())
