"""Finding possible shared clients from the person keys that member organisations publish."""
from __future__ import annotations

import uuid

from sqlalchemy import insert, select, update

from services.intake.db import clients, network_person_keys, shared_client_notices
from services.intake.domain.overlap import KeyHolder, Notice, notices_for
from services.intake.handlers.access import HIDDEN_STATUSES
from shared.events.envelope import Envelope, utcnow
from shared.runtime import Work


def _remember(session, organisation: str, client_id: str, person_key: str) -> None:
    """Keep another instance's key (the newest one per client of that organisation)."""
    t = network_person_keys
    found = session.execute(select(t.c.id).where(t.c.organisation == organisation, t.c.client_id == client_id)).first()
    if found is None:
        session.execute(insert(t).values(person_key=person_key, organisation=organisation, client_id=client_id,
                                         received_at=utcnow()))
    else:
        session.execute(update(t).where(t.c.id == found.id).values(person_key=person_key, received_at=utcnow()))


def _holders(session, person_key: str) -> list[KeyHolder]:
    """Everyone known to hold the key: this instance's clients and other instances' published keys."""
    local = session.execute(select(clients.c.organisation, clients.c.id).where(
        clients.c.person_key == person_key, clients.c.status.not_in(HIDDEN_STATUSES))).all()
    remote = session.execute(select(network_person_keys.c.organisation, network_person_keys.c.client_id).where(
        network_person_keys.c.person_key == person_key)).all()
    return [KeyHolder(o, c, True) for o, c in local] + [KeyHolder(o, c, False) for o, c in remote]


def _add(session, notice: Notice) -> None:
    t = shared_client_notices
    exists = session.execute(select(t.c.id).where(t.c.client_id == notice.client_id,
                                                  t.c.other_organisation == notice.other_organisation,
                                                  t.c.other_client_id == notice.other_client_id)).first()
    if exists is None:
        now = utcnow()
        session.execute(insert(t).values(id=str(uuid.uuid4()), client_id=notice.client_id,
                                         other_organisation=notice.other_organisation,
                                         other_client_id=notice.other_client_id, status="open",
                                         created_at=now, updated_at=now))


def on_person_key(work: Work, envelope: Envelope) -> None:
    """Store another organisation's key, and give a notice to each side this instance serves."""
    session = work.session
    client_id, person_key = envelope.payload["client_id"], envelope.payload["person_key"]
    local = session.execute(select(clients.c.organisation, clients.c.person_key, clients.c.status)
                            .where(clients.c.id == client_id)).first()
    if local is None:
        _remember(session, envelope.organisation, client_id, person_key)
        published = KeyHolder(envelope.organisation, client_id, False)
    elif local.status == "erased" or local.person_key != person_key:
        return  # erased since, or the key changed: the newer key is the one that counts
    else:
        published = KeyHolder(local.organisation, client_id, True)
    for notice in notices_for(published, _holders(session, person_key)):
        _add(session, notice)


HANDLERS = {"intake.person_key.published": on_person_key}
