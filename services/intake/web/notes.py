"""Case note pages: the client's notes and a form to record one, and the notes' section on the client card."""
from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import lazy_pgettext
from wtforms import DateField, SelectField, TextAreaField
from wtforms.validators import InputRequired, Optional

from services.intake.context import runtime
from services.intake.domain.notes import NOTE_KINDS
from services.intake.handlers import notes
from services.intake.handlers.access import load_client
from services.intake.web.commands import run_for_form
from shared import clock
from shared.auth import allow, current_principal
from shared.web.forms import PageForm, choices, form_status

bp = Blueprint("note_pages", __name__)

KIND_LABELS = {"meeting": _l("Meeting"), "phone": _l("Phone call"), "message": _l("Message"), "other": _l("Other")}


class NoteForm(PageForm):
    """A case note."""
    required_by_command = ("noted_on", "text")
    noted_on = DateField(_l("Day of the contact"), validators=[Optional()])
    kind = SelectField(_l("Type"), choices=choices((k, KIND_LABELS[k]) for k in NOTE_KINDS),
                       validators=[InputRequired()])
    # The note's text, not the type "Message" (fi both "Viesti" without a context of their own).
    text = TextAreaField(lazy_pgettext("case note", "Note"),
                         description=_l("What you discussed and agreed. Write only what the work needs."))


def _page(client_id: str, form: NoteForm, status: int = 200):
    principal = current_principal()
    with runtime().work() as work:
        client = load_client(work, principal, client_id, what="client_name", why="guidance")
        rows = notes.list_notes(work, principal, client_id)
    return render_template("intake/notes/page.html", client=client, notes=rows, form=form,
                           kinds=KIND_LABELS), status


@bp.get("/clients/<uuid:client_id>/notes")
@allow("manager")
def notes_page(client_id):
    """A client's case notes, newest first, with a form to record one."""
    return _page(str(client_id), NoteForm(formdata=None, data={"noted_on": clock.today(), "kind": "meeting"}))


@bp.post("/clients/<uuid:client_id>/notes")
@allow("manager")
def add_note(client_id):
    """Record a case note from the form; the refusal shows beside the field."""
    form = NoteForm()
    data = {"noted_on": form.noted_on.data, "kind": form.kind.data, "text": form.text.data or ""}
    if form.validate_on_submit() and run_for_form(
            form, lambda work: notes.add_note(work, current_principal(), str(client_id), data)):
        flash(_("The note was recorded."), "success")
        return redirect(url_for(".notes_page", client_id=client_id), code=303)
    return _page(str(client_id), form, form_status())


def _card_notes(client) -> dict:
    """The newest case notes for the client card (the read is audited)."""
    with runtime().work() as work:
        rows = notes.list_notes(work, current_principal(), client.id)
    return {"latest": rows[:3], "count": len(rows), "kinds": KIND_LABELS}


bp.add_app_template_global(_card_notes, "case_notes_card")
