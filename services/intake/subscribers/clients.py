"""What intake does when a client is erased anywhere in the network (GDPR Art. 17)."""
from __future__ import annotations

from sqlalchemy import delete

from services.intake.db import shared_client_notices, shared_contacts
from shared.events.envelope import Envelope
from shared.runtime import Work


def on_client_erased(work: Work, envelope: Envelope) -> None:
    """Forget the shared-client notices and the contacts shared about the erased client."""
    organisation, client_id = envelope.organisation, str(envelope.payload["client_id"])
    work.session.execute(delete(shared_client_notices).where(
        shared_client_notices.c.other_organisation == organisation,
        shared_client_notices.c.other_client_id == client_id))
    work.session.execute(delete(shared_contacts).where(shared_contacts.c.client_id == client_id))


HANDLERS = {"intake.client.erased": on_client_erased}
