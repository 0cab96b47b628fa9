"""Intake's request context: the shared one (shared/web/context.py) and the signed-in student's record."""
from __future__ import annotations

from flask import abort

from shared.auth import current_principal
from shared.web.context import LANGS, lang, runtime, show_errors


def student_client_id() -> str:
    """The client record of the signed-in student, or the 404 page when none is linked."""
    client_id = current_principal().client_id
    if not client_id:
        abort(404)
    return client_id


__all__ = ["LANGS", "lang", "runtime", "show_errors", "student_client_id"]
