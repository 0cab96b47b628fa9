"""Case notes (asiakaskirjaukset): what a service manager recorded of a contact with a client."""
from __future__ import annotations

from datetime import date

from services.intake.domain import N_

NOTE_KINDS = ("meeting", "phone", "message", "other")
NOTE_MAX = 4000

Errors = dict[str, list[str]]


def check_note(kind: str, text: str, noted_on: date | None, today: date) -> Errors:
    """A note has a known type, some text and the day of the contact, which has not yet to come."""
    errors: Errors = {}
    if kind not in NOTE_KINDS:
        errors["kind"] = [N_("Choose the type of the note.")]
    if not (text or "").strip():
        errors["text"] = [N_("Write the note.")]
    elif len(text) > NOTE_MAX:
        errors["text"] = [N_("The note is too long (at most 4000 characters).")]
    if noted_on is None:
        errors["noted_on"] = [N_("Give the day of the contact.")]
    elif noted_on > today:
        errors["noted_on"] = [N_("The day of the contact cannot be in the future.")]
    return errors
