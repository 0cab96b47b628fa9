"""Overlap detection, hosted by the network: person keys compared here, and only the two organisations
concerned told, each only when both have a basis (the client's consent or a legal basis).

Intakes publish every client's key with `overlap` saying whether it may be used for this purpose; a key
without it is not kept (and one kept before is forgotten: a withdrawn consent). Keys are compared within
one key version, so shared clients keep being found while member intakes rotate the secret one by one.
"""
from __future__ import annotations

from sqlalchemy import delete, insert, select

from services.matching.db import person_keys, shared_clients_told
from shared.events.envelope import Envelope, utcnow
from shared.runtime import Work


def forget(work: Work, client_id: str) -> None:
    """Drop every key of a client (no basis any more, or erased)."""
    work.session.execute(delete(person_keys).where(person_keys.c.client_id == client_id))


def _told(work: Work, client_id: str, other_client_id: str) -> bool:
    t = shared_clients_told
    return work.session.execute(select(t.c.client_id).where(
        t.c.client_id == client_id, t.c.other_client_id == other_client_id)).first() is not None


def _tell(work: Work, organisation: str, client_id: str, other_organisation: str, other_client_id: str,
          version: int) -> None:
    """Tell `organisation`, and it alone, that its client is also a client of `other_organisation`."""
    work.emit("matching.shared_client.found", {
        "client_id": client_id, "other_organisation": other_organisation, "other_client_id": other_client_id,
        "key_version": version}, to=organisation)
    work.session.execute(insert(shared_clients_told).values(client_id=client_id, other_client_id=other_client_id,
                                                            told_at=utcnow()))


def on_person_key(work: Work, envelope: Envelope) -> None:
    payload = envelope.payload
    client_id, key, version = str(payload["client_id"]), payload["person_key"], int(payload.get("key_version", 1))
    organisation = envelope.organisation
    if not payload.get("overlap"):
        forget(work, client_id)
        return
    t = person_keys
    work.session.execute(delete(t).where(t.c.client_id == client_id, t.c.key_version == version))
    work.session.execute(insert(t).values(client_id=client_id, key_version=version, person_key=key,
                                          organisation=organisation, received_at=utcnow()))
    others = work.session.execute(select(t.c.client_id, t.c.organisation).where(
        t.c.key_version == version, t.c.person_key == key, t.c.organisation != organisation)).all()
    for other in others:
        if not _told(work, client_id, other.client_id):
            _tell(work, organisation, client_id, other.organisation, other.client_id, version)
        if not _told(work, other.client_id, client_id):
            _tell(work, other.organisation, other.client_id, organisation, client_id, version)


HANDLERS = {"intake.person_key.published": on_person_key}
