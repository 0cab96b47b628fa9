"""Running a page form's command: one unit of work, its refusal's field problems shown beside the form."""
from __future__ import annotations

from collections.abc import Callable

from services.intake.context import runtime, show_errors
from shared.errors import Invalid
from shared.runtime import Work


def run_for_form(form, command: Callable[[Work], object], aliases: dict[str, str] | None = None) -> bool:
    """Run command(work) in one transaction; when its input is refused, show why beside the form's fields
    (`aliases` maps a command's field to the form's) and return False."""
    try:
        with runtime().work() as work:
            command(work)
    except Invalid as exc:
        show_errors(form, exc.fields, aliases)
        return False
    return True
