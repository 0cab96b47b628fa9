"""The page of a conversation: its messages and the form to write one."""
from __future__ import annotations

from flask import Blueprint, redirect, render_template, url_for
from flask_babel import lazy_gettext as _l
from wtforms import TextAreaField

from services.intake.context import runtime
from services.intake.domain.conversations import MAX_LENGTH
from services.intake.handlers import conversations
from shared import formats
from shared.auth import allow, current_principal
from shared.errors import Invalid
from shared.web.forms import PageForm, show_problems

bp = Blueprint("conversation_pages", __name__)
KINDS = "<any(referral, environment, introduction):kind>"
TITLES = {"referral": _l("Conversation about a referral"), "environment": _l("Conversation about an environment"),
          "introduction": _l("Conversation about an introduction")}


class MessageForm(PageForm):
    required_by_command = ("body",)  # conversations.post refuses an empty message: not marked optional
    body = TextAreaField(_l("Message"), description=_l(
        "Plain text, at most 2000 characters. Only the parties of this conversation see it."))


def _page(kind: str, subject_id: str, form: MessageForm, status: int = 200):
    with runtime().work() as work:
        _subject, messages = conversations.thread(work, current_principal(), kind, subject_id)
    for message in messages:
        message["when"] = formats.datetime(message["created_at"])
    back = url_for("referral_pages.referrals") if kind == "referral" and current_principal().has("manager") \
        else None  # a referral's manager came from the referrals page; the others' ways in differ
    return render_template("intake/conversations/thread.html", title=TITLES[kind], messages=messages, form=form,
                           max_length=MAX_LENGTH, back=back), status


@bp.get(f"/conversations/{KINDS}/<uuid:subject_id>")
@allow("manager", "student", "partner")
def thread(kind, subject_id):
    """A conversation's messages, oldest first, and the form to write one."""
    return _page(kind, str(subject_id), MessageForm())


@bp.post(f"/conversations/{KINDS}/<uuid:subject_id>")
@allow("manager", "student", "partner")
def post(kind, subject_id):
    """Write a message to the conversation's other parties."""
    form = MessageForm()
    try:
        with runtime().work() as work:
            conversations.post(work, current_principal(), kind, str(subject_id), form.body.data)
    except Invalid as refusal:
        show_problems(form, refusal.fields)
        return _page(kind, str(subject_id), form, 422)
    return redirect(url_for(".thread", kind=kind, subject_id=subject_id, _anchor="latest"), code=303)
