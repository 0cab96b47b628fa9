"""Possible shared clients, as the network's overlap detection (matching) reports them to this organisation.

Matching compares the person keys that intakes publish and, when two organisations hold the same person
and both have a basis (the client's consent or a legal basis), sends each of the two an addressed
`matching.shared_client.found`. This intake makes a notice of it and logs the disclosure; other members
receive nothing, and no member holds another's keys.
"""
from __future__ import annotations

import uuid

from sqlalchemy import insert, select, update

from services.intake.db import clients, shared_client_notices
from services.intake.handlers.person_keys import overlap_allowed, record_disclosure
from shared.events.envelope import Envelope, utcnow
from shared.runtime import Work


def on_shared_client_found(work: Work, envelope: Envelope) -> None:
    """Give the manager of our client a notice naming the other organisation; log the disclosure."""
    session = work.session
    payload = envelope.payload
    client_id, other_org, other_client = (str(payload["client_id"]), payload["other_organisation"],
                                          str(payload["other_client_id"]))
    row = session.execute(select(clients.c.id, clients.c.organisation, clients.c.status, clients.c.person_key_version)
                          .where(clients.c.id == client_id)).first()
    if row is None or row.status == "erased" or row.organisation == other_org:
        return
    if envelope.recipient is not None and row.organisation != envelope.recipient:
        return  # not this organisation's client: nothing to note
    if not overlap_allowed(work, client_id):
        return  # the basis went away after matching compared the keys (a withdrawn consent)
    t = shared_client_notices
    exists = session.execute(select(t.c.id).where(t.c.client_id == client_id, t.c.other_organisation == other_org,
                                                  t.c.other_client_id == other_client)).first()
    if exists is not None:
        return
    now = utcnow()
    session.execute(insert(t).values(id=str(uuid.uuid4()), client_id=client_id, other_organisation=other_org,
                                     other_client_id=other_client, status="open", created_at=now, updated_at=now))
    record_disclosure(session, client_id, other_org, other_client)


def on_overlap_agreed(work: Work, envelope: Envelope) -> None:
    """The other organisation recorded which of the two leads: our open notice of the same person is settled with
    that agreement (resolved by nobody here, which the pages show as recorded by the other organisation). A notice
    already resolved here stays as our manager left it."""
    payload = envelope.payload
    client_id, other_client = str(payload["client_id"]), str(payload["other_client_id"])
    row = work.session.execute(select(clients.c.organisation).where(clients.c.id == client_id)).first()
    if row is None or row.organisation != envelope.recipient:
        return
    if payload["lead_organisation"] not in (envelope.organisation, envelope.recipient):
        return  # an agreement names one of the two
    t = shared_client_notices
    now = utcnow()
    work.session.execute(update(t).where(t.c.client_id == client_id, t.c.other_organisation == envelope.organisation,
                                         t.c.other_client_id == other_client, t.c.status == "open")
                         .values(status="lead_agreed", lead_organisation=payload["lead_organisation"],
                                 resolved_by=None, resolved_at=now, updated_at=now))


HANDLERS = {"matching.shared_client.found": on_shared_client_found,
            "intake.overlap.agreed": on_overlap_agreed}
