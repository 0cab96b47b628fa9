"""An introduced candidate's contact details went to the partner (intake.contact.disclosed): from now on the
partner's candidate page leads to the introduction's conversation, which intake keeps."""
from __future__ import annotations

from sqlalchemy import update

from services.matching.db import suggestions
from services.matching.domain import targets
from shared.events.envelope import Envelope
from shared.runtime import Work


def on_contact_disclosed(work: Work, envelope: Envelope) -> None:
    """Note when the contact went, on the need suggestion it went for (nothing when it is gone: erased)."""
    p = envelope.payload
    t = suggestions
    work.session.execute(update(t).where(
        t.c.id == str(p["suggestion_id"]), t.c.target_kind == targets.NEED, t.c.target_id == str(p["need_id"]),
        t.c.contact_disclosed_at.is_(None)).values(contact_disclosed_at=envelope.occurred_at))


HANDLERS = {"intake.contact.disclosed": on_contact_disclosed}
