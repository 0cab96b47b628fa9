"""A client erased anywhere (an erasure decision, the retention job's anonymisation): their student login goes."""
from __future__ import annotations

from services.portal.handlers.invitations import remove_student_login
from shared.events.envelope import Envelope
from shared.runtime import Work


def on_client_erased(work: Work, envelope: Envelope) -> None:
    """Remove the erased client's student login (nothing when they had none or it went already)."""
    from shared.audit.entry import SYSTEM

    client_id = str(envelope.payload["client_id"])
    user_id = remove_student_login(work.session, envelope.organisation, client_id)
    if user_id is not None:
        work.audit(SYSTEM, "erase", "user_account", "erasure", subjects=[client_id], objects=[user_id],
                   organisation=envelope.organisation)


HANDLERS = {"intake.client.erased": on_client_erased}
